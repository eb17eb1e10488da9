// UpPromote's webhook events and deliveries: the bare object as compact JSON, signed with the subscription's secret.
import { createHmac, randomBytes } from 'node:crypto';
import { jsonText } from '../../../../testing/simulator/http';
import type { WebhookRequest } from '../../../../testing/simulator/deliveries';

export const WEBHOOK_EVENTS = [
	'referral.new',
	'referral.approved',
	'referral.denied',
	'referral.status-changed',
	'affiliate.new',
	'affiliate.approved',
	'affiliate.inactive',
	'affiliate.status-changed',
	'payment.paid',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const SIGNATURE_HEADER = 'X-UpPromote-Signature';

const USER_AGENT = 'UpPromote-Webhook/2.0-sim';

export function isWebhookEvent(value: unknown): value is WebhookEvent {
	return typeof value === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** Lowercase hex HMAC-SHA256 of the exact body bytes, keyed with the secret's UTF-8 bytes; no prefix, no timestamp. */
export function signatureFor(secretKey: string, rawBody: string | Buffer): string {
	return createHmac('sha256', Buffer.from(secretKey, 'utf8')).update(rawBody).digest('hex');
}

/** A fresh `secret_key`: 32 lowercase hex characters. */
export function newSecretKey(): string {
	return randomBytes(16).toString('hex');
}

/** A signed delivery of `payload` (no event name in it: the receiver knows the event from its URL). */
export function eventRequest(targetUrl: string, secretKey: string, payload: unknown): WebhookRequest {
	const rawBody = typeof payload === 'string' ? payload : jsonText(payload);
	return {
		method: 'POST',
		url: targetUrl,
		headers: {
			'Content-Type': 'application/json',
			'Content-Length': String(Buffer.byteLength(rawBody)),
			'User-Agent': USER_AGENT,
			[SIGNATURE_HEADER]: signatureFor(secretKey, rawBody),
		},
		rawBody,
	};
}

/** The validation ping sent while a subscription is being created: an empty, unsigned POST. */
export function validationPing(targetUrl: string): WebhookRequest {
	return { method: 'POST', url: targetUrl, headers: { 'Content-Type': 'application/json', 'Content-Length': '0', 'User-Agent': USER_AGENT }, rawBody: '' };
}
