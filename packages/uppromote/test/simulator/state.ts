// The simulator's in-memory UpPromote store: programs, affiliates, coupons, referrals, payments, webhook subscriptions.
import type { WebhookEvent } from './events';

export type AffiliateStatus = 'active' | 'inactive' | 'pending';
export type ReferralStatus = 'pending' | 'approved' | 'denied' | 'paid';

export interface Program {
	id: number;
	name: string;
	isDefault: boolean;
	status: string;
	commissionType: string;
	/** Decimal string, as UpPromote sends it. */
	commissionAmount: string;
	paymentMethods: string[];
	createdAt: string;
}

export interface Affiliate {
	id: number;
	email: string;
	firstName: string | null;
	lastName: string | null;
	status: AffiliateStatus;
	emailVerified: 'verified' | 'unverified';
	company: string | null;
	country: string | null;
	website: string | null;
	programId: number;
	/** The affiliate's payout method, or null when they have not chosen one. */
	paymentMethod: string | null;
	customFields: { key: string; label: string; value: string }[];
	createdAt: string;
}

export interface Coupon {
	id: number;
	affiliateId: number;
	coupon: string;
	description: string | null;
	createdAt: string;
}

export interface Referral {
	id: number;
	orderId: number | null;
	orderNumber: number | null;
	customerId: string | null;
	quantity: number | null;
	/** Decimal strings with two places, as UpPromote sends referral money. */
	totalSales: string;
	commission: string;
	commissionAdjustment: string | null;
	status: ReferralStatus;
	trackingType: string;
	affiliateId: number;
	programId: number;
	couponApplied: string | null;
	customerEmail: string | null;
	createdAt: string;
}

export interface PaidPayment {
	paymentId: number;
	affiliateId: number;
	status: string;
	totalReferrals: number;
	/** Decimal string, written as a JSON number with exactly these digits. */
	totalProcessed: string;
	paymentMethod: string;
	processedAt: string;
	referralIds: number[];
}

export interface Subscription {
	id: number;
	event: WebhookEvent;
	targetUrl: string;
	secretKey: string;
	status: string;
	createdAt: string;
}

export interface StoreState {
	programs: Program[];
	affiliates: Affiliate[];
	coupons: Coupon[];
	referrals: Referral[];
	paidPayments: PaidPayment[];
	subscriptions: Subscription[];
	nextId: Record<'affiliate' | 'coupon' | 'referral' | 'payment' | 'subscription', number>;
}

/** UpPromote's timestamps: ISO-8601 UTC with `Z`, whole seconds. */
export function timestamp(at: Date): string {
	return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A small store to start from; the paid payment is the one of UpPromote's `payment.paid` example. */
export function seededState(): StoreState {
	return {
		programs: [
			{ id: 29486, name: 'Default program', isDefault: true, status: 'active', commissionType: 'percent', commissionAmount: '10.00', paymentMethods: ['paypal', 'debit', 'other'], createdAt: '2025-01-10T08:00:00Z' },
			{ id: 29487, name: 'VIP program', isDefault: false, status: 'active', commissionType: 'flat', commissionAmount: '25.00', paymentMethods: ['other'], createdAt: '2025-02-01T08:00:00Z' },
		],
		affiliates: [
			{
				id: 2014227,
				email: 'test223@gmail.com',
				firstName: 'Test',
				lastName: '223',
				status: 'active',
				emailVerified: 'verified',
				company: null,
				country: 'US',
				website: null,
				programId: 29486,
				paymentMethod: 'debit',
				customFields: [{ key: 'bC39Drmj', label: 'USDC wallet (Base)', value: '0x1111111111111111111111111111111111111111' }],
				createdAt: '2025-09-01T09:00:00Z',
			},
			{
				id: 2029238,
				email: 'partner@example.com',
				firstName: 'Pat',
				lastName: 'Partner',
				status: 'active',
				emailVerified: 'verified',
				company: 'Partner Co',
				country: 'DE',
				website: 'https://partner.example.com',
				programId: 29486,
				paymentMethod: 'other',
				customFields: [{ key: 'bC39Drmj', label: 'USDC wallet (Base)', value: '0x2222222222222222222222222222222222222222' }],
				createdAt: '2025-09-30T09:00:00Z',
			},
			{
				id: 2029241,
				email: 'applicant@example.com',
				firstName: 'Ada',
				lastName: 'Applicant',
				status: 'pending',
				emailVerified: 'unverified',
				company: null,
				country: null,
				website: null,
				programId: 29487,
				paymentMethod: null,
				customFields: [],
				createdAt: '2025-10-02T12:30:00Z',
			},
		],
		coupons: [{ id: 5101, affiliateId: 2029238, coupon: 'PARTNER10', description: '10% off for Partner Co', createdAt: '2025-10-01T10:00:00Z' }],
		referrals: [
			{
				id: 880001,
				orderId: 5938271234567,
				orderNumber: 1001,
				customerId: '7012345678901',
				quantity: 2,
				totalSales: '120.00',
				commission: '12.00',
				commissionAdjustment: null,
				status: 'approved',
				trackingType: 'link',
				affiliateId: 2029238,
				programId: 29486,
				couponApplied: null,
				customerEmail: 'buyer@example.com',
				createdAt: '2025-10-05T14:00:00Z',
			},
			{
				id: 880002,
				orderId: 5938271234999,
				orderNumber: 1002,
				customerId: '7012345678902',
				quantity: 1,
				totalSales: '49.99',
				commission: '5.00',
				commissionAdjustment: null,
				status: 'pending',
				trackingType: 'coupon',
				affiliateId: 2029238,
				programId: 29486,
				couponApplied: 'PARTNER10',
				customerEmail: 'second@example.com',
				createdAt: '2025-10-06T09:15:00Z',
			},
		],
		paidPayments: [
			{ paymentId: 26154, affiliateId: 2014227, status: 'SUCCESS', totalReferrals: 1, totalProcessed: '100', paymentMethod: 'debit', processedAt: '2025-09-24T10:52:59Z', referralIds: [] },
		],
		subscriptions: [],
		nextId: { affiliate: 2029300, coupon: 5200, referral: 880100, payment: 26200, subscription: 1 },
	};
}

/** Where the affiliates of `seedAffiliates` start counting: below the seeded store's ids, so the store's own list first. */
export const SEEDED_AFFILIATE_FIRST_ID = 1000001;

/**
 * Adds `count` active affiliates (ids from SEEDED_AFFILIATE_FIRST_ID, one a minute from 2024-01-01), e.g. 10,000 for
 * the benchmark's Return All; they have no referrals, coupons or payments.
 */
export function seedAffiliates(state: StoreState, count: number): void {
	const start = Date.parse('2024-01-01T00:00:00Z');
	for (let i = 0; i < count; i++) {
		const id = SEEDED_AFFILIATE_FIRST_ID + i;
		state.affiliates.push({
			id,
			email: `affiliate${id}@example.com`,
			firstName: 'Affiliate',
			lastName: String(id),
			status: 'active',
			emailVerified: 'verified',
			company: null,
			country: 'US',
			website: null,
			programId: 29486,
			paymentMethod: 'other',
			customFields: [],
			createdAt: timestamp(new Date(start + i * 60_000)),
		});
	}
}
