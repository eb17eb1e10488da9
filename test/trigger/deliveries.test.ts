// PayRam events delivered by the simulator to the PayRam Trigger in a live-webhook host: routing, items, acks.
import { validateWebhook } from '../simulator/contracts';
import { signatureFor } from '../simulator/webhooks';
import type { PaidState } from '../simulator/payments';
import {
	ACK_MESSAGE,
	ISO_TIME,
	PAYMENT_EVENT_ID,
	PAYOUT_EVENT_ID,
	PER_STATE_BRANCHES,
	TRIGGER,
	createPayment,
	createPayout,
	deliverSigned,
	itemOf,
	json,
	payloadOf,
	settle,
	startTrigger,
	type TriggerSetup,
} from './setup';

interface PaidCase {
	state: PaidState;
	branch: string;
	/** What the simulator reports as paid for a $49.99 link (USDC, so crypto and USD amounts are equal). */
	filled: string;
}

const PAID_CASES: PaidCase[] = [
	{ state: 'PARTIALLY_FILLED', branch: 'Partially Filled', filled: '24.995' },
	{ state: 'FILLED', branch: 'Filled', filled: '49.99' },
	{ state: 'OVER_FILLED', branch: 'Over Filled', filled: '54.989' },
];

describe('PayRam Trigger receiving simulator deliveries (one output per state)', () => {
	let t: TriggerSetup;

	afterEach(async () => {
		await t?.close();
	});

	describe.each([
		{ mode: 'current' as const, method: 'POST', signed: true },
		{ mode: 'legacy' as const, method: 'GET', signed: false },
	])('$mode mode ($method, signed: $signed)', ({ mode, method, signed }) => {
		beforeEach(async () => {
			t = await startTrigger('trigger-per-state.json', { mode });
		});

		it.each(PAID_CASES)('routes $state to the $branch branch only, with exact decimal strings', async ({ state, branch, filled }) => {
			const payment = await createPayment(t.sim, 49.99);
			const delivery = await t.sim.pay(payment.referenceId, { state });
			await settle(t.host);

			expect(delivery).not.toBeNull();
			const { request } = delivery!;
			expect(request.method).toBe(method);
			expect('X-Payram-Signature' in request.headers).toBe(signed);
			expect(request.headers['API-Key']).toBe(t.sim.apiKey);

			// The ack: 200, the usual JSON body, and the event id.
			expect(delivery!.status).toBe(200);
			const ack = json(delivery!);
			expect(ack).toEqual({ message: ACK_MESSAGE, eventId: expect.stringMatching(PAYMENT_EVENT_ID) });
			expect(delivery!.headers['content-type']).toMatch(/^application\/json/);

			// The payload the simulator sent follows the webhook contract of its mode.
			const payload = payloadOf(delivery!);
			const contractView = mode === 'legacy' ? { ...payload, status: payload.payment_state } : payload;
			expect(validateWebhook(mode, contractView).errors).toEqual([]);
			if (mode === 'legacy') {
				expect(payload).toMatchObject({ payment_state: state, amount: 49.99, filled_amount_in_usd: Number(filled) });
				expect(payload).not.toHaveProperty('status');
			} else {
				expect(payload).toMatchObject({ status: state, amount: '49.99', filled_amount: filled, filled_amount_in_usd: filled });
			}

			// One execution: the trigger, then exactly the matching branch.
			expect(t.host.errors).toEqual([]);
			expect(t.host.executions).toHaveLength(1);
			const [execution] = t.host.executions;
			expect(execution.error).toBeUndefined();
			expect(execution.executedNodes).toEqual([TRIGGER, branch]);
			for (const other of PER_STATE_BRANCHES.filter((name) => name !== branch)) expect(execution.ran(other)).toBe(false);
			// The trigger put the item on the output of the state and on no other.
			const triggerOutputs = execution.run.data.resultData.runData[TRIGGER][0].data!.main;
			expect(triggerOutputs.map((items) => items?.length ?? 0)).toEqual(
				PER_STATE_BRANCHES.map((name) => (name === branch ? 1 : 0)),
			);

			const item = itemOf(execution, branch);
			expect(item).toEqual({
				eventType: 'payment',
				state,
				knownState: true,
				referenceId: payment.referenceId,
				invoiceId: payment.referenceId,
				customerId: payment.customerId,
				customerEmail: payment.customerEmail,
				amount: '49.99',
				filledAmount: filled,
				filledAmountInUsd: filled,
				currency: mode === 'legacy' ? 'USD' : 'USDC',
				eventId: ack.eventId,
				eventTime: expect.stringMatching(ISO_TIME),
				receivedAt: expect.stringMatching(ISO_TIME),
				delivery: { method, signed },
				payload,
			});
			if (mode === 'current') expect(item.eventTime).toBe(new Date((payload.timestamp as number) * 1000).toISOString());
			else expect(item.eventTime).toBe(item.receivedAt);

			// The host saw exactly one request and answered it once.
			expect(t.host.responses.map(({ method: m, status }) => [m, status])).toEqual([[method, 200]]);
		});

		it('answers each event of one payment (PARTIALLY_FILLED, then FILLED) with its own execution and event id', async () => {
			const payment = await createPayment(t.sim, 20);
			const partial = await t.sim.pay(payment.referenceId, { state: 'PARTIALLY_FILLED', amountUsd: '5.25' });
			const full = await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			await settle(t.host);

			expect([partial!.status, full!.status]).toEqual([200, 200]);
			expect(json(partial!).eventId).not.toBe(json(full!).eventId);
			expect(t.host.executions.map((execution) => execution.executedNodes)).toEqual([
				[TRIGGER, 'Partially Filled'],
				[TRIGGER, 'Filled'],
			]);
			expect(itemOf(t.host.executions[0], 'Partially Filled')).toMatchObject({ filledAmountInUsd: '5.25', amount: '20' });
			expect(itemOf(t.host.executions[1], 'Filled')).toMatchObject({ filledAmountInUsd: '20', amount: '20' });
		});
	});

	describe('events PayRam pushes rarely or never', () => {
		beforeEach(async () => {
			t = await startTrigger('trigger-per-state.json');
		});

		it('gets no delivery and starts nothing when a link expires (PayRam does not push expiry)', async () => {
			const payment = await createPayment(t.sim, 12.5);
			t.sim.expire(payment.referenceId);
			await settle(t.host);

			expect(t.sim.state.payments.get(payment.referenceId)?.paymentState).toBe('CANCELLED');
			expect(t.sim.deliveries).toEqual([]);
			expect(t.host.responses).toEqual([]);
			expect(t.host.executions).toEqual([]);
		});

		it('routes a CANCELLED event (older spelling CANCELED in payment_state) to the Cancelled branch as CANCELLED', async () => {
			const payment = await createPayment(t.sim, 12.5);
			t.sim.expire(payment.referenceId);
			const body = JSON.stringify({
				reference_id: payment.referenceId,
				invoice_id: payment.referenceId,
				customer_id: payment.customerId,
				customer_email: payment.customerEmail,
				payment_state: 'CANCELED',
				amount: '12.50',
				filled_amount: null,
				filled_amount_in_usd: null,
				currency: 'USDC',
			});
			const delivery = await t.sim.deliverRaw({
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'API-Key': t.sim.apiKey,
					'X-Payram-Signature': signatureFor(t.sim.apiKey, body),
				},
				body,
			});
			await settle(t.host);

			expect(delivery.status).toBe(200);
			expect(json(delivery)).toEqual({ message: ACK_MESSAGE, eventId: expect.stringMatching(PAYMENT_EVENT_ID) });
			expect(t.host.executions).toHaveLength(1);
			expect(t.host.executions[0].executedNodes).toEqual([TRIGGER, 'Cancelled']);
			expect(itemOf(t.host.executions[0], 'Cancelled')).toMatchObject({
				state: 'CANCELLED',
				knownState: true,
				referenceId: payment.referenceId,
				amount: '12.50',
				filledAmount: null,
				filledAmountInUsd: null,
				delivery: { method: 'POST', signed: true },
				payload: JSON.parse(body),
			});
		});

		it('routes a state PayRam does not document (REFUNDED) to Other State instead of dropping it', async () => {
			const payment = await createPayment(t.sim, 30);
			await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			const body = JSON.stringify({ reference_id: payment.referenceId, status: 'REFUNDED', amount: '30', filled_amount_in_usd: '30' });
			const delivery = await deliverSigned(t.sim, body);
			await settle(t.host);

			expect(delivery.status).toBe(200);
			expect(json(delivery)).toEqual({ message: ACK_MESSAGE, eventId: expect.stringMatching(PAYMENT_EVENT_ID) });
			expect(t.host.executions.map((execution) => execution.executedNodes)).toEqual([
				[TRIGGER, 'Filled'],
				[TRIGGER, 'Other State'],
			]);
			expect(itemOf(t.host.executions[1], 'Other State')).toMatchObject({
				eventType: 'payment',
				state: 'REFUNDED',
				knownState: false,
				referenceId: payment.referenceId,
				amount: '30',
				filledAmountInUsd: '30',
				eventId: json(delivery).eventId,
				payload: JSON.parse(body),
			});
		});
	});

	describe.each([
		{ mode: 'current' as const, method: 'POST', signed: true },
		{ mode: 'legacy' as const, method: 'GET', signed: false },
	])('payout events ($mode mode)', ({ mode, method, signed }) => {
		it('routes a payout status event to the Payout branch with payoutId and state', async () => {
			t = await startTrigger('trigger-per-state.json', { mode });
			const payoutId = await createPayout(t.sim, '25.50');
			const delivery = await t.sim.setPayoutStatus(payoutId, 'sent');
			await settle(t.host);

			expect(delivery!.request.method).toBe(method);
			expect(delivery!.status).toBe(200);
			const ack = json(delivery!);
			expect(ack).toEqual({ message: ACK_MESSAGE, eventId: expect.stringMatching(PAYOUT_EVENT_ID) });
			const payload = payloadOf(delivery!);
			expect(payload).toMatchObject({ event_type: 'payout.sent', payout_id: payoutId, status: 'sent' });

			expect(t.host.executions).toHaveLength(1);
			expect(t.host.executions[0].executedNodes).toEqual([TRIGGER, 'Payout']);
			expect(itemOf(t.host.executions[0], 'Payout')).toEqual({
				eventType: 'payout',
				state: 'sent',
				payoutId: String(payoutId),
				amount: '25.50',
				network: 'ETH',
				token: 'USDC',
				txHash: payload.tx_hash,
				eventId: ack.eventId,
				eventTime: new Date((payload.timestamp as number) * 1000).toISOString(),
				receivedAt: expect.stringMatching(ISO_TIME),
				delivery: { method, signed },
				payload,
			});
			expect(typeof payload.tx_hash).toBe('string');
		});
	});

	it('acknowledges a payout event as ignored and starts nothing when payouts are not included', async () => {
		t = await startTrigger('trigger-single.json');
		const payoutId = await createPayout(t.sim, '10');
		const delivery = await t.sim.setPayoutStatus(payoutId, 'processed');
		await settle(t.host);

		expect(delivery!.status).toBe(200);
		expect(json(delivery!)).toEqual({ message: ACK_MESSAGE, ignored: 'payout events are not selected' });
		expect(t.host.executions).toEqual([]);
		expect(t.host.errors).toEqual([]);
	});

	it('puts a paid event on the single output of a one-output trigger', async () => {
		t = await startTrigger('trigger-single.json');
		const payment = await createPayment(t.sim, 7);
		const delivery = await t.sim.pay(payment.referenceId, { state: 'FILLED' });
		await settle(t.host);

		expect(delivery!.status).toBe(200);
		expect(t.host.executions).toHaveLength(1);
		expect(t.host.executions[0].executedNodes).toEqual([TRIGGER, 'Event']);
		expect(itemOf(t.host.executions[0], 'Event')).toMatchObject({ state: 'FILLED', referenceId: payment.referenceId, amount: '7' });
	});

	// The money path: a builder fulfils orders on "Event"; a state PayRam does not document must not arrive there.
	it.each([
		['UNDEFINED', 'UNDEFINED'],
		['REFUNDED', 'REFUNDED'],
		['fılled', 'FıLLED'],
		['ﬁlled', 'ﬁLLED'],
	])(
		'sends the undocumented state %s to "Other State" of a one-output trigger, never to "Event", and acknowledges it',
		async (status, state) => {
			t = await startTrigger('trigger-single.json');
			const payment = await createPayment(t.sim, 12);
			const body = JSON.stringify({ reference_id: payment.referenceId, status, amount: '12', filled_amount_in_usd: '12' });
			const delivery = await deliverSigned(t.sim, body);
			await settle(t.host);

			expect(delivery.status).toBe(200);
			expect(json(delivery)).toEqual({ message: ACK_MESSAGE, eventId: expect.stringMatching(PAYMENT_EVENT_ID) });
			expect(t.host.errors).toEqual([]);
			expect(t.host.executions.map((execution) => execution.executedNodes)).toEqual([[TRIGGER, 'Other State']]);
			expect(itemOf(t.host.executions[0], 'Other State')).toMatchObject({ state, knownState: false });
		},
	);

	it('refuses with 400 a body that names a key twice ({"status":"OPEN","status":"FILLED"}) and starts nothing', async () => {
		t = await startTrigger('trigger-single.json');
		const payment = await createPayment(t.sim, 12);
		const body = `{"reference_id":"${payment.referenceId}","status":"OPEN","amount":"12","status":"FILLED"}`;
		const delivery = await deliverSigned(t.sim, body);
		await settle(t.host);

		expect(delivery.status).toBe(400);
		expect(json(delivery).message).toBe('Bad request: the key "status" appears twice in one object');
		expect(t.host.executions).toEqual([]);
	});

	it.each([
		['application/octet-stream', 'POST'],
		[undefined, 'POST'],
		[undefined, 'GET'],
	])('reads itself a body n8n leaves unread for a version 2 node (Content-Type %s, %s)', async (contentType, method) => {
		t = await startTrigger('trigger-per-state.json', { mode: 'legacy' });
		const payment = await createPayment(t.sim, 9);
		const body = JSON.stringify({ reference_id: payment.referenceId, status: 'FILLED', amount: '9', filled_amount_in_usd: '9' });
		const headers: Record<string, string> = { 'API-Key': t.sim.apiKey, 'X-Payram-Signature': signatureFor(t.sim.apiKey, body) };
		if (contentType) headers['Content-Type'] = contentType;
		const delivery = await t.sim.deliverRaw({ method, headers, body });
		await settle(t.host);

		expect(delivery.status).toBe(200);
		expect(t.host.executions).toHaveLength(1);
		expect(itemOf(t.host.executions[0], 'Filled')).toMatchObject({ referenceId: payment.referenceId, amount: '9', delivery: { method, signed: true } });
		expect(JSON.parse(delivery.body)).toEqual({ message: ACK_MESSAGE, eventId: itemOf(t.host.executions[0], 'Filled').eventId });
	});

	it('keeps legacy JSON-number amounts exactly as written, without float rounding', async () => {
		t = await startTrigger('trigger-per-state.json', { mode: 'legacy' });
		const payment = await createPayment(t.sim, 12.5);
		const body =
			`{"reference_id":${JSON.stringify(payment.referenceId)},"payment_state":"FILLED","amount":12.50,` +
			'"filled_amount":0.004166666666666666667,"filled_amount_in_usd":12.50,"currency":"USD","currency_symbol":"ETH"}';
		const delivery = await t.sim.deliverRaw({ method: 'GET', headers: { 'Content-Type': 'application/json', 'API-Key': t.sim.apiKey }, body });
		await settle(t.host);

		expect(delivery.status).toBe(200);
		expect(t.host.executions).toHaveLength(1);
		const item = itemOf(t.host.executions[0], 'Filled');
		expect(item).toMatchObject({
			state: 'FILLED',
			amount: '12.50',
			filledAmount: '0.004166666666666666667',
			filledAmountInUsd: '12.50',
			delivery: { method: 'GET', signed: false },
		});
		// `payload` is the body as n8n users know it (JSON numbers stay numbers).
		expect(item.payload).toEqual(JSON.parse(body));
	});

	// The trigger keeps the number's text as PayRam wrote it, so a float64 in exponent form stays "5e-7".
	it('keeps a tiny legacy amount (a JSON number PayRam writes in exponent form) as a plain decimal string', async () => {
		t = await startTrigger('trigger-per-state.json', { mode: 'legacy' });
		const payment = await createPayment(t.sim, 0.05);
		// $0.05 in BTC at $100,000 is 0.0000005 BTC, which a float64 marshals as 5e-7.
		const delivery = await t.sim.pay(payment.referenceId, { state: 'FILLED', currency: 'BTC', network: 'BTC' });
		await settle(t.host);

		expect(delivery!.status).toBe(200);
		expect(delivery!.request.rawBody).toContain('"filled_amount":5e-7');
		expect(itemOf(t.host.executions[0], 'Filled')).toMatchObject({
			amount: '0.05',
			filledAmount: '0.0000005',
			filledAmountInUsd: '0.05',
		});
	});
});
