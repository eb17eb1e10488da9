import { hmacSha256Hex, secretsMatch } from '../../PayRam/kit/signature';

export type AuthResult = { ok: true; signed: boolean } | { ok: false; reason: string };

export interface DeliveryCredentials {
	/** The API-Key header as received (undefined when absent). */
	apiKeyHeader: string | undefined;
	/** The X-Payram-Signature header as received (undefined when absent). */
	signatureHeader: string | undefined;
	rawBody: Buffer;
	apiKey: string;
}

/** The signature current PayRam servers send: sha256=<hex HMAC-SHA256 of the raw body, keyed with the API key>. */
export function payRamSignature(rawBody: Buffer | string, apiKey: string): string {
	return `sha256=${hmacSha256Hex(rawBody, apiKey)}`;
}

/**
 * Decides whether a delivery comes from the merchant's PayRam project.
 * A signature, when present, must match the raw body; the API-Key header, when present, must match the key.
 * Require Signature is decided by the node, after the dashboard's unsigned connectivity test is answered.
 */
export function authenticateDelivery(delivery: DeliveryCredentials): AuthResult {
	const { apiKeyHeader, signatureHeader, rawBody, apiKey } = delivery;
	if (apiKey === '') return { ok: false, reason: 'the credential has no Project API Key; add it to the PayRam API credential in n8n' };
	if (apiKeyHeader !== undefined && !secretsMatch(apiKeyHeader.trim(), apiKey)) {
		return { ok: false, reason: 'API-Key header does not match' };
	}
	if (signatureHeader !== undefined) {
		const expected = payRamSignature(rawBody, apiKey);
		if (!secretsMatch(signatureHeader.trim().toLowerCase(), expected)) {
			return { ok: false, reason: 'X-Payram-Signature does not match the body' };
		}
		return { ok: true, signed: true };
	}
	if (apiKeyHeader === undefined) return { ok: false, reason: 'API-Key header is missing' };
	return { ok: true, signed: false };
}
