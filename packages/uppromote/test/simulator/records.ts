// Store records as UpPromote writes them: snake_case, referral money as decimal strings, other money as JSON numbers.
import { addDecimal } from '../../../../testing/simulator/decimal';
import { exactNumber } from '../../../../testing/simulator/http';
import type { Affiliate, Coupon, PaidPayment, Program, Referral, StoreState, Subscription } from './state';

/** Referral money has two decimal places ("0.00"), whatever the arithmetic left. */
export function money(decimal: string): string {
	const [whole, fraction = ''] = decimal.split('.');
	return `${whole}.${fraction.padEnd(2, '0')}`;
}

export function sumMoney(amounts: string[]): string {
	return money(amounts.reduce((total, amount) => addDecimal(total, amount), '0'));
}

/** What a referral earns once its adjustment is applied. */
export function referralEarning(referral: Referral): string {
	return referral.commissionAdjustment === null ? referral.commission : addDecimal(referral.commission, referral.commissionAdjustment);
}

export function programOf(state: StoreState, id: number): Program | undefined {
	return state.programs.find((program) => program.id === id);
}

export function affiliateOf(state: StoreState, id: number): Affiliate | undefined {
	return state.affiliates.find((affiliate) => affiliate.id === id);
}

export function programJson(program: Program): Record<string, unknown> {
	return {
		id: program.id,
		name: program.name,
		is_default: program.isDefault,
		status: program.status,
		commission_type: program.commissionType,
		commission_amount: program.commissionAmount,
		exclude_product_tax: false,
		exclude_shipping: true,
		exclude_shipping_tax: true,
		exclude_tip: true,
		exclude_self_referral: true,
		payment_methods: program.paymentMethods,
		payment_default: program.paymentMethods[0] ?? null,
		created_at: program.createdAt,
	};
}

function affiliateAmounts(state: StoreState, affiliate: Affiliate): Record<string, string | null> {
	const earnings = (status: Referral['status']) =>
		sumMoney(state.referrals.filter((referral) => referral.affiliateId === affiliate.id && referral.status === status).map(referralEarning));
	const paid = state.paidPayments.filter((payment) => payment.affiliateId === affiliate.id).map((payment) => payment.totalProcessed);
	return {
		paid_amount: exactNumber(paid.reduce((total, amount) => addDecimal(total, amount), '0')),
		approved_amount: exactNumber(earnings('approved')),
		pending_amount: exactNumber(earnings('pending')),
		denied_amount: exactNumber(earnings('denied')),
	};
}

export function affiliateJson(state: StoreState, affiliate: Affiliate): Record<string, unknown> {
	const program = programOf(state, affiliate.programId);
	const coupons = state.coupons.filter((coupon) => coupon.affiliateId === affiliate.id).map((coupon) => coupon.coupon);
	return {
		id: affiliate.id,
		email: affiliate.email,
		first_name: affiliate.firstName,
		last_name: affiliate.lastName,
		status: affiliate.status,
		email_verified: affiliate.emailVerified,
		company: affiliate.company,
		address: null,
		city: null,
		state: null,
		zipcode: null,
		country: affiliate.country,
		phone: null,
		facebook: null,
		twitter: null,
		youtube: null,
		instagram: null,
		website: affiliate.website,
		tiktok: null,
		w9_form: null,
		internal_note: null,
		created_at: affiliate.createdAt,
		default_affiliate_link: `https://shop.example.com?sca_ref=${affiliate.id}.${affiliate.email.split('@')[0].replace(/[^A-Za-z0-9]/g, '')}`,
		custom_affiliate_link: null,
		program_id: affiliate.programId,
		program_name: program?.name ?? '',
		custom_fields: affiliate.customFields,
		coupons,
		payment_method: affiliate.paymentMethod,
		...affiliateAmounts(state, affiliate),
	};
}

export function couponJson(state: StoreState, coupon: Coupon): Record<string, unknown> {
	return {
		id: coupon.id,
		affiliate_id: coupon.affiliateId,
		affiliate_email: affiliateOf(state, coupon.affiliateId)?.email ?? '',
		coupon: coupon.coupon,
		description: coupon.description,
		created_at: coupon.createdAt,
	};
}

export function referralJson(state: StoreState, referral: Referral): Record<string, unknown> {
	const affiliate = affiliateOf(state, referral.affiliateId);
	const program = programOf(state, referral.programId);
	return {
		id: referral.id,
		order_id: referral.orderId,
		order_number: referral.orderNumber,
		customer_id: referral.customerId,
		quantity: referral.quantity,
		total_sales: referral.totalSales,
		commission_rule: { program_id: referral.programId, commission_rate: program?.commissionAmount ?? '0.00', commission_type: program?.commissionType ?? 'percent' },
		commission_adjustment: referral.commissionAdjustment,
		status: referral.status,
		commission: referral.commission,
		refund_id: null,
		tracking_type: referral.trackingType,
		affiliate: { id: referral.affiliateId, email: affiliate?.email ?? '', first_name: affiliate?.firstName ?? null, last_name: affiliate?.lastName ?? null },
		coupon_applied: referral.couponApplied,
		customer_email: referral.customerEmail,
		created_at: referral.createdAt,
	};
}

/** A paid payment, in the key order of UpPromote's `payment.paid` example (the signature covers these exact bytes). */
export function paidPaymentJson(state: StoreState, payment: PaidPayment): Record<string, unknown> {
	return {
		payment_id: payment.paymentId,
		affiliate_id: payment.affiliateId,
		status: payment.status,
		affiliate_email: affiliateOf(state, payment.affiliateId)?.email ?? '',
		total_referrals: payment.totalReferrals,
		total_processed: exactNumber(payment.totalProcessed),
		payment_method: payment.paymentMethod,
		processed_at: payment.processedAt,
	};
}

/** Approved referrals not yet paid, one row per affiliate; UpPromote gives these rows no id and no timestamp. */
export function unpaidRows(state: StoreState): Record<string, unknown>[] {
	const rows: Record<string, unknown>[] = [];
	for (const affiliate of state.affiliates) {
		const owed = state.referrals.filter((referral) => referral.affiliateId === affiliate.id && referral.status === 'approved');
		if (owed.length === 0) continue;
		rows.push({
			affiliate_id: affiliate.id,
			affiliate_email: affiliate.email,
			total_referrals: owed.length,
			payment_method: affiliate.paymentMethod ?? 'no_payment_method',
			total_commission: exactNumber(sumMoney(owed.map(referralEarning))),
			total_sales: exactNumber(sumMoney(owed.map((referral) => referral.totalSales))),
			total_products: owed.reduce((total, referral) => total + (referral.quantity ?? 0), 0),
			referral_ids: owed.map((referral) => referral.id),
		});
	}
	return rows;
}

export function subscriptionJson(subscription: Subscription): Record<string, unknown> {
	return {
		id: subscription.id,
		event: subscription.event,
		target_url: subscription.targetUrl,
		secret_key: subscription.secretKey,
		status: subscription.status,
		version: 'v2',
		created_at: subscription.createdAt,
	};
}
