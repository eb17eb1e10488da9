/** What Simplify keeps of an affiliate: who, their state, program, link and commission totals. */
export const AFFILIATE_FIELDS = [
	'id',
	'email',
	'first_name',
	'last_name',
	'status',
	'email_verified',
	'program_id',
	'program_name',
	'default_affiliate_link',
	'coupons',
	'paid_amount',
	'approved_amount',
	'pending_amount',
	'created_at',
] as const;

/** What Simplify keeps of a referral: the order, its money, its state and who referred it. */
export const REFERRAL_FIELDS = [
	'id',
	'order_id',
	'order_number',
	'status',
	'total_sales',
	'commission',
	'commission_adjustment',
	'affiliate',
	'customer_email',
	'coupon_applied',
	'created_at',
] as const;

/** What Simplify keeps of a program: name, state and its commission. */
export const PROGRAM_FIELDS = ['id', 'name', 'is_default', 'status', 'commission_type', 'commission_amount', 'created_at'] as const;

export { pickFields as simplify } from '../kit/itemRouter';
