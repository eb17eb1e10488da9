// Deliveries the PayRam Trigger must refuse (401/400) or acknowledge without starting the workflow.
import { DEFAULT_API_KEY } from '../simulator/server';
import { signatureFor } from '../simulator/webhooks';
import {
	ACK_MESSAGE,
	TRIGGER,
	captureDelivery,
	createPayment,
	headersOf,
	itemOf,
	json,
	settle,
	startTrigger,
	type TriggerSetup,
} from './setup';

const OTHER_PROJECT_KEY = 'sim_other_project_key_fedcba9876543210';

describe('PayRam Trigger refusing deliveries', () => {
	let t: TriggerSetup;

	afterEach(async () => {
		await t?.close();
	});

	/** Nothing ran, nothing threw (a throw would answer 500 and make PayRam retry). */
	function expectNothingStarted(): void {
		expect(t.host.executions).toEqual([]);
		expect(t.host.errors).toEqual([]);
	}

	describe.each([
		{ mode: 'current' as const, method: 'POST' },
		{ mode: 'legacy' as const, method: 'GET' },
	])('a PayRam project with another API key ($mode mode)', ({ mode, method }) => {
		it('answers 401 and starts nothing', async () => {
			t = await startTrigger('trigger-per-state.json', {
				mode,
				simulator: { apiKey: OTHER_PROJECT_KEY },
				credentialApiKey: DEFAULT_API_KEY,
			});
			const payment = await createPayment(t.sim, 15);
			const delivery = await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			await settle(t.host);

			expect(delivery!.request.method).toBe(method);
			expect(delivery!.request.headers['API-Key']).toBe(OTHER_PROJECT_KEY);
			expect(delivery!.status).toBe(401);
			expect(json(delivery!)).toEqual({ message: 'Unauthorized: API-Key header does not match' });
			expect(delivery!.body).not.toContain(OTHER_PROJECT_KEY);
			expect(delivery!.body).not.toContain(DEFAULT_API_KEY);
			expectNothingStarted();
		});
	});

	describe('signatures (current mode)', () => {
		beforeEach(async () => {
			t = await startTrigger('trigger-per-state.json');
		});

		it('answers 401 to a wrong X-Payram-Signature even with the right API-Key header', async () => {
			const payment = await createPayment(t.sim, 15);
			const body = JSON.stringify({ reference_id: payment.referenceId, status: 'FILLED', amount: '15', filled_amount_in_usd: '15' });
			const delivery = await t.sim.deliverRaw({
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'API-Key': t.sim.apiKey,
					'X-Payram-Signature': signatureFor('not-the-project-key', body),
				},
				body,
			});
			await settle(t.host);

			expect(delivery.status).toBe(401);
			expect(json(delivery)).toEqual({ message: 'Unauthorized: X-Payram-Signature does not match the body' });
			expectNothingStarted();
		});

		it('answers 401 to a wrong signature sent without an API-Key header', async () => {
			const body = JSON.stringify({ reference_id: 'ref_forged', status: 'FILLED', amount: '1' });
			const delivery = await t.sim.deliverRaw({
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'X-Payram-Signature': `sha256=${'0'.repeat(64)}` },
				body,
			});
			await settle(t.host);

			expect(delivery.status).toBe(401);
			expect(json(delivery)).toEqual({ message: 'Unauthorized: X-Payram-Signature does not match the body' });
			expectNothingStarted();
		});

		it('answers 401 to a real signed delivery whose body had one byte changed', async () => {
			const payment = await createPayment(t.sim, 49.99);
			const real = await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			await settle(t.host);
			expect(real!.status).toBe(200);
			expect(t.host.executions).toHaveLength(1);

			const original = real!.request.rawBody;
			const at = original.indexOf('"49.99"') + 4; // the 9 after "49.
			const tampered = `${original.slice(0, at)}8${original.slice(at + 1)}`;
			expect(tampered).toContain('"49.89"');
			expect(Buffer.byteLength(tampered)).toBe(Buffer.byteLength(original));

			const delivery = await t.sim.deliverRaw({ method: 'POST', headers: headersOf(real!.request), body: tampered });
			await settle(t.host);

			expect(delivery.status).toBe(401);
			expect(json(delivery)).toEqual({ message: 'Unauthorized: X-Payram-Signature does not match the body' });
			expect(t.host.executions).toHaveLength(1);
			expect(t.host.errors).toEqual([]);
		});

		it('answers 401 to a delivery with neither API-Key nor signature', async () => {
			const delivery = await t.sim.deliverRaw({
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: { reference_id: 'ref_anonymous', status: 'FILLED' },
			});
			await settle(t.host);

			expect(delivery.status).toBe(401);
			expect(json(delivery)).toEqual({ message: 'Unauthorized: API-Key header is missing' });
			expectNothingStarted();
		});
	});

	describe('Require Signature on', () => {
		it('answers 401 to a legacy (API-Key only) delivery and starts nothing', async () => {
			t = await startTrigger('trigger-signed-only.json', { mode: 'legacy' });
			const payment = await createPayment(t.sim, 15);
			const delivery = await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			await settle(t.host);

			expect(delivery!.request.method).toBe('GET');
			expect(delivery!.request.headers).not.toHaveProperty('X-Payram-Signature');
			expect(delivery!.status).toBe(401);
			expect(json(delivery!)).toEqual({ message: 'Unauthorized: X-Payram-Signature is required' });
			expectNothingStarted();
		});

		it('still accepts a signed delivery and starts the workflow', async () => {
			t = await startTrigger('trigger-signed-only.json');
			const payment = await createPayment(t.sim, 15);
			const delivery = await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			await settle(t.host);

			expect(delivery!.status).toBe(200);
			expect(t.host.executions).toHaveLength(1);
			expect(itemOf(t.host.executions[0], 'Event')).toMatchObject({
				state: 'FILLED',
				referenceId: payment.referenceId,
				delivery: { method: 'POST', signed: true },
			});
		});

		it.each([true, false])('answers the dashboard ping (signed: %s) with 200 so PayRam keeps the webhook on', async (signed) => {
			t = await startTrigger('trigger-signed-only.json');
			const delivery = await t.sim.ping({ signed });
			await settle(t.host);

			expect('X-Payram-Signature' in delivery.request.headers).toBe(signed);
			expect(delivery.status).toBe(200);
			expect(json(delivery)).toEqual({ message: ACK_MESSAGE });
			expectNothingStarted();
		});
	});

	describe('bodies', () => {
		beforeEach(async () => {
			t = await startTrigger('trigger-per-state.json');
		});

		const signedHeaders = (body: string, contentType?: string): Record<string, string> => ({
			...(contentType === undefined ? {} : { 'Content-Type': contentType }),
			'API-Key': t.sim.apiKey,
			'X-Payram-Signature': signatureFor(t.sim.apiKey, body),
		});

		it.each([
			{ name: 'signed POST', method: 'POST', signed: true },
			{ name: 'API-Key-only GET', method: 'GET', signed: false },
		])('answers 400 to a malformed JSON body n8n leaves unparsed ($name)', async ({ method, signed }) => {
			const body = '{"reference_id": "ref_1", "status": "FILLED", ';
			const headers = signed ? signedHeaders(body, 'text/plain') : { 'Content-Type': 'text/plain', 'API-Key': t.sim.apiKey };
			const delivery = await t.sim.deliverRaw({ method, headers, body });
			await settle(t.host);

			expect(delivery.status).toBe(400);
			expect(json(delivery)).toEqual({ message: 'Bad request: the body is not valid JSON' });
			expectNothingStarted();
		});

		it('never reaches the trigger with malformed JSON typed application/json: n8n itself answers 422', async () => {
			const body = '{"reference_id": "ref_1", "status": "FILLED", ';
			const delivery = await t.sim.deliverRaw({ method: 'POST', headers: signedHeaders(body, 'application/json'), body });
			await settle(t.host);

			expect(delivery.status).toBe(422);
			expect(json(delivery)).toMatchObject({ code: 422, message: 'Failed to parse request body' });
			expect(t.host.executions).toEqual([]);
		});

		it('answers 400 to valid JSON without reference_id', async () => {
			const body = JSON.stringify({ status: 'FILLED', amount: '10', filled_amount_in_usd: '10' });
			const delivery = await t.sim.deliverRaw({ method: 'POST', headers: signedHeaders(body, 'application/json'), body });
			await settle(t.host);

			expect(delivery.status).toBe(400);
			expect(json(delivery)).toEqual({
				message: 'Bad request: a payment event needs reference_id and status (or payment_state) as text',
			});
			expectNothingStarted();
		});

		it('answers 400 to a JSON body that is not an object', async () => {
			const body = JSON.stringify([{ reference_id: 'ref_1', status: 'FILLED' }]);
			const delivery = await t.sim.deliverRaw({ method: 'POST', headers: signedHeaders(body, 'application/json'), body });
			await settle(t.host);

			expect(delivery.status).toBe(400);
			expect(json(delivery)).toEqual({ message: 'Bad request: the body is not a JSON object' });
			expectNothingStarted();
		});

		it('answers 400 to an empty body', async () => {
			const delivery = await t.sim.deliverRaw({ method: 'POST', headers: signedHeaders('', 'application/json'), body: '' });
			await settle(t.host);

			expect(delivery.status).toBe(400);
			expect(json(delivery)).toEqual({ message: 'Bad request: the body is empty' });
			expectNothingStarted();
		});

		it.each([
			{ contentType: 'text/plain' as string | undefined },
			{ contentType: 'application/octet-stream' as string | undefined },
			{ contentType: undefined },
		])('accepts a real signed delivery sent as $contentType (read from the raw body)', async ({ contentType }) => {
			const payment = await createPayment(t.sim, 49.99);
			const real = await captureDelivery(t.sim, () => t.sim.pay(payment.referenceId, { state: 'FILLED' }));
			const headers = Object.fromEntries(Object.entries(headersOf(real)).filter(([name]) => name !== 'Content-Type'));
			if (contentType !== undefined) headers['Content-Type'] = contentType;

			const delivery = await t.sim.deliverRaw({ method: 'POST', headers, body: real.rawBody });
			await settle(t.host);

			expect(delivery.status).toBe(200);
			expect(json(delivery)).toEqual({ message: ACK_MESSAGE, eventId: expect.any(String) });
			expect(t.host.executions).toHaveLength(1);
			expect(t.host.executions[0].executedNodes).toEqual([TRIGGER, 'Filled']);
			expect(itemOf(t.host.executions[0], 'Filled')).toMatchObject({
				state: 'FILLED',
				referenceId: payment.referenceId,
				amount: '49.99',
				filledAmountInUsd: '49.99',
				eventId: json(delivery).eventId,
				delivery: { method: 'POST', signed: true },
				payload: JSON.parse(real.rawBody),
			});
		});
	});

	describe('the dashboard ping', () => {
		it.each([true, false])('answers 200 and starts nothing (signed: %s)', async (signed) => {
			t = await startTrigger('trigger-per-state.json');
			const delivery = await t.sim.ping({ signed });
			await settle(t.host);

			expect(delivery.request.method).toBe('POST');
			expect(delivery.request.headers['X-Webhook-Test']).toBe('true');
			expect('X-Payram-Signature' in delivery.request.headers).toBe(signed);
			expect(delivery.status).toBe(200);
			expect(json(delivery)).toEqual({ message: ACK_MESSAGE });
			expectNothingStarted();
		});

		it('answers 401 to a ping from another project', async () => {
			t = await startTrigger('trigger-per-state.json', {
				simulator: { apiKey: OTHER_PROJECT_KEY },
				credentialApiKey: DEFAULT_API_KEY,
			});
			const delivery = await t.sim.ping({ signed: true });
			await settle(t.host);

			expect(delivery.status).toBe(401);
			expectNothingStarted();
		});
	});
});
