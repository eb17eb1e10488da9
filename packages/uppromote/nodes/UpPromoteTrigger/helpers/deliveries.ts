import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { MONEY_KEYS } from '../../UpPromote/helpers/envelope';
import { DuplicateKeyError, parseJsonExact } from '../../UpPromote/kit/exactJson';
import { hmacSha256Hex, secretsMatch } from '../../UpPromote/kit/signature';
import type { UpPromoteEvent } from './events';
import { isObject, text } from './values';

/** UpPromote's signature: lowercase hex HMAC-SHA256 of the raw body, keyed with the event's `secret_key`. */
export function upPromoteSignature(rawBody: Buffer | string, secretKey: string): string {
	return hmacSha256Hex(rawBody, secretKey);
}

export type Verdict = { accepted: true } | { ping: true } | { refused: 401; reason: string };

/**
 * Decides whether a request comes from UpPromote's subscription for this event. The validation ping (empty body,
 * no signature) is answered without a workflow; anything else needs the signature of its exact bytes.
 */
export function verifyDelivery(rawBody: Buffer, signatureHeader: string | undefined, secretKey: string | undefined): Verdict {
	const signature = signatureHeader?.trim().toLowerCase();
	if (rawBody.length === 0 && !signature) return { ping: true };
	if (!secretKey) return { refused: 401, reason: 'this trigger holds no UpPromote subscription for this event' };
	if (!signature) return { refused: 401, reason: 'X-UpPromote-Signature is missing' };
	if (!secretsMatch(signature, upPromoteSignature(rawBody, secretKey))) {
		return { refused: 401, reason: 'X-UpPromote-Signature does not match the body' };
	}
	return rawBody.length === 0 ? { ping: true } : { accepted: true };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The body as one JSON object, with amounts kept as the exact decimal text UpPromote sent. */
export function readEventBody(rawBody: Buffer): { payload: IDataObject } | { reason: string } {
	let raw: string;
	try {
		raw = utf8.decode(rawBody);
	} catch {
		return { reason: 'the body is not UTF-8 text' };
	}
	let exact: unknown;
	try {
		exact = parseJsonExact(raw, MONEY_KEYS).exact;
	} catch (error) {
		// A key sent twice would let a proxy and this node read two different events from one body.
		if (error instanceof DuplicateKeyError) return { reason: error.message };
		return { reason: 'the body is not valid JSON' };
	}
	return isObject(exact) ? { payload: exact } : { reason: 'the body is not a JSON object' };
}

export interface UpPromoteDelivery {
	event: string;
	objectId: string;
	affiliateId?: string;
	referralId?: string;
	paymentId?: string;
	status?: string;
	previousStatus?: string;
	currentStatus?: string;
	payload: IDataObject;
}

/** The record an event is about and its status fields, read by the event's body shape; a body without its id is refused. */
export function readDelivery(event: UpPromoteEvent, payload: IDataObject): UpPromoteDelivery | { reason: string } {
	const affiliate = isObject(payload.affiliate) ? payload.affiliate : {};
	const base = { event: event.value, payload };
	const statusChange = { previousStatus: text(payload.previous_status), currentStatus: text(payload.current_status) };
	switch (event.shape) {
		case 'referral': {
			const referralId = text(payload.id);
			if (!referralId) return { reason: `a ${event.value} body needs the referral's id` };
			return { ...base, objectId: referralId, referralId, affiliateId: text(affiliate.id), status: text(payload.status) };
		}
		case 'referralStatus': {
			// UpPromote documents no id field for this body: referral_id, else id.
			const referralId = text(payload.referral_id) ?? text(payload.id);
			if (!referralId) return { reason: `a ${event.value} body needs referral_id` };
			return { ...base, objectId: referralId, referralId, ...statusChange };
		}
		case 'affiliate': {
			const affiliateId = text(payload.id);
			if (!affiliateId) return { reason: `a ${event.value} body needs the affiliate's id` };
			return { ...base, objectId: affiliateId, affiliateId, status: text(payload.status) };
		}
		case 'affiliateStatus': {
			const affiliateId = text(payload.affiliate_id) ?? text(payload.id);
			if (!affiliateId) return { reason: `a ${event.value} body needs affiliate_id` };
			return { ...base, objectId: affiliateId, affiliateId, ...statusChange };
		}
		case 'payment': {
			const paymentId = text(payload.payment_id);
			if (!paymentId) return { reason: `a ${event.value} body needs payment_id` };
			return { ...base, objectId: paymentId, paymentId, affiliateId: text(payload.affiliate_id), status: text(payload.status) };
		}
	}
}

/**
 * UpPromote sends no event id, and redelivers the same body: the id is the event, the record and its status (or
 * the status change), so a redelivery is the same event and a later change of the same record is not.
 */
export function eventIdOf(delivery: UpPromoteDelivery): string {
	const parts = [delivery.event, delivery.objectId, delivery.status ?? '', delivery.previousStatus ?? '', delivery.currentStatus ?? ''];
	return `uppromote_${createHash('sha256').update(parts.join('\u0001')).digest('hex').slice(0, 24)}`;
}

/** The item a builder receives: the event and normalised fields first, the body exactly as sent under `payload`. */
export function eventItem(delivery: UpPromoteDelivery, eventId: string, receivedAt: Date): IDataObject {
	const optional = (key: string, value: string | undefined): IDataObject => (value === undefined ? {} : { [key]: value });
	return {
		event: delivery.event,
		eventId,
		...optional('affiliateId', delivery.affiliateId),
		...optional('referralId', delivery.referralId),
		...optional('paymentId', delivery.paymentId),
		...optional('status', delivery.status),
		...optional('previousStatus', delivery.previousStatus),
		...optional('currentStatus', delivery.currentStatus),
		receivedAt: receivedAt.toISOString(),
		payload: delivery.payload,
	};
}
