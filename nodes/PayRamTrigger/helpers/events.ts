import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { canonicalDecimal, DuplicateKeyError, parseJsonExact } from '../../PayRam/helpers/json';
import { asciiLowerCase, asciiUpperCase, isPaymentState } from '../../PayRam/helpers/paymentStates';

export interface PaymentEvent {
	kind: 'payment';
	state: string;
	knownState: boolean;
	referenceId: string;
	payload: IDataObject;
	exact: IDataObject;
}

export interface PayoutEvent {
	kind: 'payout';
	state: string;
	payoutId: string;
	payload: IDataObject;
	exact: IDataObject;
}

export type Delivery =
	| PaymentEvent
	| PayoutEvent
	| { kind: 'ping' }
	| { kind: 'invalid'; reason: string };

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function mapText(value: string | undefined, map: (text: string) => string): string | undefined {
	return value === undefined ? undefined : map(value);
}

/** Fields PayRam's webhook contracts define as strings; a number there is not PayRam's. */
function stringField(value: unknown): string | undefined {
	return typeof value === 'string' ? text(value) : undefined;
}

const AMOUNT_FIELDS = ['amount', 'filled_amount', 'filled_amount_in_usd'] as const;
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** The first amount that is neither absent nor a decimal (a JSON number on older servers, a decimal string on current ones). */
function badAmountField(exact: IDataObject): string | undefined {
	return AMOUNT_FIELDS.find((field) => {
		const value = exact[field];
		if (value === undefined || value === null) return false;
		if (typeof value === 'number') return !Number.isFinite(value) || value < 0;
		return typeof value !== 'string' || (value.trim() !== '' && !DECIMAL.test(value.trim()));
	});
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** PayRam's older docs spell CANCELED; builders see one spelling. Only ASCII letters change case. */
export function normalisePaymentState(raw: string): string {
	const state = asciiUpperCase(raw.trim()).replace(/[\s-]+/g, '_');
	return state === 'CANCELED' ? 'CANCELLED' : state;
}

/**
 * Reads a delivery body: the raw bytes when n8n kept them (any Content-Type, GET bodies),
 * otherwise what n8n parsed. Returns the payload as sent and a copy with money as exact decimal strings.
 */
export function readPayload(
	rawBody: Buffer | undefined,
	parsedBody: unknown,
): { payload: IDataObject; exact: IDataObject } | { reason: string } {
	let raw: string | undefined;
	try {
		raw = rawBody && rawBody.length > 0 ? utf8.decode(rawBody) : undefined;
	} catch {
		return { reason: 'the body is not UTF-8 text' };
	}
	if (raw === undefined) {
		if (isObject(parsedBody) && Object.keys(parsedBody).length > 0) {
			return { payload: parsedBody, exact: parsedBody };
		}
		return { reason: 'the body is empty' };
	}
	let parsed: { value: unknown; exact: unknown };
	try {
		parsed = parseJsonExact(raw);
	} catch (error) {
		// A key sent twice would let a proxy and this node read two different events from one body.
		if (error instanceof DuplicateKeyError) return { reason: error.message };
		return { reason: 'the body is not valid JSON' };
	}
	const { value: payload, exact } = parsed;
	if (!isObject(payload) || !isObject(exact)) return { reason: 'the body is not a JSON object' };
	return { payload, exact };
}

/** Tells payment events, payout events and the dashboard's connectivity test apart. */
export function classifyDelivery(
	payload: IDataObject,
	exact: IDataObject,
	isTestHeader: boolean,
): Delivery {
	const eventType = mapText(stringField(payload.event_type), asciiLowerCase);
	if (isTestHeader || eventType === 'payout.ping') return { kind: 'ping' };
	if (eventType !== undefined && eventType.startsWith('payout.')) {
		const payoutId = text(payload.payout_id) ?? text(payload.id);
		if (!payoutId) return { kind: 'invalid', reason: 'a payout event needs payout_id' };
		const badAmount = badAmountField(exact);
		if (badAmount) return { kind: 'invalid', reason: `${badAmount} must be a decimal number` };
		const state = asciiLowerCase(stringField(payload.status) ?? eventType.slice('payout.'.length));
		return { kind: 'payout', state, payoutId, payload, exact };
	}
	const referenceId = stringField(payload.reference_id);
	const rawState = stringField(payload.status) ?? stringField(payload.payment_state);
	if (!referenceId || !rawState) {
		return { kind: 'invalid', reason: 'a payment event needs reference_id and status (or payment_state) as text' };
	}
	const badAmount = badAmountField(exact);
	if (badAmount) return { kind: 'invalid', reason: `${badAmount} must be a decimal number` };
	const state = normalisePaymentState(rawState);
	const knownState = isPaymentState(state);
	return { kind: 'payment', state, knownState, referenceId, payload, exact };
}

function hashedId(kind: string, parts: string[]): string {
	return `${kind}_${createHash('sha256').update([kind, ...parts].join('\u0001')).digest('hex').slice(0, 24)}`;
}

/**
 * The id of a payment in a state, the same from a webhook delivery (either contract) and from a search row:
 * reference id, state and the filled amount written one way. Confirmation counts and USD amounts are left out,
 * so a re-sent FILLED event with more confirmations is the same event.
 */
export function paymentEventId(referenceId: string, state: string, filledAmount: unknown): string {
	const filled = canonicalDecimal(filledAmount);
	// Nothing filled reads the same whether PayRam sends null, "" or 0.
	return hashedId('payment', [referenceId, normalisePaymentState(state), filled === '0' ? '' : filled]);
}

/** The same event delivered twice (PayRam retries) gets the same id. */
export function eventIdOf(event: PaymentEvent | PayoutEvent): string {
	if (event.kind === 'payment') return paymentEventId(event.referenceId, event.state, event.exact.filled_amount);
	return hashedId('payout', [event.payoutId, event.state, text(event.payload.tx_hash) ?? '']);
}

function eventTime(payload: IDataObject, receivedAt: Date): string {
	const ts = payload.timestamp;
	const seconds = typeof ts === 'number' ? ts : typeof ts === 'string' && /^\d+$/.test(ts) ? Number(ts) : NaN;
	if (Number.isFinite(seconds) && seconds > 0) return new Date(seconds * 1000).toISOString();
	if (typeof ts === 'string' && !Number.isNaN(Date.parse(ts))) return new Date(ts).toISOString();
	return receivedAt.toISOString();
}

/** The item a builder receives: normalised fields first, the payload exactly as PayRam sent it under `payload`. */
export function eventItem(
	event: PaymentEvent | PayoutEvent,
	context: { eventId: string; receivedAt: Date; method: string; signed: boolean },
): IDataObject {
	const { exact, payload } = event;
	const common = {
		eventId: context.eventId,
		eventTime: eventTime(payload, context.receivedAt),
		receivedAt: context.receivedAt.toISOString(),
		delivery: { method: context.method, signed: context.signed },
	};
	if (event.kind === 'payout') {
		return {
			eventType: 'payout',
			state: event.state,
			payoutId: event.payoutId,
			amount: text(exact.amount) ?? null,
			network: text(payload.network) ?? null,
			token: text(payload.token) ?? null,
			txHash: text(payload.tx_hash) ?? null,
			...common,
			payload,
		};
	}
	return {
		eventType: 'payment',
		state: event.state,
		knownState: event.knownState,
		referenceId: event.referenceId,
		invoiceId: text(payload.invoice_id) ?? null,
		customerId: text(payload.customer_id) ?? null,
		customerEmail: text(payload.customer_email) ?? null,
		amount: text(exact.amount) ?? null,
		filledAmount: text(exact.filled_amount) ?? null,
		filledAmountInUsd: text(exact.filled_amount_in_usd) ?? null,
		currency: text(payload.currency) ?? null,
		...common,
		payload,
	};
}
