import { createHmac } from 'node:crypto';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Delivery, Outcome, Settings } from './webhook-context';
import { API_KEY, SERVER_URL, deliver, sign } from './webhook-context';

const ACK_MESSAGE = 'Webhook received successfully';

const CURRENT = {
	reference_id: 'ref_123',
	invoice_id: 'inv_456',
	customer_id: 'cust_789',
	customer_email: 'a@b.com',
	status: 'FILLED',
	amount: '49.99',
	filled_amount: '49.990',
	filled_amount_in_usd: '49.99',
	currency: 'USDC',
	timestamp: 1730793181,
	confirmation_current: 3,
	confirmation_required: 3,
	payment_info: [{ source_address: '0xsrc', transaction_hash: '0xtx', destination_address: '0xdst', block_number: 1 }],
};

const LEGACY_RAW =
	'{"reference_id":"ref_legacy","invoice_id":"inv_1","customer_id":"cust_1","customer_email":"old@b.com",' +
	'"payment_state":"FILLED","amount":49.990,"filled_amount_in_usd":0.1000000000000000001,"currency":"USD"}';

const PER_STATE: Settings = { states: ['FILLED', 'PARTIALLY_FILLED', 'OVER_FILLED'], outputPerState: true };
const SINGLE: Settings = { states: ['FILLED', 'PARTIALLY_FILLED', 'OVER_FILLED'], outputPerState: false };

function body(overrides: IDataObject = {}): string {
	return JSON.stringify({ ...CURRENT, ...overrides });
}

function signedHeaders(raw: string): Record<string, string> {
	return { 'content-type': 'application/json', 'api-key': API_KEY, 'x-payram-signature': sign(raw) };
}

function keyOnlyHeaders(): Record<string, string> {
	return { 'content-type': 'application/json', 'api-key': API_KEY };
}

let testWorkflow = 0;
/** A fresh workflow id, so the module-level seen-event memory of one test never leaks into another. */
function freshWorkflowId(): string {
	testWorkflow += 1;
	return `wf-${testWorkflow}-${Math.random().toString(36).slice(2)}`;
}

/** Every outcome of the current test, checked for leaked secrets after it. */
let outcomes: Outcome[] = [];
let signaturesSent: string[] = [];

async function run(delivery: Delivery): Promise<Outcome> {
	for (const value of Object.values(delivery.headers ?? {})) {
		for (const v of Array.isArray(value) ? value : [value]) if (/^sha256=/i.test(v)) signaturesSent.push(v);
	}
	const outcome = await deliver({ workflowId: freshWorkflowId(), ...delivery });
	outcomes.push(outcome);
	return outcome;
}

function expectNoSecrets(text: string): void {
	expect(text).not.toContain(API_KEY);
	for (const signature of signaturesSent) {
		expect(text).not.toContain(signature);
		expect(text.toLowerCase()).not.toContain(signature.slice('sha256='.length).toLowerCase());
	}
}

beforeEach(() => {
	outcomes = [];
	signaturesSent = [];
});

afterEach(() => {
	for (const { result, response } of outcomes) {
		expectNoSecrets(JSON.stringify(result.workflowData ?? null));
		expectNoSecrets(JSON.stringify(response.body ?? null));
		// Each delivery is answered exactly once.
		expect(response.calls).toHaveLength(2);
	}
});

/** A delivery that starts a workflow is answered by n8n after it records the execution; any other by the node itself. */
function expectAnsweredBy(outcome: Outcome): void {
	if (outcome.result.workflowData === undefined) {
		expect(outcome.result.noWebhookResponse).toBe(true);
	} else {
		expect(outcome.result.noWebhookResponse).toBeUndefined();
		expect(outcome.result.webhookResponse).toEqual(outcome.response.body);
	}
}

function expectAnswered(outcome: Outcome, status: number): IDataObject {
	expect(outcome.response.statusCode).toBe(status);
	expectAnsweredBy(outcome);
	return outcome.response.body as IDataObject;
}

function expectRejected(outcome: Outcome, status: number, message: RegExp): void {
	const answer = expectAnswered(outcome, status);
	expect(answer).toEqual({ message: expect.stringMatching(message) });
	expect(outcome.result.workflowData).toBeUndefined();
}

/** The single item on the only non-empty output, after checking every other output is empty. */
function emitted(outcome: Outcome, output: number, outputs: number): IDataObject {
	const data = outcome.result.workflowData as INodeExecutionData[][];
	expect(data).toHaveLength(outputs);
	data.forEach((items, index) => expect(items).toHaveLength(index === output ? 1 : 0));
	return data[output][0].json;
}


/** Static data as n8n stores it: serialised to JSON when the workflow is saved. */
function stored(staticData: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(staticData)) as IDataObject;
}

describe('PayRamTrigger.webhook()', () => {
	describe('accepted deliveries', () => {
		it('accepts a signed POST: 200 ack with eventId, the item on the right output, empty arrays elsewhere', async () => {
			const raw = body();
			const outcome = await run({ method: 'POST', raw, headers: signedHeaders(raw), settings: PER_STATE });

			const answer = expectAnswered(outcome, 200);
			expect(answer).toEqual({ message: ACK_MESSAGE, eventId: expect.stringMatching(/^payment_[0-9a-f]{24}$/) });
			// Outputs: Partially Filled, Filled, Over Filled, Other State.
			const item = emitted(outcome, 1, 4);
			expect(item).toMatchObject({
				eventType: 'payment',
				state: 'FILLED',
				knownState: true,
				referenceId: 'ref_123',
				invoiceId: 'inv_456',
				customerId: 'cust_789',
				customerEmail: 'a@b.com',
				amount: '49.99',
				filledAmount: '49.990',
				filledAmountInUsd: '49.99',
				currency: 'USDC',
				eventId: answer.eventId,
				eventTime: '2024-11-05T07:53:01.000Z',
				delivery: { method: 'POST', signed: true },
				payload: JSON.parse(raw),
			});
			expect(typeof item.receivedAt).toBe('string');
			expect(Number.isNaN(Date.parse(item.receivedAt as string))).toBe(false);
		});

		it('accepts a signed POST without the API-Key header', async () => {
			const raw = body();
			const outcome = await run({ raw, headers: { 'x-payram-signature': sign(raw) }, settings: SINGLE });
			expectAnswered(outcome, 200);
			expect(emitted(outcome, 0, 2).delivery).toEqual({ method: 'POST', signed: true });
		});

		it('accepts an upper-case hex signature', async () => {
			const raw = body();
			const outcome = await run({ raw, headers: { 'x-payram-signature': sign(raw).toUpperCase() }, settings: SINGLE });
			expectAnswered(outcome, 200);
			expect(outcome.result.workflowData).toBeDefined();
		});

		it('accepts a legacy GET with a JSON body and only the API-Key header, keeping money exact', async () => {
			const outcome = await run({
				method: 'GET',
				raw: LEGACY_RAW,
				headers: keyOnlyHeaders(),
				settings: { states: ['FILLED'] },
			});
			expectAnswered(outcome, 200);
			const item = emitted(outcome, 0, 2);
			expect(item).toMatchObject({
				eventType: 'payment',
				state: 'FILLED',
				referenceId: 'ref_legacy',
				amount: '49.990',
				filledAmountInUsd: '0.1000000000000000001',
				delivery: { method: 'GET', signed: false },
				payload: JSON.parse(LEGACY_RAW),
			});
		});

		it('reads a GET body n8n did not parse (no JSON content type) from the raw bytes', async () => {
			const outcome = await run({
				method: 'GET',
				raw: LEGACY_RAW,
				parsed: {},
				headers: { 'api-key': API_KEY },
				settings: { states: ['FILLED'] },
			});
			expectAnswered(outcome, 200);
			expect(emitted(outcome, 0, 2).referenceId).toBe('ref_legacy');
		});

		it('uses the parsed body when n8n kept no raw bytes', async () => {
			const outcome = await run({ raw: undefined, parsed: JSON.parse(body()), headers: keyOnlyHeaders(), settings: SINGLE });
			expectAnswered(outcome, 200);
			expect(emitted(outcome, 0, 2)).toMatchObject({ referenceId: 'ref_123', amount: '49.99' });
		});

		it('emits a payment in an unknown state on "Other State", even though it is not selected', async () => {
			const raw = body({ status: 'REFUNDED' });
			const outcome = await run({ raw, headers: signedHeaders(raw), settings: PER_STATE });
			expectAnswered(outcome, 200);
			expect(emitted(outcome, 3, 4)).toMatchObject({ state: 'REFUNDED', knownState: false });
		});

		it('emits a payment in an undocumented state on "Other State" with the single output, never on "Event"', async () => {
			const raw = body({ status: 'UNDEFINED' });
			const outcome = await run({ raw, headers: signedHeaders(raw), settings: SINGLE });
			expectAnswered(outcome, 200);
			expect(emitted(outcome, 1, 2)).toMatchObject({ state: 'UNDEFINED', knownState: false });
		});

		it('emits CANCELED as CANCELLED on the Cancelled output', async () => {
			const raw = body({ status: 'CANCELED' });
			const outcome = await run({
				raw,
				headers: signedHeaders(raw),
				settings: { states: ['OPEN', 'CANCELLED'], outputPerState: true },
			});
			expectAnswered(outcome, 200);
			expect(emitted(outcome, 1, 3).state).toBe('CANCELLED');
		});

		it('emits a payout event on the Payout output when payouts are included', async () => {
			const raw = JSON.stringify({
				event_type: 'payout.sent',
				payout_id: 'po_1',
				status: 'sent',
				network: 'ETH',
				token: 'USDC',
				amount: '10.50',
				tx_hash: '0xabc',
				timestamp: 1730793181,
			});
			const outcome = await run({ raw, headers: signedHeaders(raw), settings: { ...PER_STATE, includePayouts: true } });
			const answer = expectAnswered(outcome, 200);
			expect(answer).toEqual({ message: ACK_MESSAGE, eventId: expect.stringMatching(/^payout_/) });
			// Outputs: Partially Filled, Filled, Over Filled, Payout, Other State.
			expect(emitted(outcome, 3, 5)).toMatchObject({
				eventType: 'payout',
				state: 'sent',
				payoutId: 'po_1',
				amount: '10.50',
				network: 'ETH',
				token: 'USDC',
				txHash: '0xabc',
				eventId: answer.eventId,
			});
		});
	});

	describe('refused deliveries (401, nothing starts)', () => {
		it('refuses a wrong API key', async () => {
			const raw = body();
			const outcome = await run({ raw, headers: { 'api-key': 'prk_live_wrong' }, settings: SINGLE });
			expectRejected(outcome, 401, /^Unauthorized/);
		});

		it.each([
			['empty', ''],
			['short', API_KEY.slice(0, 6)],
			['doubled "k, k"', `${API_KEY}, ${API_KEY}`],
		])('refuses an %s API key', async (_label, key) => {
			const outcome = await run({ raw: body(), headers: { 'api-key': key }, settings: SINGLE });
			expectRejected(outcome, 401, /^Unauthorized/);
		});

		it('refuses an API-Key header sent twice (n8n hands over an array)', async () => {
			const outcome = await run({ raw: body(), headers: { 'api-key': [API_KEY, API_KEY] }, settings: SINGLE });
			expectRejected(outcome, 401, /^Unauthorized/);
		});

		it('refuses a bad signature, even with the right API key', async () => {
			const raw = body();
			const outcome = await run({
				raw,
				headers: { 'api-key': API_KEY, 'x-payram-signature': `sha256=${'ab'.repeat(32)}` },
				settings: SINGLE,
			});
			expectRejected(outcome, 401, /signature/i);
		});

		it('refuses a signature made with another key', async () => {
			const raw = body();
			const outcome = await run({ raw, headers: { 'x-payram-signature': sign(raw, 'prk_live_other') }, settings: SINGLE });
			expectRejected(outcome, 401, /signature/i);
		});

		it('refuses a tampered body (signature of the original)', async () => {
			const original = body();
			const tampered = body({ filled_amount: '4999.990', filled_amount_in_usd: '4999.99' });
			const outcome = await run({
				raw: tampered,
				headers: { 'api-key': API_KEY, 'x-payram-signature': sign(original) },
				settings: SINGLE,
			});
			expectRejected(outcome, 401, /signature/i);
		});

		it('refuses a key-only delivery when a signature is required', async () => {
			const outcome = await run({
				raw: body(),
				headers: keyOnlyHeaders(),
				settings: { ...SINGLE, options: { requireSignature: true } },
			});
			expectRejected(outcome, 401, /signature/i);
		});

		it('accepts a signed delivery when a signature is required', async () => {
			const raw = body();
			const outcome = await run({ raw, headers: signedHeaders(raw), settings: { ...SINGLE, options: { requireSignature: true } } });
			expectAnswered(outcome, 200);
			expect(outcome.result.workflowData).toBeDefined();
		});

		it('refuses a delivery with neither header', async () => {
			const outcome = await run({ raw: body(), headers: { 'content-type': 'application/json' }, settings: SINGLE });
			expectRejected(outcome, 401, /^Unauthorized/);
		});

		it('refuses everything when the credential has no API key', async () => {
			const raw = body();
			const emptyKeySignature = `sha256=${createHmac('sha256', '').update(raw).digest('hex')}`;
			const outcome = await run({
				raw,
				headers: { 'api-key': '', 'x-payram-signature': emptyKeySignature },
				apiKey: '',
				settings: SINGLE,
			});
			expectRejected(outcome, 401, /^Unauthorized/);
		});

		it('authenticates before reading the body: a malformed body with a wrong key is 401, not 400', async () => {
			const outcome = await run({ raw: '{not json', headers: { 'api-key': 'nope' }, settings: SINGLE });
			expectRejected(outcome, 401, /^Unauthorized/);
		});
	});

	describe('bad requests (400, nothing starts)', () => {
		it('refuses malformed JSON', async () => {
			const raw = '{"reference_id":"ref_123","status":"FILLED",';
			const outcome = await run({ raw, parsed: {}, headers: signedHeaders(raw), settings: SINGLE });
			expectRejected(outcome, 400, /^Bad request/);
		});

		it('refuses valid JSON without reference_id', async () => {
			const raw = JSON.stringify({ status: 'FILLED', amount: '1' });
			const outcome = await run({ raw, headers: signedHeaders(raw), settings: SINGLE });
			expectRejected(outcome, 400, /reference_id/);
		});

		it('refuses a JSON array', async () => {
			const raw = JSON.stringify([CURRENT]);
			const outcome = await run({ raw, parsed: {}, headers: signedHeaders(raw), settings: SINGLE });
			expectRejected(outcome, 400, /^Bad request/);
		});

		it('refuses an empty body', async () => {
			const outcome = await run({ raw: '', parsed: {}, headers: keyOnlyHeaders(), settings: SINGLE });
			expectRejected(outcome, 400, /empty/);
		});
	});

	describe('acknowledged without starting anything (200)', () => {
		it('answers the dashboard connectivity test (X-Webhook-Test header)', async () => {
			const raw = JSON.stringify({ event_type: 'payout.ping', timestamp: 1730793181 });
			const outcome = await run({ raw, headers: { ...signedHeaders(raw), 'x-webhook-test': 'true' }, settings: SINGLE });
			expect(expectAnswered(outcome, 200)).toEqual({ message: ACK_MESSAGE });
			expect(outcome.result.workflowData).toBeUndefined();
		});

		it('answers an unsigned connectivity test with the right API key', async () => {
			const raw = JSON.stringify({ event_type: 'payout.ping', timestamp: 1730793181 });
			const outcome = await run({ raw, headers: { ...keyOnlyHeaders(), 'x-webhook-test': 'TRUE' }, settings: SINGLE });
			expect(expectAnswered(outcome, 200)).toEqual({ message: ACK_MESSAGE });
			expect(outcome.result.workflowData).toBeUndefined();
		});

		it('answers a connectivity test recognised by event_type alone', async () => {
			const raw = JSON.stringify({ event_type: 'payout.ping', timestamp: 1730793181 });
			const outcome = await run({ raw, headers: signedHeaders(raw), settings: { ...SINGLE, includePayouts: true } });
			expect(expectAnswered(outcome, 200)).toEqual({ message: ACK_MESSAGE });
			expect(outcome.result.workflowData).toBeUndefined();
		});

		it(
			'answers an unsigned connectivity test (right API key) with 200 even when a signature is required; a failed test deactivates the merchant webhook',
			async () => {
				const raw = JSON.stringify({ event_type: 'payout.ping', timestamp: 1730793181 });
				const outcome = await run({
					raw,
					headers: { ...keyOnlyHeaders(), 'x-webhook-test': 'true' },
					settings: { ...SINGLE, options: { requireSignature: true } },
				});
				expect(expectAnswered(outcome, 200)).toEqual({ message: ACK_MESSAGE });
				expect(outcome.result.workflowData).toBeUndefined();
			},
		);

		it('does not answer 200 to a connectivity test with a wrong key', async () => {
			const raw = JSON.stringify({ event_type: 'payout.ping' });
			const outcome = await run({ raw, headers: { 'api-key': 'wrong', 'x-webhook-test': 'true' }, settings: SINGLE });
			expectRejected(outcome, 401, /^Unauthorized/);
		});

		it('acknowledges a state that is not selected, saying why it was ignored', async () => {
			const raw = body({ status: 'OPEN' });
			const outcome = await run({ raw, headers: signedHeaders(raw), settings: PER_STATE });
			expect(expectAnswered(outcome, 200)).toEqual({ message: ACK_MESSAGE, ignored: expect.stringContaining('OPEN') });
			expect(outcome.result.workflowData).toBeUndefined();
		});

		it('acknowledges a payout event when payouts are not included', async () => {
			const raw = JSON.stringify({ event_type: 'payout.sent', payout_id: 'po_1', status: 'sent' });
			const outcome = await run({ raw, headers: signedHeaders(raw), settings: PER_STATE });
			expect(expectAnswered(outcome, 200)).toEqual({ message: ACK_MESSAGE, ignored: expect.any(String) });
			expect(outcome.result.workflowData).toBeUndefined();
		});
	});

	describe('duplicate events', () => {
		const SKIP: Settings = { ...SINGLE, options: { skipDuplicates: true } };

		it('runs the first delivery, acknowledges the second as a duplicate, and keeps the id in static data', async () => {
			const workflowId = freshWorkflowId();
			const staticData: IDataObject = {};
			const raw = body();
			const first = await run({ raw, headers: signedHeaders(raw), settings: SKIP, workflowId, staticData });
			const second = await run({ raw, headers: signedHeaders(raw), settings: SKIP, workflowId, staticData });

			const firstAnswer = expectAnswered(first, 200);
			expect(first.result.workflowData).toBeDefined();
			expect(emitted(first, 0, 2).eventId).toBe(firstAnswer.eventId);

			expect(expectAnswered(second, 200)).toEqual({ message: ACK_MESSAGE, duplicate: true, eventId: firstAnswer.eventId });
			expect(second.result.workflowData).toBeUndefined();

			expect(stored(staticData).seenEventIds).toEqual([firstAnswer.eventId]);
		});

		it('recognises a redelivery with a new timestamp (and a new signature) as the same event', async () => {
			const workflowId = freshWorkflowId();
			const staticData: IDataObject = {};
			const raw1 = body();
			const raw2 = body({ timestamp: CURRENT.timestamp + 1800 });
			const first = await run({ raw: raw1, headers: signedHeaders(raw1), settings: SKIP, workflowId, staticData });
			const retry = await run({ raw: raw2, headers: signedHeaders(raw2), settings: SKIP, workflowId, staticData });
			expect(first.result.workflowData).toBeDefined();
			expect(expectAnswered(retry, 200)).toMatchObject({ duplicate: true });
			expect(retry.result.workflowData).toBeUndefined();
		});

		it('lets a later event of the same payment through (more paid, new state)', async () => {
			const workflowId = freshWorkflowId();
			const staticData: IDataObject = {};
			const settings: Settings = { ...SKIP, states: ['PARTIALLY_FILLED', 'FILLED'] };
			const raws = [
				body({ status: 'PARTIALLY_FILLED', filled_amount: '10', filled_amount_in_usd: '10', confirmation_current: 1 }),
				body({ status: 'PARTIALLY_FILLED', filled_amount: '20', filled_amount_in_usd: '20', confirmation_current: 2 }),
				body({ status: 'FILLED', confirmation_current: 2 }),
			];
			const ids: string[] = [];
			for (const raw of raws) {
				const outcome = await run({ raw, headers: signedHeaders(raw), settings, workflowId, staticData });
				expect(outcome.result.workflowData).toBeDefined();
				ids.push(outcome.response.body?.eventId as string);
			}
			expect(new Set(ids).size).toBe(3);
			expect(stored(staticData).seenEventIds).toEqual(ids);
		});

		it('skips the same FILLED event re-sent with more confirmations', async () => {
			const workflowId = freshWorkflowId();
			const staticData: IDataObject = {};
			const first = body({ status: 'FILLED', confirmation_current: 1 });
			const again = body({ status: 'FILLED', confirmation_current: 3 });
			const started = await run({ raw: first, headers: signedHeaders(first), settings: SKIP, workflowId, staticData });
			expect(started.result.workflowData).toBeDefined();
			const repeated = await run({ raw: again, headers: signedHeaders(again), settings: SKIP, workflowId, staticData });
			expect(repeated.result.workflowData).toBeUndefined();
			expect(repeated.response.body).toMatchObject({ duplicate: true, eventId: started.response.body?.eventId });
		});

		it('runs exactly one of 20 identical concurrent deliveries', async () => {
			const workflowId = freshWorkflowId();
			const raw = body();
			// n8n loads the stored static data for each request: every concurrent delivery sees the same (empty) snapshot.
			const stored: IDataObject = {};
			const outcomesOfBatch = await Promise.all(
				Array.from({ length: 20 }, (_v, i) =>
					run({
						raw,
						headers: signedHeaders(raw),
						settings: SKIP,
						workflowId,
						staticData: JSON.parse(JSON.stringify(stored)) as IDataObject,
						credentialsDelayMs: (i * 7) % 5,
					}),
				),
			);
			const started = outcomesOfBatch.filter((o) => o.result.workflowData !== undefined);
			expect(started).toHaveLength(1);
			for (const outcome of outcomesOfBatch) expect(outcome.response.statusCode).toBe(200);
			const duplicates = outcomesOfBatch.filter((o) => o.response.body?.duplicate === true);
			expect(duplicates).toHaveLength(19);
		});

		it('runs both deliveries when skipping duplicates is off, and stores nothing', async () => {
			const workflowId = freshWorkflowId();
			const staticData: IDataObject = {};
			const raw = body();
			const first = await run({ raw, headers: signedHeaders(raw), settings: SINGLE, workflowId, staticData });
			const second = await run({ raw, headers: signedHeaders(raw), settings: SINGLE, workflowId, staticData });
			expect(first.result.workflowData).toBeDefined();
			expect(second.result.workflowData).toBeDefined();
			expect(second.response.body).toEqual({ message: ACK_MESSAGE, eventId: first.response.body?.eventId });
			expect(staticData.seenEventIds).toBeUndefined();
		});

		// A restart is tested through the engine (test/trigger/duplicates.test.ts), where static data written in
		// webhook() is dropped as n8n 2.x drops it and only what the execution stores survives.
		it('does not carry seen events over to another workflow without that static data', async () => {
			const raw = body();
			const first = await run({ raw, headers: signedHeaders(raw), settings: SKIP, workflowId: freshWorkflowId(), staticData: {} });
			const elsewhere = await run({ raw, headers: signedHeaders(raw), settings: SKIP, workflowId: freshWorkflowId(), staticData: {} });
			expect(first.result.workflowData).toBeDefined();
			expect(elsewhere.result.workflowData).toBeDefined();
		});

		it('does not remember refused, invalid or ignored deliveries', async () => {
			const workflowId = freshWorkflowId();
			const staticData: IDataObject = {};
			const raw = body();
			const unauthorised = await run({ raw, headers: { 'api-key': 'wrong' }, settings: SKIP, workflowId, staticData });
			expect(unauthorised.response.statusCode).toBe(401);
			const ignored = await run({
				raw,
				headers: signedHeaders(raw),
				settings: { ...SKIP, states: ['OPEN'] },
				workflowId,
				staticData,
			});
			expect(ignored.response.body).toMatchObject({ ignored: expect.any(String) });
			const accepted = await run({ raw, headers: signedHeaders(raw), settings: SKIP, workflowId, staticData });
			expect(accepted.result.workflowData).toBeDefined();
		});
	});

	describe('secrets', () => {
		it('never puts the API key or the signature in workflow data or any response body', async () => {
			const raw = body();
			const signature = sign(raw);
			const deliveries: Delivery[] = [
				{ raw, headers: signedHeaders(raw), settings: PER_STATE },
				{ method: 'GET', raw: LEGACY_RAW, headers: keyOnlyHeaders(), settings: { states: ['FILLED'] } },
				{ raw, headers: { 'api-key': `${API_KEY}x` }, settings: SINGLE },
				{ raw, headers: { 'x-payram-signature': signature.replace(/.$/, '0') }, settings: SINGLE },
				{ raw: '{broken', headers: signedHeaders('{broken'), settings: SINGLE },
				{ raw: body({ status: 'OPEN' }), headers: keyOnlyHeaders(), settings: SINGLE },
				{ raw, headers: { ...keyOnlyHeaders(), 'x-webhook-test': 'true' }, settings: SINGLE },
			];
			for (const delivery of deliveries) {
				const outcome = await run(delivery);
				const everything = JSON.stringify([outcome.result, outcome.response.body]);
				expect(everything).not.toContain(API_KEY);
				expect(everything).not.toContain(signature);
				expect(everything).not.toContain(signature.slice('sha256='.length));
				expect(everything).not.toContain(SERVER_URL);
			}
		});
	});

	describe('bodies n8n leaves unread (version 2, a content type n8n does not parse)', () => {
		it('reads the body itself, checks its signature and starts the workflow', async () => {
			const raw = body();
			const outcome = await run({ settings: SINGLE, raw, unread: true, parsed: {}, headers: { ...signedHeaders(raw), 'content-type': 'application/octet-stream' } });
			expect(expectAnswered(outcome, 200)).toEqual({ message: ACK_MESSAGE, eventId: expect.any(String) });
			expect(emitted(outcome, 0, 2)).toMatchObject({ referenceId: 'ref_123', state: 'FILLED', delivery: { signed: true } });
			expect((outcome.ctx.getRequestObject() as unknown as { rawBodyReads: number }).rawBodyReads).toBe(1);
		});

		it('does not read again a body n8n already read', async () => {
			const raw = body();
			const outcome = await run({ settings: SINGLE, raw, headers: signedHeaders(raw) });
			expectAnswered(outcome, 200);
			expect((outcome.ctx.getRequestObject() as unknown as { rawBodyReads: number }).rawBodyReads).toBe(0);
		});

		it("answers 413 when the body is over n8n's size limit, and starts nothing", async () => {
			const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });
			const outcome = await run({ settings: SINGLE, unread: true, readError: tooLarge, headers: keyOnlyHeaders() });
			expect(expectAnswered(outcome, 413)).toEqual({ message: 'Payload Too Large' });
			expect(outcome.result.workflowData).toBeUndefined();
		});

		it('answers 400 when the body cannot be read (a Content-Encoding it does not have, an aborted upload)', async () => {
			const outcome = await run({ settings: SINGLE, unread: true, readError: new Error('incorrect header check'), headers: keyOnlyHeaders() });
			expectRejected(outcome, 400, /could not be read/);
		});
	});

	describe('robustness', () => {
		it.each<[string, Delivery]>([
			['no headers, no body', { raw: undefined, parsed: undefined, headers: {} }],
			['key only, no body at all', { raw: undefined, parsed: undefined, headers: { 'api-key': API_KEY } }],
			['key only, body null', { raw: 'null', parsed: {}, headers: { 'api-key': API_KEY } }],
			['key only, a parsed string body', { raw: undefined, parsed: 'text', headers: { 'api-key': API_KEY } }],
			['signature header sent twice', { raw: body(), headers: { 'x-payram-signature': [sign(body()), sign(body())] } }],
			['binary garbage', { raw: '\u0000\u00ff\u00fe', parsed: {}, headers: { 'api-key': API_KEY } }],
			['deeply nested JSON', { raw: `{"reference_id":"r","status":"FILLED","x":${'['.repeat(500)}${']'.repeat(500)}}`, headers: { 'api-key': API_KEY } }],
			['numbers where strings are expected', { raw: '{"reference_id":1,"status":2,"amount":3}', headers: { 'api-key': API_KEY } }],
			['payout without id', { raw: '{"event_type":"payout.sent"}', headers: { 'api-key': API_KEY } }],
			['a credential without apiKey', { raw: body(), headers: { 'api-key': API_KEY }, apiKey: '' }],
		])('never throws: %s', async (_label, delivery) => {
			const outcome = await run({ settings: { ...SINGLE, includePayouts: true, options: { skipDuplicates: true } }, ...delivery });
			expect([200, 400, 401]).toContain(outcome.response.statusCode);
			expectAnsweredBy(outcome);
		});
	});
});
