/** UpPromote wraps every answer as `{status, message, data}`: the rows are in `data`; the message text is never read. */
export function unwrapEnvelope(body: unknown): unknown {
	if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'data' in body) {
		return (body as { data: unknown }).data;
	}
	return body;
}

/** Amounts UpPromote may send as JSON numbers (payments, affiliates); they are kept as the exact decimal text sent. */
export const MONEY_KEYS: ReadonlySet<string> = new Set([
	'adjustment',
	'approved_amount',
	'commission',
	'commission_adjustment',
	'commission_amount',
	'denied_amount',
	'paid_amount',
	'pending_amount',
	'total_commission',
	'total_processed',
	'total_sales',
]);
