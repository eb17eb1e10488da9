// Copied from kit/signature.ts by `npm run kit`: edit that file, not this copy.
// Webhook signatures: HMAC-SHA256 over the raw body, compared in constant time.
import { createHash, createHmac, timingSafeEqual } from 'crypto';

/** Compares two secrets in constant time, whatever their lengths. */
export function secretsMatch(received: string, expected: string): boolean {
	const a = createHash('sha256').update(received).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b) && received.length === expected.length;
}

/** Lowercase hex HMAC-SHA256 of the exact bytes received, keyed with the secret's UTF-8 bytes (or the key bytes given). */
export function hmacSha256Hex(rawBody: Buffer | string, secret: string | Buffer): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex');
}
