import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { validateWebhook } from './contracts';
import { CUSTOMER, startTestSimulator, startWebhookReceiver, type ReceivedWebhook, type TestSimulator, type WebhookReceiver } from './testkit';

function hmacOf(key: string, bytes: Buffer): string {
	return `sha256=${createHmac('sha256', key).update(bytes).digest('hex')}`;
}

describe('webhook deliveries', () => {
	let t: TestSimulator;
	let receiver: WebhookReceiver;

	beforeAll(async () => {
		t = await startTestSimulator();
		receiver = await startWebhookReceiver();
	});
	afterAll(async () => {
		await t.sim.close();
		await receiver.close();
	});
	beforeEach(() => {
		t.sim.reset();
		receiver.received.length = 0;
		receiver.status = 200;
	});

	async function createPayment(amountLiteral = '100'): Promise<string> {
		const response = await t.api.post('/api/v1/payment', `{"customerEmail":"${CUSTOMER.customerEmail}","customerId":"${CUSTOMER.customerId}","amountInUSD":${amountLiteral},"invoiceID":"inv-9"}`, {
			headers: { 'Content-Type': 'application/json' },
		});
		return response.data.reference_id as string;
	}

	function lastReceived(): ReceivedWebhook {
		return receiver.received[receiver.received.length - 1];
	}

	describe('current mode', () => {
		beforeEach(() => t.sim.setWebhook({ url: receiver.url, mode: 'current' }));

		it.each(['PARTIALLY_FILLED', 'FILLED', 'OVER_FILLED'] as const)('POSTs a signed %s event that matches the current contract', async (state) => {
			const reference = await createPayment();
			const delivery = await t.sim.pay(reference, { state });
			expect(delivery).toMatchObject({ status: 200, body: JSON.stringify({ message: 'Webhook received successfully' }) });

			const webhook = lastReceived();
			expect(webhook.method).toBe('POST');
			expect(webhook.headers['content-type']).toBe('application/json');
			expect(webhook.headers['api-key']).toBe(t.sim.apiKey);
			expect(webhook.headers['x-payram-signature']).toBe(hmacOf(t.sim.apiKey, webhook.rawBody));
			const payload = webhook.json();
			expect(validateWebhook('current', payload).errors).toEqual([]);
			const expectedUsd = { PARTIALLY_FILLED: '50', FILLED: '100', OVER_FILLED: '110' }[state];
			expect(payload).toMatchObject({
				reference_id: reference,
				invoice_id: 'inv-9',
				customer_id: CUSTOMER.customerId,
				customer_email: CUSTOMER.customerEmail,
				status: state,
				amount: '100',
				currency: 'USDC',
				filled_amount: expectedUsd,
				filled_amount_in_usd: expectedUsd,
				confirmation_current: 12,
				confirmation_required: 12,
			});
			expect(payload.payment_state).toBeUndefined();
			expect(Math.abs((payload.timestamp as number) - Date.now() / 1000)).toBeLessThan(5);
			expect(payload.payment_info).toEqual([
				{
					source_address: expect.stringMatching(/^0x[0-9a-f]{40}$/),
					transaction_hash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
					destination_address: t.sim.state.payments.get(reference)!.depositAddress,
					block_number: expect.any(Number),
				},
			]);
		});

		it('reports cumulative amounts and one payment_info entry per deposit', async () => {
			const reference = await createPayment('0.1000000000000000001');
			await t.sim.pay(reference, { state: 'PARTIALLY_FILLED', amountUsd: '0.05', network: 'BASE' });
			await t.sim.pay(reference, { state: 'FILLED', amountUsd: '0.1000000000000000001' });
			const payload = lastReceived().json();
			expect(payload).toMatchObject({ amount: '0.1000000000000000001', filled_amount_in_usd: '0.1000000000000000001', status: 'FILLED' });
			expect(payload.payment_info).toHaveLength(2);
			expect(lastReceived().rawBody.toString()).toContain('"amount":"0.1000000000000000001"');
		});

		it('delivers payout events to the same URL, signed', async () => {
			await t.api.post('/api/v1/withdrawal/merchant', {
				email: 'payee@example.com',
				blockchainCode: 'ETH',
				currencyCode: 'USDT',
				amount: '12.50',
				toAddress: '0x1111111111111111111111111111111111111111',
			});
			const delivery = await t.sim.setPayoutStatus(1, 'sent');
			expect(delivery?.status).toBe(200);
			const webhook = lastReceived();
			expect(webhook.method).toBe('POST');
			expect(webhook.headers['x-payram-signature']).toBe(hmacOf(t.sim.apiKey, webhook.rawBody));
			expect(webhook.json()).toEqual({
				event_type: 'payout.sent',
				payout_id: 1,
				status: 'sent',
				network: 'ETH',
				token: 'USDT',
				amount: '12.50',
				tx_hash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
				to_address: '0x1111111111111111111111111111111111111111',
				timestamp: expect.any(Number),
			});
		});

		it('pings like the dashboard test, signed by default or unsigned', async () => {
			const signed = await t.sim.ping();
			expect(signed.status).toBe(200);
			const first = receiver.received[0];
			expect(first.method).toBe('POST');
			expect(first.headers['x-webhook-test']).toBe('true');
			expect(first.headers['api-key']).toBe(t.sim.apiKey);
			expect(first.headers['x-payram-signature']).toBe(hmacOf(t.sim.apiKey, first.rawBody));
			expect(first.json()).toEqual({ event_type: 'payout.ping', timestamp: expect.any(Number) });

			await t.sim.ping({ signed: false });
			const second = receiver.received[1];
			expect(second.headers['x-webhook-test']).toBe('true');
			expect(second.headers['api-key']).toBe(t.sim.apiKey);
			expect(second.headers['x-payram-signature']).toBeUndefined();
		});

		it('redelivers an earlier event byte-for-byte with the same headers', async () => {
			const reference = await createPayment();
			await t.sim.pay(reference, { state: 'FILLED' });
			await t.sim.ping();
			await t.sim.redeliver(0);
			const [original, , again] = receiver.received;
			expect(again.rawBody.equals(original.rawBody)).toBe(true);
			const comparable = (webhook: ReceivedWebhook) => ({ ...webhook.headers, host: undefined, connection: undefined });
			expect(comparable(again)).toEqual(comparable(original));
			expect(t.sim.deliveries[2].request).toEqual(t.sim.deliveries[0].request);

			await t.sim.redeliver();
			expect(receiver.received[3].rawBody.equals(original.rawBody)).toBe(true);
			await expect(t.sim.redeliver(99)).rejects.toThrow(/no delivery at index 99/);
		});

		it('sends arbitrary requests with deliverRaw for tampering tests', async () => {
			const body = '{"reference_id":"x","status":"FILLED"}';
			const delivery = await t.sim.deliverRaw({ method: 'post', headers: { 'Content-Type': 'application/json', 'X-Payram-Signature': 'sha256=00' }, body });
			expect(delivery.status).toBe(200);
			const webhook = lastReceived();
			expect(webhook.method).toBe('POST');
			expect(webhook.rawBody.toString()).toBe(body);
			expect(webhook.headers['x-payram-signature']).toBe('sha256=00');
			expect(webhook.headers['api-key']).toBeUndefined();
		});

		it('records the receiver answer, including non-2xx statuses', async () => {
			receiver.status = 500;
			const delivery = await t.sim.ping();
			expect(delivery).toMatchObject({ status: 500, headers: { 'content-type': 'application/json' } });
			expect(t.sim.deliveries).toHaveLength(1);
		});
	});

	describe('legacy mode', () => {
		beforeEach(() => t.sim.setWebhook({ url: receiver.url, mode: 'legacy' }));

		it.each(['PARTIALLY_FILLED', 'FILLED', 'OVER_FILLED'] as const)('sends %s as a GET with a JSON body, API-Key only, payment_state and number amounts', async (state) => {
			const reference = await createPayment('49.99');
			await t.sim.pay(reference, { state });
			const webhook = lastReceived();
			expect(webhook.method).toBe('GET');
			expect(webhook.headers['content-type']).toBe('application/json');
			expect(webhook.headers['content-length']).toBe(String(webhook.rawBody.length));
			expect(webhook.headers['api-key']).toBe(t.sim.apiKey);
			expect(webhook.headers['x-payram-signature']).toBeUndefined();
			const payload = webhook.json();
			expect(payload.status).toBeUndefined();
			expect(payload).toMatchObject({ reference_id: reference, payment_state: state, amount: 49.99, currency: 'USD', currency_symbol: 'USDC' });
			expect(typeof payload.filled_amount).toBe('number');
			expect(typeof payload.filled_amount_in_usd).toBe('number');
			// The seeds call the state field payment_state where the legacy contract says status; everything else must match.
			expect(validateWebhook('legacy', { ...payload, status: payload.payment_state }).errors).toEqual([]);
		});

		it('sends payout events the legacy way: GET, unsigned', async () => {
			await t.api.post('/api/v1/withdrawal/merchant', { email: 'p@example.com', blockchainCode: 'TRX', currencyCode: 'USDT', amount: '5', toAddress: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t' });
			await t.sim.setPayoutStatus(1, 'failed');
			const webhook = lastReceived();
			expect(webhook.method).toBe('GET');
			expect(webhook.headers['x-payram-signature']).toBeUndefined();
			expect(webhook.json()).toMatchObject({ event_type: 'payout.failed', status: 'failed', amount: '5', tx_hash: null });
		});
	});

	it('pushes nothing when a payment expires, and pay() returns null without a target', async () => {
		t.sim.setWebhook({ url: receiver.url, mode: 'current' });
		const reference = await createPayment();
		t.sim.expire(reference);
		expect(t.sim.state.payments.get(reference)!.paymentState).toBe('CANCELLED');
		expect((await t.api.get(`/api/v1/payment/reference/${reference}`)).data.paymentState).toBe('CANCELLED');
		expect(() => t.sim.expire(reference)).toThrow(/cannot expire/);
		expect(receiver.received).toHaveLength(0);
		expect(t.sim.deliveries).toHaveLength(0);

		t.sim.setWebhook(null);
		expect(await t.sim.pay(await createPayment(), { state: 'FILLED' })).toBeNull();
		await expect(t.sim.ping()).rejects.toThrow(/no webhook target/);
	});

	it('reports connection errors instead of throwing', async () => {
		const closed = await startWebhookReceiver();
		await closed.close();
		t.sim.setWebhook({ url: closed.url, mode: 'current' });
		const delivery = await t.sim.ping();
		expect(delivery.status).toBe(0);
		expect(delivery.error).toMatch(/ECONNREFUSED/);
		expect(t.sim.deliveries).toHaveLength(1);
	});

	it('gives up on a receiver that does not answer in time', async () => {
		const quick = await startTestSimulator({ deliveryTimeoutMs: 150 });
		const silent = http.createServer(() => undefined);
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		try {
			quick.sim.setWebhook({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`, mode: 'current' });
			const delivery = await quick.sim.ping();
			expect(delivery).toMatchObject({ status: 0, error: 'no answer within 150 ms' });
		} finally {
			silent.closeAllConnections();
			silent.close();
			await quick.sim.close();
		}
	});

	it('is driven over the control API with delivery results in the answers', async () => {
		const control = axios.create({ baseURL: `${t.sim.url}/__sim`, validateStatus: () => true });
		expect((await control.post('/webhook', { url: receiver.url, mode: 'legacy' })).data).toEqual({ webhook: { url: receiver.url, mode: 'legacy' } });
		const reference = await createPayment();
		const paid = await control.post(`/payments/${reference}/pay`, { state: 'PARTIALLY_FILLED', amountUsd: '10' });
		expect(paid.status).toBe(200);
		expect(paid.data.payment).toMatchObject({ referenceId: reference, paymentState: 'PARTIALLY_FILLED', filledAmountInUsd: '10' });
		expect(paid.data.delivery).toMatchObject({ status: 200, request: { method: 'GET', url: receiver.url } });
		expect((await control.post(`/payments/${reference}/pay`, { state: 'NOPE' })).status).toBe(400);

		const pinged = await control.post('/ping', { signed: false });
		expect(pinged.data.delivery.request.headers['X-Webhook-Test']).toBe('true');
		expect(pinged.data.delivery.request.headers['X-Payram-Signature']).toBeUndefined();
		const again = await control.post('/redeliver', { index: 0 });
		expect(again.data.delivery.request.rawBody).toBe(paid.data.delivery.request.rawBody);
		const raw = await control.post('/deliver-raw', { method: 'POST', headers: { 'X-Payram-Signature': 'sha256=bad' }, body: { reference_id: 'r' } });
		expect(raw.data.delivery.status).toBe(200);
		expect(lastReceived().rawBody.toString()).toBe('{"reference_id":"r"}');
		expect((await control.get('/deliveries')).data).toHaveLength(4);

		await t.api.post('/api/v1/withdrawal/merchant', { email: 'p@example.com', blockchainCode: 'ETH', currencyCode: 'USDC', amount: '5', toAddress: '0x1111111111111111111111111111111111111111' });
		const payout = await control.post('/payouts/1/status', { status: 'processed' });
		expect(payout.data.payout).toMatchObject({ id: 1, status: 'processed' });
		expect(payout.data.delivery.status).toBe(200);
		expect((await control.post(`/payments/${reference}/expire`)).data.payment.paymentState).toBe('CANCELLED');
		expect((await control.post('/webhook', null, { headers: { 'Content-Type': 'application/json' } })).data).toEqual({ webhook: null });
		expect((await control.post('/ping', {})).status).toBe(409);
	});
});
