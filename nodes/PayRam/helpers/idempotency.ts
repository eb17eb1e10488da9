import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/**
 * The Idempotency-Key sent with a payout when the builder gives none: the same payout details
 * give the same key, so a re-run of the workflow within PayRam's window cannot pay twice.
 */
export function payoutIdempotencyKey(payout: IDataObject): string {
	const canonical = Object.keys(payout)
		.sort()
		.map((key) => `${key}=${String(payout[key] ?? '')}`)
		.join('\n');
	return `n8n-${createHash('sha256').update(canonical).digest('hex').slice(0, 40)}`;
}
