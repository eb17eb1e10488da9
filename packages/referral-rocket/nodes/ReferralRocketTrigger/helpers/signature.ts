import { hmacSha256Hex, secretsMatch } from '../../ReferralRocket/kit/signature';

/** How the endpoint's secret becomes the HMAC key: Referral Rocket's Java sample takes its UTF-8 bytes, its JS sample hex-decodes it. */
export type KeyEncoding = 'utf8' | 'hex';

/** The trigger's Secret Encoding option: both readings, or one pinned. */
export type SecretEncoding = 'auto' | KeyEncoding;

const HEX_SECRET = /^(?:[0-9a-fA-F]{2})+$/;

/** Whether the secret is hex through and through, so that hex-decoding it reads every character. */
export function isHexSecret(secret: string): boolean {
	return HEX_SECRET.test(secret);
}

/**
 * The HMAC keys a secret can stand for. The hex reading is offered only for a non-empty, even-length hex secret: Node's
 * hex decoder stops at the first non-hex pair, so `whsec_…` would decode to an empty key that anyone can sign with.
 */
export function signingKeys(secret: string, encoding: SecretEncoding = 'auto'): Array<{ encoding: KeyEncoding; key: Buffer }> {
	if (secret === '') return [];
	const keys: Array<{ encoding: KeyEncoding; key: Buffer }> = [];
	if (encoding !== 'hex') keys.push({ encoding: 'utf8', key: Buffer.from(secret, 'utf8') });
	if (encoding !== 'utf8' && isHexSecret(secret)) keys.push({ encoding: 'hex', key: Buffer.from(secret, 'hex') });
	return keys;
}

/** `X-RR-Signature`: lowercase hex HMAC-SHA256 of the raw body. */
export function referralRocketSignature(rawBody: Buffer | string, key: Buffer): string {
	return hmacSha256Hex(rawBody, key);
}

export interface SignatureInput {
	rawBody: Buffer;
	/** The `X-RR-Signature` header as received, if any. */
	signature: string | undefined;
	/** The credential's Webhook Signing Secret. */
	secret: string;
	encoding: SecretEncoding;
	/** The opt-out: deliveries without a signature (or without a secret to check one) are let through. */
	acceptUnsigned: boolean;
}

/** `verifiedWith` names the key reading that matched; `unsigned` when the opt-out let an unchecked delivery through. */
export type SignatureVerdict = { verifiedWith: KeyEncoding | 'unsigned' } | { refused: string };

const SECRET_HINT = "copy the endpoint's secret from Referral Rocket (Settings > Webhooks) into the credential's Webhook Signing Secret";

/** Whether a delivery comes from Referral Rocket: its signature over the exact bytes received, with either reading of the secret. */
export function verifySignature(input: SignatureInput): SignatureVerdict {
	const signature = (input.signature ?? '').trim().toLowerCase();
	const secret = input.secret.trim();
	if (signature === '' && input.acceptUnsigned) return { verifiedWith: 'unsigned' };
	if (secret === '') {
		// Nothing can be checked: only the builder's explicit opt-out lets the delivery in.
		if (input.acceptUnsigned) return { verifiedWith: 'unsigned' };
		return { refused: `the credential has no Webhook Signing Secret; ${SECRET_HINT}` };
	}
	if (signature === '') return { refused: 'X-RR-Signature is missing' };
	const keys = signingKeys(secret, input.encoding);
	if (keys.length === 0) return { refused: 'Secret Encoding is Hex, but the Webhook Signing Secret is not an even number of hex digits' };
	// Every reading is compared, so the time taken does not tell which one matched.
	const matches = keys.map(({ key }) => secretsMatch(signature, referralRocketSignature(input.rawBody, key)));
	const matched = keys.find((_key, index) => matches[index]);
	return matched ? { verifiedWith: matched.encoding } : { refused: 'X-RR-Signature does not match the body' };
}
