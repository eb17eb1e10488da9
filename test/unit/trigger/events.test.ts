import type { IDataObject } from 'n8n-workflow';

import type { PaymentEvent, PayoutEvent } from '../../../nodes/PayRamTrigger/helpers/events';
import {
	classifyDelivery,
	eventIdOf,
	eventItem,
	normalisePaymentState,
	paymentEventId,
	readPayload,
} from '../../../nodes/PayRamTrigger/helpers/events';

/** Current contract: POST, decimal strings. */
const CURRENT = {
	reference_id: 'ref_123',
	invoice_id: 'inv_456',
	customer_id: 'cust_789',
	customer_email: 'a@b.com',
	status: 'FILLED',
	amount: '49.99',
	filled_amount: '49.99',
	filled_amount_in_usd: '49.99',
	currency: 'USDC',
	timestamp: 1730793181,
	confirmation_current: 3,
	confirmation_required: 3,
	payment_info: [
		{ source_address: '0xsrc', transaction_hash: '0xtx', destination_address: '0xdst', block_number: 123 },
	],
};

/** Seeds / legacy contract: payment_state, numbers. */
const LEGACY = {
	reference_id: 'ref_legacy',
	invoice_id: 'inv_1',
	customer_id: 'cust_1',
	customer_email: 'old@b.com',
	payment_state: 'FILLED',
	amount: 49.99,
	filled_amount_in_usd: 49.99,
	currency: 'USD',
};

function read(body: unknown): { payload: IDataObject; exact: IDataObject } {
	const result = readPayload(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), undefined);
	if ('reason' in result) throw new Error(`unexpected: ${result.reason}`);
	return result;
}

function classify(body: unknown, isTest = false) {
	const { payload, exact } = read(body);
	return classifyDelivery(payload, exact, isTest);
}

function payment(body: unknown): PaymentEvent {
	const event = classify(body);
	if (event.kind !== 'payment') throw new Error(`expected a payment event, got ${JSON.stringify(event)}`);
	return event;
}

function payout(body: unknown): PayoutEvent {
	const event = classify(body);
	if (event.kind !== 'payout') throw new Error(`expected a payout event, got ${JSON.stringify(event)}`);
	return event;
}

describe('readPayload', () => {
	it('parses the raw body whatever n8n parsed (any content type, GET bodies)', () => {
		const raw = JSON.stringify(CURRENT);
		for (const parsed of [undefined, {}, '', raw, { unrelated: true }]) {
			const result = readPayload(Buffer.from(raw), parsed);
			expect(result).toEqual({ payload: CURRENT, exact: CURRENT });
		}
	});

	it('says the body is empty when there is no raw body and nothing parsed', () => {
		expect(readPayload(undefined, undefined)).toEqual({ reason: expect.stringMatching(/empty/) });
		expect(readPayload(undefined, {})).toEqual({ reason: expect.stringMatching(/empty/) });
		expect(readPayload(Buffer.alloc(0), {})).toEqual({ reason: expect.stringMatching(/empty/) });
		expect(readPayload(Buffer.alloc(0), '')).toEqual({ reason: expect.stringMatching(/empty/) });
	});

	it.each([
		['truncated JSON', '{"reference_id":"ref_123","status":'],
		['form encoding', 'reference_id=ref_123&status=FILLED'],
		['plain text', 'hello'],
		['JSON with a trailing comma', '{"reference_id":"ref_123",}'],
	])('refuses a body that is not JSON: %s', (_label, raw) => {
		expect(readPayload(Buffer.from(raw), {})).toEqual({ reason: expect.stringMatching(/not valid JSON/) });
	});

	it.each([
		['an array', '[{"reference_id":"ref_123","status":"FILLED"}]'],
		['a string', '"FILLED"'],
		['a number', '49.99'],
		['null', 'null'],
		['a boolean', 'true'],
	])('refuses JSON that is not an object: %s', (_label, raw) => {
		expect(readPayload(Buffer.from(raw), undefined)).toEqual({ reason: expect.stringMatching(/not a JSON object/) });
	});

	it.each([
		['Latin-1 bytes', Buffer.from('{"reference_id":"Zoë","status":"FILLED"}', 'latin1')],
		['UTF-16LE with a BOM', Buffer.from('\ufeff{"reference_id":"ref_1","status":"FILLED"}', 'utf16le')],
		['an invalid sequence', Buffer.concat([Buffer.from('{"reference_id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')])],
		['an overlong quote', Buffer.concat([Buffer.from('{"reference_id":'), Buffer.from([0xc0, 0xa2]), Buffer.from('x"}')])],
	])('refuses a body that is not UTF-8 instead of guessing: %s', (_label, raw) => {
		expect(readPayload(raw, {})).toEqual({ reason: 'the body is not UTF-8 text' });
	});

	it('refuses UTF-16 of plain ASCII (valid UTF-8 bytes, NULs between them) as not JSON', () => {
		const raw = Buffer.from(JSON.stringify(CURRENT), 'utf16le');
		expect(readPayload(raw, {})).toEqual({ reason: expect.stringMatching(/not valid JSON/) });
	});

	it('keeps a byte order mark, so a BOM-prefixed body is not JSON (its signature covers the BOM too)', () => {
		const raw = Buffer.from(`\ufeff${JSON.stringify(CURRENT)}`);
		expect(readPayload(raw, {})).toEqual({ reason: expect.stringMatching(/not valid JSON/) });
	});

	it('reads multi-byte UTF-8 text as is', () => {
		const result = readPayload(Buffer.from(JSON.stringify({ ...CURRENT, customer_id: 'Zoë 東京' })), undefined);
		expect(result).toMatchObject({ payload: { customer_id: 'Zoë 東京' } });
	});

	it('falls back to the parsed body when there is no raw body', () => {
		expect(readPayload(undefined, CURRENT)).toEqual({ payload: CURRENT, exact: CURRENT });
		expect(readPayload(Buffer.alloc(0), LEGACY)).toEqual({ payload: LEGACY, exact: LEGACY });
	});

	it('does not fall back to a parsed array', () => {
		expect('reason' in readPayload(undefined, [CURRENT])).toBe(true);
	});

	it('keeps money numbers as exact decimal strings in `exact`, while `payload` is JSON.parse of the raw body', () => {
		const raw =
			'{"reference_id":"ref_9","status":"FILLED","amount":49.990,"filled_amount":0.1000000000000000001,' +
			'"filled_amount_in_usd":12345678901234567890.5,"currency":"ETH","confirmation_current":12,"timestamp":1730793181}';
		const result = readPayload(Buffer.from(raw), undefined);
		if ('reason' in result) throw new Error(result.reason);
		expect(result.payload).toEqual(JSON.parse(raw));
		expect(result.payload.amount).toBe(49.99);
		expect(result.exact).toEqual({
			reference_id: 'ref_9',
			status: 'FILLED',
			amount: '49.990',
			filled_amount: '0.1000000000000000001',
			filled_amount_in_usd: '12345678901234567890.5',
			currency: 'ETH',
			confirmation_current: 12,
			timestamp: 1730793181,
		});
	});

	it('leaves decimal strings (current contract) as they are', () => {
		const { payload, exact } = read(CURRENT);
		expect(exact.amount).toBe('49.99');
		expect(payload.amount).toBe('49.99');
	});
});

describe('normalisePaymentState', () => {
	it.each([
		['FILLED', 'FILLED'],
		['filled', 'FILLED'],
		[' Partially Filled ', 'PARTIALLY_FILLED'],
		['over-filled', 'OVER_FILLED'],
		['CANCELED', 'CANCELLED'],
		['canceled', 'CANCELLED'],
		['CANCELLED', 'CANCELLED'],
	])('%s → %s', (raw, expected) => {
		expect(normalisePaymentState(raw)).toBe(expected);
	});
});

describe('classifyDelivery', () => {
	it('classifies a current payload (status)', () => {
		const { payload, exact } = read(CURRENT);
		expect(classifyDelivery(payload, exact, false)).toEqual({
			kind: 'payment',
			state: 'FILLED',
			knownState: true,
			referenceId: 'ref_123',
			payload,
			exact,
		});
	});

	it('classifies a legacy payload (payment_state)', () => {
		const event = payment(LEGACY);
		expect(event).toMatchObject({ kind: 'payment', state: 'FILLED', knownState: true, referenceId: 'ref_legacy' });
	});

	it('prefers status over payment_state when both are present', () => {
		expect(payment({ ...CURRENT, status: 'PARTIALLY_FILLED', payment_state: 'FILLED' }).state).toBe('PARTIALLY_FILLED');
	});

	it('emits CANCELLED for the older spelling CANCELED', () => {
		expect(payment({ ...CURRENT, status: 'CANCELED' })).toMatchObject({ state: 'CANCELLED', knownState: true });
		expect(payment({ ...LEGACY, payment_state: 'CANCELED' })).toMatchObject({ state: 'CANCELLED', knownState: true });
	});

	it('upper-cases a lower-case state', () => {
		expect(payment({ ...CURRENT, status: 'filled' })).toMatchObject({ state: 'FILLED', knownState: true });
		expect(payment({ ...CURRENT, status: 'partially_filled' })).toMatchObject({ state: 'PARTIALLY_FILLED', knownState: true });
	});

	it.each(['OPEN', 'PARTIALLY_FILLED', 'FILLED', 'OVER_FILLED', 'CANCELLED'])('knows %s', (state) => {
		expect(payment({ ...CURRENT, status: state })).toMatchObject({ state, knownState: true });
	});

	it('keeps an unknown state, marked knownState false', () => {
		expect(payment({ ...CURRENT, status: 'REFUNDED' })).toMatchObject({ state: 'REFUNDED', knownState: false });
		expect(payment({ ...CURRENT, status: 'UNDEFINED' })).toMatchObject({ state: 'UNDEFINED', knownState: false });
	});

	it.each([
		['no reference_id', { status: 'FILLED', amount: '1' }],
		['a blank reference_id', { reference_id: '  ', status: 'FILLED' }],
		['no state', { reference_id: 'ref_1', amount: '1' }],
		['a blank status', { reference_id: 'ref_1', status: '' }],
		['an object status', { reference_id: 'ref_1', status: { value: 'FILLED' } }],
		['an empty object', {}],
	])('is invalid with %s', (_label, body) => {
		expect(classify(body)).toEqual({ kind: 'invalid', reason: expect.stringMatching(/reference_id/) });
	});

	it.each([
		['a numeric reference_id', { reference_id: 12345, status: 'OPEN' }],
		['a boolean reference_id', { reference_id: true, status: 'OPEN' }],
		['an array reference_id', { reference_id: ['ref_1'], status: 'OPEN' }],
		['a numeric status', { reference_id: 'ref_1', status: 3 }],
		['a numeric payment_state', { reference_id: 'ref_1', payment_state: 3 }],
	])('is invalid with %s: both contracts define them as strings', (_label, body) => {
		expect(classify(body)).toEqual({ kind: 'invalid', reason: expect.stringMatching(/as text/) });
	});

	it.each([
		['a boolean', true],
		['an object', { value: '49.99' }],
		['an array', ['49.99']],
		['a word', 'forty-nine'],
		['a negative number', -1],
		['a comma decimal', '49,99'],
		['a currency sign', '$49.99'],
	])('is invalid when an amount is %s', (_label, value) => {
		for (const field of ['amount', 'filled_amount', 'filled_amount_in_usd']) {
			expect(classify({ ...CURRENT, [field]: value })).toEqual({
				kind: 'invalid',
				reason: `${field} must be a decimal number`,
			});
		}
		expect(classify({ event_type: 'payout.sent', payout_id: 'po_1', amount: value })).toMatchObject({ kind: 'invalid' });
	});

	it.each([
		['decimal strings', { amount: '49.99', filled_amount: '0', filled_amount_in_usd: ' 49.990 ' }],
		['JSON numbers, exponent form too', { amount: 49.99, filled_amount: 5e-7, filled_amount_in_usd: 0 }],
		['absent or null amounts', { amount: null, filled_amount: undefined, filled_amount_in_usd: '' }],
	])('accepts amounts as %s', (_label, amounts) => {
		expect(payment({ reference_id: 'ref_1', status: 'OPEN', ...amounts }).referenceId).toBe('ref_1');
	});

	it('classifies a payout event by event_type, with payout_id', () => {
		const body = {
			event_type: 'payout.sent',
			payout_id: 'po_1',
			status: 'sent',
			network: 'ETH',
			token: 'USDC',
			amount: '10.50',
			tx_hash: '0xabc',
		};
		const { payload, exact } = read(body);
		expect(classifyDelivery(payload, exact, false)).toEqual({ kind: 'payout', state: 'sent', payoutId: 'po_1', payload, exact });
	});

	it('takes the payout state from event_type when there is no status', () => {
		expect(payout({ event_type: 'payout.processed', payout_id: 7 })).toMatchObject({ state: 'processed', payoutId: '7' });
		expect(payout({ event_type: 'PAYOUT.FAILED', payout_id: 'po_2' })).toMatchObject({ state: 'failed' });
	});

	it('falls back to id for a payout event without payout_id', () => {
		expect(payout({ event_type: 'payout.sent', id: 'po_9', status: 'sent' }).payoutId).toBe('po_9');
	});

	it('is invalid for a payout event without any payout id', () => {
		expect(classify({ event_type: 'payout.sent', status: 'sent', amount: '1' })).toEqual({
			kind: 'invalid',
			reason: expect.stringMatching(/payout_id/),
		});
	});

	it('routes on event_type over status: a payout event with a payment-like status is still a payout', () => {
		expect(payout({ event_type: 'payout.sent', payout_id: 'po_1', status: 'FILLED', reference_id: 'ref_1' }).kind).toBe(
			'payout',
		);
	});

	it('recognises the dashboard connectivity test by header, whatever the body', () => {
		expect(classify(CURRENT, true)).toEqual({ kind: 'ping' });
		expect(classify({}, true)).toEqual({ kind: 'ping' });
	});

	it('recognises the connectivity test by event_type payout.ping without the header', () => {
		expect(classify({ event_type: 'payout.ping', timestamp: 1730793181 })).toEqual({ kind: 'ping' });
		expect(classify({ event_type: 'Payout.Ping' })).toEqual({ kind: 'ping' });
	});
});

describe('eventIdOf', () => {
	it('is stable for identical events', () => {
		const a = eventIdOf(payment(CURRENT));
		const b = eventIdOf(payment(JSON.parse(JSON.stringify(CURRENT))));
		expect(a).toBe(b);
		expect(a).toMatch(/^payment_[0-9a-f]{24}$/);
	});

	it('is the same for a redelivery with a different timestamp', () => {
		expect(eventIdOf(payment({ ...CURRENT, timestamp: CURRENT.timestamp + 1800 }))).toBe(eventIdOf(payment(CURRENT)));
	});

	it('is the same whether amounts come as numbers or decimal strings', () => {
		const asStrings = { reference_id: 'r', status: 'FILLED', filled_amount: '49.99', filled_amount_in_usd: '49.99' };
		const asNumbers = { reference_id: 'r', status: 'FILLED', filled_amount: 49.99, filled_amount_in_usd: 49.99 };
		expect(eventIdOf(payment(asNumbers))).toBe(eventIdOf(payment(asStrings)));
	});

	it('is the same for status CANCELED and CANCELLED, and for status vs payment_state', () => {
		expect(eventIdOf(payment({ reference_id: 'r', status: 'CANCELED' }))).toBe(
			eventIdOf(payment({ reference_id: 'r', payment_state: 'CANCELLED' })),
		);
	});

	it('differs for a different state', () => {
		expect(eventIdOf(payment({ ...CURRENT, status: 'OVER_FILLED' }))).not.toBe(eventIdOf(payment(CURRENT)));
	});

	it('differs for a different filled amount', () => {
		const base = eventIdOf(payment({ ...CURRENT, status: 'PARTIALLY_FILLED', filled_amount: '10', filled_amount_in_usd: '10' }));
		expect(
			eventIdOf(payment({ ...CURRENT, status: 'PARTIALLY_FILLED', filled_amount: '20', filled_amount_in_usd: '20' })),
		).not.toBe(base);
		expect(
			eventIdOf(payment({ ...CURRENT, status: 'PARTIALLY_FILLED', filled_amount: '10.01', filled_amount_in_usd: '10' })),
		).not.toBe(base);
	});

	it('is the same however the filled amount is written', () => {
		const base = eventIdOf(payment({ reference_id: 'r', status: 'FILLED', filled_amount: '10.5' }));
		for (const written of ['10.50', '010.5', 10.5, ' 10.500 ']) {
			expect(eventIdOf(payment({ reference_id: 'r', status: 'FILLED', filled_amount: written }))).toBe(base);
		}
		expect(eventIdOf(payment({ reference_id: 'r', status: 'FILLED', filled_amount: '10.05' }))).not.toBe(base);
	});

	it('reads nothing filled the same whether null, absent or zero', () => {
		const absent = eventIdOf(payment({ reference_id: 'r', status: 'CANCELLED' }));
		expect(eventIdOf(payment({ reference_id: 'r', status: 'CANCELLED', filled_amount: null }))).toBe(absent);
		expect(eventIdOf(payment({ reference_id: 'r', status: 'CANCELLED', filled_amount: '0.00' }))).toBe(absent);
	});

	it('is the same for a re-sent event with more confirmations or another USD amount', () => {
		expect(eventIdOf(payment({ ...CURRENT, confirmation_current: 1 }))).toBe(eventIdOf(payment(CURRENT)));
		expect(eventIdOf(payment({ ...CURRENT, filled_amount_in_usd: '49.98' }))).toBe(eventIdOf(payment(CURRENT)));
	});

	it('is what paymentEventId gives a search row of the same payment and state', () => {
		expect(paymentEventId('ref_123', 'filled', '49.990')).toBe(eventIdOf(payment(CURRENT)));
		expect(paymentEventId('ref_123', 'FILLED', 49.99)).toBe(eventIdOf(payment(CURRENT)));
		expect(paymentEventId('ref_123', 'OVER_FILLED', '49.99')).not.toBe(eventIdOf(payment(CURRENT)));
	});

	it('differs for a different payment', () => {
		expect(eventIdOf(payment({ ...CURRENT, reference_id: 'ref_124' }))).not.toBe(eventIdOf(payment(CURRENT)));
	});

	it('identifies payout events by payout id, state and transaction', () => {
		const sent = { event_type: 'payout.sent', payout_id: 'po_1', status: 'sent', tx_hash: '0xabc', timestamp: 1 };
		const id = eventIdOf(payout(sent));
		expect(id).toMatch(/^payout_[0-9a-f]{24}$/);
		expect(eventIdOf(payout({ ...sent, timestamp: 2 }))).toBe(id);
		expect(eventIdOf(payout({ ...sent, status: 'processed' }))).not.toBe(id);
		expect(eventIdOf(payout({ ...sent, payout_id: 'po_2' }))).not.toBe(id);
		expect(eventIdOf(payout({ ...sent, tx_hash: '0xdef' }))).not.toBe(id);
	});

	it('never confuses a payment and a payout with the same id and state', () => {
		expect(eventIdOf(payment({ reference_id: 'x', status: 'sent' }))).not.toBe(
			eventIdOf(payout({ event_type: 'payout.sent', payout_id: 'x' })),
		);
	});
});

describe('eventItem', () => {
	const receivedAt = new Date('2025-01-02T03:04:05.678Z');
	const context = { eventId: 'payment_abc', receivedAt, method: 'POST', signed: true };

	it('gives a payment event normalised fields, amounts as strings, and the payload as sent', () => {
		const raw =
			'{"reference_id":"ref_123","invoice_id":"inv_456","customer_id":"cust_789","customer_email":"a@b.com",' +
			'"status":"filled","amount":49.990,"filled_amount":0.1000000000000000001,"filled_amount_in_usd":49.99,' +
			'"currency":"USDC","timestamp":1730793181,"confirmation_current":3}';
		const event = payment(raw);
		const item = eventItem(event, context);
		expect(item).toEqual({
			eventType: 'payment',
			state: 'FILLED',
			knownState: true,
			referenceId: 'ref_123',
			invoiceId: 'inv_456',
			customerId: 'cust_789',
			customerEmail: 'a@b.com',
			amount: '49.990',
			filledAmount: '0.1000000000000000001',
			filledAmountInUsd: '49.99',
			currency: 'USDC',
			eventId: 'payment_abc',
			eventTime: '2024-11-05T07:53:01.000Z',
			receivedAt: '2025-01-02T03:04:05.678Z',
			delivery: { method: 'POST', signed: true },
			payload: JSON.parse(raw),
		});
		// The payload is exactly what PayRam sent, including the original state spelling.
		expect((item.payload as IDataObject).status).toBe('filled');
	});

	it('uses null for absent optional fields (open payment before any deposit)', () => {
		const item = eventItem(payment({ reference_id: 'ref_1', status: 'OPEN', filled_amount_in_usd: null }), context);
		expect(item).toMatchObject({
			invoiceId: null,
			customerId: null,
			customerEmail: null,
			amount: null,
			filledAmount: null,
			filledAmountInUsd: null,
			currency: null,
		});
	});

	it('reads eventTime from a unix-seconds string too, and falls back to receivedAt', () => {
		expect(eventItem(payment({ ...CURRENT, timestamp: '1730793181' }), context).eventTime).toBe('2024-11-05T07:53:01.000Z');
		const { timestamp: _dropped, ...withoutTimestamp } = CURRENT;
		expect(eventItem(payment(withoutTimestamp), context).eventTime).toBe(receivedAt.toISOString());
	});

	it('converts legacy number amounts to strings', () => {
		const item = eventItem(payment(LEGACY), { ...context, method: 'GET', signed: false });
		expect(item).toMatchObject({ amount: '49.99', filledAmountInUsd: '49.99', delivery: { method: 'GET', signed: false } });
		expect(item.payload).toEqual(LEGACY);
	});

	it('gives a payout event its own fields', () => {
		const body = {
			event_type: 'payout.sent',
			payout_id: 'po_1',
			status: 'sent',
			network: 'ETH',
			token: 'USDC',
			amount: 10.5,
			tx_hash: '0xabc',
			timestamp: 1730793181,
		};
		const item = eventItem(payout(body), { ...context, eventId: 'payout_x' });
		expect(item).toEqual({
			eventType: 'payout',
			state: 'sent',
			payoutId: 'po_1',
			amount: '10.5',
			network: 'ETH',
			token: 'USDC',
			txHash: '0xabc',
			eventId: 'payout_x',
			eventTime: '2024-11-05T07:53:01.000Z',
			receivedAt: '2025-01-02T03:04:05.678Z',
			delivery: { method: 'POST', signed: true },
			payload: body,
		});
	});

	it('has no header or secret fields', () => {
		const item = eventItem(payment(CURRENT), context);
		const keys = Object.keys(item).map((k) => k.toLowerCase());
		for (const forbidden of ['headers', 'header', 'apikey', 'api-key', 'api_key', 'signature', 'x-payram-signature', 'secret']) {
			expect(keys).not.toContain(forbidden);
		}
		expect(Object.keys(item.delivery as IDataObject).sort()).toEqual(['method', 'signed']);
	});
});
