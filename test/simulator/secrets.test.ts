import axios, { type AxiosResponse } from 'axios';

import { startTestSimulator, startWebhookReceiver, type TestSimulator, type WebhookReceiver } from './testkit';

// The simulator is the demo's face: no answer it gives (API, control API, pages) may show the project API key.
describe('the simulator never shows the API key back', () => {
	let t: TestSimulator;
	let receiver: WebhookReceiver;
	const answers: AxiosResponse<string>[] = [];
	const call = async (method: string, path: string, data?: unknown, withKey = false) => {
		const response = await axios.request<string>({
			method,
			url: `${t.sim.url}${path}`,
			data,
			headers: withKey ? { 'API-Key': t.sim.apiKey } : {},
			responseType: 'text',
			transformResponse: (text: string) => text,
			validateStatus: () => true,
			maxRedirects: 0,
		});
		answers.push(response);
		return response;
	};

	beforeAll(async () => {
		t = await startTestSimulator({ apiKey: 'sim_secret_key_visible_nowhere_42' });
		receiver = await startWebhookReceiver();
	});
	afterAll(async () => {
		await t.sim.close();
		await receiver.close();
	});

	it('in any answer to a session that used every route', async () => {
		await call('POST', '/__sim/webhook', { url: receiver.url, mode: 'current' });
		const created = JSON.parse((await call('POST', '/api/v1/payment', { customerEmail: 'a@example.com', customerId: 'c', amountInUSD: 5 }, true)).data);
		const reference = created.reference_id as string;
		await call('GET', `/api/v1/payment/reference/${reference}`, undefined, true);
		await call('GET', '/api/v1/payment/reference/unknown', undefined, true);
		await call('POST', '/api/v1/payment/search', { query: reference }, true);
		await call('POST', '/api/v1/payment/search', { limit: 0 }, true);
		await call('GET', '/api/v1/payment/summary', undefined, true);
		await call('POST', '/api/v1/payment', {}, true);
		await call('POST', '/api/v1/payment', {}, false);
		const payout = JSON.parse(
			(await call('POST', '/api/v1/withdrawal/merchant', { email: 'a@example.com', blockchainCode: 'ETH', currencyCode: 'USDC', amount: '5', toAddress: '0x0000000000000000000000000000000000000001' }, true)).data,
		);
		await call('GET', `/api/v1/withdrawal/${String(payout.id)}/merchant`, undefined, true);
		await call('GET', '/api/v1/withdrawal/merchant', undefined, true);
		await call('POST', '/api/v1/referral/referrers/authenticate', { email: 'a@example.com', referenceID: 'r1' }, true);
		await call('GET', `/checkout/${reference}`);
		await call('POST', `/__sim/payments/${reference}/pay`, { state: 'PARTIALLY_FILLED' });
		await call('POST', `/__sim/payments/${reference}/pay`, 'state=FILLED', false);
		const added = JSON.parse((await call('POST', '/__sim/payments', { customerId: 'd' })).data);
		await call('POST', `/__sim/payments/${added.payment.referenceId as string}/expire`);
		await call('POST', `/__sim/payouts/${String(payout.id)}/status`, { status: 'sent' });
		await call('POST', '/__sim/ping', { signed: true });
		await call('POST', '/__sim/redeliver', {});
		await call('POST', '/__sim/deliver-raw', { method: 'POST', headers: { 'API-Key': t.sim.apiKey }, body: { hello: 'world' } });
		await call('POST', '/__sim/clock', { advanceMs: 0 });
		await call('POST', '/__sim/faults', {});
		await call('GET', '/__sim/requests');
		await call('GET', '/__sim/deliveries');
		await call('GET', '/__sim/state');

		// The session did reach PayRam, the receiver and every control route.
		expect(receiver.received.length).toBeGreaterThanOrEqual(5);
		expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
		for (const answer of answers) {
			const shown = `${JSON.stringify(answer.headers)}\n${answer.data}`;
			expect({ path: answer.config.url, shown }).toEqual({ path: answer.config.url, shown: expect.not.stringContaining(t.sim.apiKey) });
		}
		// The deliveries did carry the key to the receiver (it is how PayRam authenticates), just not back out.
		expect(receiver.received[0].headers['api-key']).toBe(t.sim.apiKey);
		expect(answers.some((answer) => answer.data.includes('[redacted]'))).toBe(true);
	});
});
