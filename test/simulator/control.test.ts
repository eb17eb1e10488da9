import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import axios from 'axios';
import { startSimulator } from './server';
import { CUSTOMER, startTestSimulator, type TestSimulator } from './testkit';

describe('simulator surface', () => {
	let t: TestSimulator;

	beforeAll(async () => {
		t = await startTestSimulator();
	});
	afterAll(() => t.sim.close());
	beforeEach(() => t.sim.reset());

	it('serves health and version without a key', async () => {
		const health = await t.anonymous.get('/api/v1/health');
		expect(health.status).toBe(200);
		expect(health.data).toMatchObject({ status: 'ok', db: 'ok', version: '3.8.1-sim', workers: expect.any(Object) });
		expect((await t.anonymous.get('/api/v1/version')).data).toEqual({ version: '3.8.1-sim' });
	});

	it('answers unknown routes and methods with the NOT_FOUND shape', async () => {
		for (const [method, url] of [['GET', '/api/v1/nope'], ['GET', '/api/v1/payment'], ['DELETE', '/api/v1/withdrawal/merchant'], ['GET', '/']]) {
			const response = await t.api.request({ method, url });
			expect(response.status).toBe(404);
			expect(response.data).toEqual({ error: { code: 'NOT_FOUND', message: 'route not found' } });
		}
	});

	it('records API requests with lower-case headers, query and raw body, but not control calls', async () => {
		await t.api.post('/api/v1/payment', '{"customerEmail":"a@example.com" ,"customerId":"c","amountInUSD":1}', {
			headers: { 'Content-Type': 'application/json', 'X-Trace': 'abc' },
		});
		await t.api.get('/api/v1/withdrawal/merchant?limit=2&status=pending&status=sent');
		await axios.get(`${t.sim.url}/__sim/state`);
		expect(t.sim.requests).toHaveLength(2);
		const [create, list] = t.sim.requests;
		expect(create).toMatchObject({
			method: 'POST',
			path: '/api/v1/payment',
			rawBody: '{"customerEmail":"a@example.com" ,"customerId":"c","amountInUSD":1}',
			headers: { 'api-key': t.sim.apiKey, 'x-trace': 'abc', 'content-type': 'application/json' },
		});
		expect(new Date(create.at).toISOString()).toBe(create.at);
		expect(list.query).toEqual({ limit: '2', status: ['pending', 'sent'] });
		const shown = JSON.parse(JSON.stringify(t.sim.requests).split(t.sim.apiKey).join('[redacted]'));
		expect((await axios.get(`${t.sim.url}/__sim/requests`)).data).toEqual(shown);
		expect(shown[0].headers['api-key']).toBe('[redacted]');
	});

	it('shows and resets the whole state over the control API', async () => {
		const created = await t.api.post('/api/v1/payment', { ...CUSTOMER, amountInUSD: 5 });
		await t.api.post('/api/v1/referral/referrers/authenticate', { email: 'a@example.com', referenceID: 'r1' });
		const state = (await axios.get(`${t.sim.url}/__sim/state`)).data;
		expect(state.payments).toEqual([expect.objectContaining({ referenceId: created.data.reference_id, amountInUsd: '5' })]);
		expect(state.referralMembers).toHaveLength(1);
		expect(state).toMatchObject({ payouts: [], referralEvents: [], idempotencyKeys: {}, webhook: null, faults: {} });

		expect((await axios.post(`${t.sim.url}/__sim/reset`)).data).toEqual({ reset: true });
		expect(t.sim.state.payments.size).toBe(0);
		expect(t.sim.state.referralMembers).toHaveLength(0);
		expect(t.sim.requests).toHaveLength(0);
	});

	it('answers control errors with their status and a message', async () => {
		const control = axios.create({ baseURL: `${t.sim.url}/__sim`, validateStatus: () => true });
		expect((await control.post('/payments/nope/pay', {})).status).toBe(404);
		expect((await control.post('/payments/nope/expire')).status).toBe(404);
		expect((await control.post('/payouts/3/status', { status: 'sent' })).data).toEqual({ error: 'unknown payout 3' });
		expect((await control.post('/redeliver', {})).status).toBe(404);
		expect((await control.post('/webhook', { url: 'ftp://x', mode: 'current' })).status).toBe(400);
		expect((await control.post('/webhook', { url: 'http://x', mode: 'other' })).status).toBe(400);
		expect((await control.post('/faults', 'not json', { headers: { 'Content-Type': 'application/json' } })).status).toBe(400);
		expect((await control.get('/nothing')).status).toBe(404);
	});

	it('serves a checkout page whose Pay button pays the payment', async () => {
		const created = await t.api.post('/api/v1/payment', { ...CUSTOMER, amountInUSD: 12.5 });
		const checkoutPath = new URL(created.data.url).pathname;
		const page = await t.anonymous.get(checkoutPath);
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toMatch(/text\/html/);
		expect(page.data).toContain('12.5 USD');
		const action = /<form method="post" action="([^"]+)">/.exec(page.data as string)![1];
		expect(action).toBe(`/__sim/payments/${created.data.reference_id}/pay`);

		const pressed = await t.anonymous.post(action, 'state=FILLED&pair=USDT%3ATRX', {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			maxRedirects: 0,
		});
		expect(pressed.status).toBe(303);
		expect(pressed.headers.location).toBe(checkoutPath);
		const payment = (await t.api.get(`/api/v1/payment/reference/${created.data.reference_id}`)).data;
		expect(payment).toMatchObject({ paymentState: 'FILLED', currencySymbol: 'USDT', blockchainSymbol: 'TRX', filledAmountInUSD: '12.5' });
		expect(payment.depositAddress).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);

		const paidPage = (await t.anonymous.get(checkoutPath)).data as string;
		expect(paidPage).toContain('<dd id="payment-state">FILLED</dd>');
		expect(paidPage).not.toContain('<form');
		expect((await t.anonymous.get(new URL(payment.successURL).pathname)).data).toContain('Payment received');
		expect((await t.anonymous.get('/checkout/unknown')).status).toBe(404);
	});

	it('escapes what merchants send when it shows up in HTML', async () => {
		const hostile = await startTestSimulator({ merchantName: '<script>alert(1)</script>' });
		try {
			const created = await hostile.api.post('/api/v1/payment', { ...CUSTOMER, amountInUSD: 1 });
			const page = (await hostile.anonymous.get(new URL(created.data.url).pathname)).data as string;
			expect(page).not.toContain('<script>');
			expect(page).toContain('&#60;script&#62;');
		} finally {
			await hostile.sim.close();
		}
	});
});

describe('TLS', () => {
	const hasOpenssl = (() => {
		try {
			execFileSync('openssl', ['version'], { stdio: 'ignore' });
			return true;
		} catch {
			return false;
		}
	})();

	(hasOpenssl ? it : it.skip)('serves https with the given key and certificate', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'payram-sim-tls-'));
		try {
			execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
			const sim = await startSimulator({ tls: { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') } });
			try {
				expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
				// Self-signed, like many merchant installs on :8443.
				const response = await axios.get(`${sim.url}/api/v1/version`, { httpsAgent: new https.Agent({ rejectUnauthorized: false }) });
				expect(response.data).toEqual({ version: '3.8.1-sim' });
			} finally {
				await sim.close();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
