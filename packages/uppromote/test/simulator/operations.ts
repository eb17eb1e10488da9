// State changes of the store, shared by the API and the control calls; each returns the webhook events it fires.
import { isEmail, isNonEmptyString, SimulatorError } from '../../../../testing/simulator/http';
import type { WebhookEvent } from './events';
import { affiliateJson, affiliateOf, money, paidPaymentJson, programOf, referralJson, sumMoney, referralEarning } from './records';
import { fieldError, NOT_FOUND, parameterError } from './responses';
import { timestamp, type Affiliate, type AffiliateStatus, type PaidPayment, type Referral, type ReferralStatus, type StoreState } from './state';
import type { ApiResponse } from '../../../../testing/simulator/http';

export interface FiredEvent {
	event: WebhookEvent;
	payload: unknown;
}

export interface Outcome<T> {
	record: T;
	events: FiredEvent[];
}

/** A request the API refuses with this response (422 or 404). */
export class Refusal extends Error {
	constructor(readonly response: ApiResponse) {
		super('refused');
	}
}

function optionalString(body: Record<string, unknown>, name: string): string | null {
	const value = body[name];
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string') throw new Refusal(fieldError(name, `The ${name.replace(/_/g, ' ')} must be a string.`));
	return value;
}

function integerId(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	return undefined;
}

export function createAffiliate(state: StoreState, body: Record<string, unknown>, now: Date): Outcome<Affiliate> {
	const errors: Record<string, string[]> = {};
	if (body.email === undefined || body.email === null || body.email === '') errors.email = ['The email field is required.'];
	else if (!isEmail(body.email)) errors.email = ['The email must be a valid email address.'];
	else if (state.affiliates.some((affiliate) => affiliate.email.toLowerCase() === (body.email as string).toLowerCase())) errors.email = ['The email has already been taken.'];
	if (body.status !== undefined && body.status !== 'active' && body.status !== 'inactive') errors.status = ['The selected status is invalid.'];
	if (body.send_email !== undefined && typeof body.send_email !== 'boolean') errors.send_email = ['The send email field must be true or false.'];
	const programId = body.program_id === undefined ? undefined : integerId(body.program_id);
	if (body.program_id !== undefined && (programId === undefined || !programOf(state, programId))) errors.program_id = ['The selected program id is invalid.'];
	if (Object.keys(errors).length > 0) throw new Refusal(parameterError(errors));
	const affiliate: Affiliate = {
		id: state.nextId.affiliate++,
		email: body.email as string,
		firstName: optionalString(body, 'first_name'),
		lastName: optionalString(body, 'last_name'),
		status: (body.status as AffiliateStatus | undefined) ?? 'active',
		emailVerified: 'unverified',
		company: optionalString(body, 'company'),
		country: optionalString(body, 'country'),
		website: optionalString(body, 'website'),
		programId: programId ?? state.programs.find((program) => program.isDefault)!.id,
		paymentMethod: null,
		customFields: [],
		createdAt: timestamp(now),
	};
	state.affiliates.push(affiliate);
	return { record: affiliate, events: [{ event: 'affiliate.new', payload: affiliateJson(state, affiliate) }] };
}

/** `POST /affiliate/active`: approved makes the affiliate active, denied makes it inactive. */
export function approveOrDenyAffiliate(state: StoreState, body: Record<string, unknown>): Outcome<Affiliate> {
	const errors: Record<string, string[]> = {};
	const idField = body.affiliate_id !== undefined ? 'affiliate_id' : 'id';
	const id = integerId(body[idField]);
	if (body[idField] === undefined) errors.affiliate_id = ['The affiliate id field is required.'];
	else if (id === undefined) errors[idField] = [`The ${idField.replace(/_/g, ' ')} must be an integer.`];
	if (body.status === undefined) errors.status = ['The status field is required.'];
	else if (body.status !== 'approved' && body.status !== 'denied') errors.status = ['The selected status is invalid.'];
	if (Object.keys(errors).length > 0) throw new Refusal(parameterError(errors));
	const affiliate = affiliateOf(state, id!);
	if (!affiliate) throw new Refusal(NOT_FOUND);
	return setAffiliateStatus(state, affiliate, body.status === 'approved' ? 'active' : 'inactive');
}

export function setAffiliateStatus(state: StoreState, affiliate: Affiliate, status: AffiliateStatus): Outcome<Affiliate> {
	const previous = affiliate.status;
	affiliate.status = status;
	if (previous === status) return { record: affiliate, events: [] };
	const events: FiredEvent[] = [];
	if (status === 'active') events.push({ event: 'affiliate.approved', payload: affiliateJson(state, affiliate) });
	if (status === 'inactive') events.push({ event: 'affiliate.inactive', payload: affiliateJson(state, affiliate) });
	events.push({ event: 'affiliate.status-changed', payload: { affiliate_id: affiliate.id, previous_status: previous, current_status: status } });
	return { record: affiliate, events };
}

export function referralById(state: StoreState, id: number): Referral {
	const referral = state.referrals.find((candidate) => candidate.id === id);
	if (!referral) throw new Refusal(NOT_FOUND);
	return referral;
}

/** `POST /referral/{id}/adjustment`: adds a positive or negative amount to the referral's commission adjustment. */
export function adjustReferral(state: StoreState, referral: Referral, body: Record<string, unknown>): Referral {
	const adjustment = body.adjustment;
	if (adjustment === undefined || adjustment === null || adjustment === '') throw new Refusal(fieldError('adjustment', 'The adjustment field is required.'));
	const text = typeof adjustment === 'number' && Number.isFinite(adjustment) ? String(adjustment) : typeof adjustment === 'string' ? adjustment.trim() : '';
	if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Refusal(fieldError('adjustment', 'The adjustment must be a number.'));
	referral.commissionAdjustment = sumMoney([referral.commissionAdjustment ?? '0', text]);
	return referral;
}

export interface NewReferral {
	affiliate_id?: unknown;
	total_sales?: unknown;
	commission?: unknown;
	order_id?: unknown;
	order_number?: unknown;
	quantity?: unknown;
	customer_email?: unknown;
	status?: unknown;
}

function decimalInput(value: unknown, name: string, fallback: string): string {
	if (value === undefined || value === null) return fallback;
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || !/^\d+(\.\d+)?$/.test(text)) throw new SimulatorError(400, `${name} must be a decimal number >= 0`);
	return money(text);
}

/** A referral as UpPromote records one for a tracked order (control call: its API path is unknown). */
export function createReferral(state: StoreState, input: NewReferral, now: Date): Outcome<Referral> {
	const affiliateId = integerId(input.affiliate_id) ?? state.affiliates.find((affiliate) => affiliate.status === 'active')?.id;
	const affiliate = affiliateId === undefined ? undefined : affiliateOf(state, affiliateId);
	if (!affiliate) throw new SimulatorError(404, `no affiliate ${String(input.affiliate_id)}`);
	const status = (input.status ?? 'pending') as ReferralStatus;
	if (!['pending', 'approved', 'denied'].includes(status)) throw new SimulatorError(400, "status must be 'pending', 'approved' or 'denied'");
	if (input.customer_email !== undefined && !isNonEmptyString(input.customer_email)) throw new SimulatorError(400, 'customer_email must be a string');
	const hasOrder = input.order_id !== undefined && input.order_id !== null;
	const referral: Referral = {
		id: state.nextId.referral++,
		orderId: hasOrder ? (integerId(input.order_id) ?? null) : null,
		orderNumber: hasOrder ? (integerId(input.order_number) ?? null) : null,
		customerId: null,
		quantity: hasOrder ? (integerId(input.quantity) ?? 1) : null,
		totalSales: decimalInput(input.total_sales, 'total_sales', '0.00'),
		commission: decimalInput(input.commission, 'commission', '0.00'),
		commissionAdjustment: null,
		status,
		trackingType: 'link',
		affiliateId: affiliate.id,
		programId: affiliate.programId,
		couponApplied: null,
		customerEmail: (input.customer_email as string | undefined) ?? null,
		createdAt: timestamp(now),
	};
	state.referrals.push(referral);
	return { record: referral, events: [{ event: 'referral.new', payload: referralJson(state, referral) }] };
}

export function setReferralStatus(state: StoreState, referral: Referral, status: 'approved' | 'denied'): Outcome<Referral> {
	const previous = referral.status;
	if (previous === 'paid') throw new SimulatorError(409, `referral ${referral.id} is already paid`);
	referral.status = status;
	if (previous === status) return { record: referral, events: [] };
	return {
		record: referral,
		events: [
			{ event: status === 'approved' ? 'referral.approved' : 'referral.denied', payload: referralJson(state, referral) },
			{ event: 'referral.status-changed', payload: { referral_id: referral.id, previous_status: previous, current_status: status } },
		],
	};
}

/** Pays an affiliate's unpaid (approved) referrals: their unpaid row becomes a paid payment and `payment.paid` fires. */
export function markPaid(state: StoreState, affiliateId: number, paymentMethod: string | undefined, now: Date): Outcome<PaidPayment> {
	const affiliate = affiliateOf(state, affiliateId);
	if (!affiliate) throw new SimulatorError(404, `no affiliate ${affiliateId}`);
	const owed = state.referrals.filter((referral) => referral.affiliateId === affiliateId && referral.status === 'approved');
	if (owed.length === 0) throw new SimulatorError(409, `affiliate ${affiliateId} has no unpaid commission`);
	return payReferrals(state, affiliate, owed, paymentMethod, now);
}

/**
 * GUESS: UpPromote lists "Mark as paid a manual payment" without its path or body (x-unresolved-endpoints), so this
 * answers `POST /payments/mark-paid` `{affiliate_id, referral_ids?, payment_method?}` only with the simulator's
 * `guessedEndpoints` option. `referral_ids` limits it to those approved referrals (what a payout just paid).
 */
export function markPaidByApi(state: StoreState, body: Record<string, unknown>, now: Date): Outcome<PaidPayment> {
	const errors: Record<string, string[]> = {};
	const affiliateId = integerId(body.affiliate_id);
	if (body.affiliate_id === undefined || body.affiliate_id === null) errors.affiliate_id = ['The affiliate id field is required.'];
	else if (affiliateId === undefined) errors.affiliate_id = ['The affiliate id must be an integer.'];
	const given = body.referral_ids;
	const referralIds = Array.isArray(given) ? given.map(integerId) : undefined;
	if (given !== undefined && given !== null && (referralIds === undefined || referralIds.some((id) => id === undefined))) errors.referral_ids = ['The referral ids must be an array of integers.'];
	if (body.payment_method !== undefined && typeof body.payment_method !== 'string') errors.payment_method = ['The payment method must be a string.'];
	if (Object.keys(errors).length > 0) throw new Refusal(parameterError(errors));
	const affiliate = affiliateOf(state, affiliateId!);
	if (!affiliate) throw new Refusal(NOT_FOUND);
	const approved = state.referrals.filter((referral) => referral.affiliateId === affiliate.id && referral.status === 'approved');
	const owed = referralIds === undefined ? approved : approved.filter((referral) => referralIds.includes(referral.id));
	if (referralIds !== undefined && owed.length !== new Set(referralIds).size) throw new Refusal(fieldError('referral_ids', 'The selected referral ids is invalid.'));
	if (owed.length === 0) throw new Refusal(fieldError('affiliate_id', 'The affiliate has no unpaid commission.'));
	return payReferrals(state, affiliate, owed, body.payment_method as string | undefined, now);
}

function payReferrals(state: StoreState, affiliate: Affiliate, owed: Referral[], paymentMethod: string | undefined, now: Date): Outcome<PaidPayment> {
	for (const referral of owed) referral.status = 'paid';
	const payment: PaidPayment = {
		paymentId: state.nextId.payment++,
		affiliateId: affiliate.id,
		status: 'SUCCESS',
		totalReferrals: owed.length,
		totalProcessed: sumMoney(owed.map(referralEarning)),
		paymentMethod: paymentMethod ?? affiliate.paymentMethod ?? 'other',
		processedAt: timestamp(now),
		referralIds: owed.map((referral) => referral.id),
	};
	state.paidPayments.push(payment);
	return { record: payment, events: [{ event: 'payment.paid', payload: paidPaymentJson(state, payment) }] };
}
