import axios from 'axios';

import { validateRequest } from './contracts';
import type { Payment } from './server';
import { expectContractResponse, startTestSimulator, startWebhookReceiver, type TestSimulator, type WebhookReceiver } from './testkit';

describe('payment search and summary', () => {
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
		receiver.status = 200;
	});

	async function search(body: Record<string, unknown> = {}) {
		expect(validateRequest('searchPayments', body).errors).toEqual([]);
		const response = await t.api.post('/api/v1/payment/search', body);
		expectContractResponse(response);
		return response;
	}
	const references = async (body: Record<string, unknown> = {}) =>
		((await search(body)).data.data ?? []).map((row: { referenceId: string }) => row.referenceId) as string[];
	async function restart(options: Parameters<typeof startTestSimulator>[0] = {}) {
		await t.sim.close();
		t = await startTestSimulator(options);
	}
	const add = (input: Parameters<TestSimulator['sim']['addPayment']>[0] = {}) => t.sim.addPayment(input);

	/** Four payments that differ in every filtered field. */
	async function catalogue() {
		t.sim.setWebhook({ url: receiver.url, mode: 'current' });
		const filled = add({ customerId: 'cust_a', customerEmail: 'alice@example.com', invoiceId: 'order-a', createdBy: 'system', createdAt: '2026-01-01T10:00:00Z' });
		await t.sim.pay(filled.referenceId, { state: 'FILLED', network: 'ETH', currency: 'USDC' });
		const failed = add({ customerId: 'cust_b', customerEmail: 'bob@example.com', invoiceId: 'order-b', createdBy: 'user', createdAt: '2026-01-02T10:00:00Z' });
		receiver.status = 500;
		await t.sim.pay(failed.referenceId, { state: 'PARTIALLY_FILLED', network: 'TRX', currency: 'USDT' });
		receiver.status = 200;
		const open = add({ customerId: 'cust_c', customerEmail: 'carol@example.com', invoiceId: 'order-c', createdBy: 'user', createdAt: '2026-01-03T10:00:00Z' });
		const cancelled = add({ customerId: 'cust_d', customerEmail: 'dave@example.com', invoiceId: 'order-d', createdBy: 'system', createdAt: '2026-01-04T10:00:00Z' });
		t.sim.expire(cancelled.referenceId);
		return { filled, failed, open, cancelled };
	}

	describe('over a long expiry', () => {
		beforeAll(() => restart({ paymentExpiryMs: 100 * 365 * 24 * 3600 * 1000 }));

		it('needs the API key', async () => {
			const response = await t.anonymous.post('/api/v1/payment/search', {});
			expect(response.status).toBe(401);
			expectContractResponse(response);
			const summary = await t.anonymous.get('/api/v1/payment/summary');
			expect(summary.status).toBe(401);
			expectContractResponse(summary);
		});

		it('answers data: null and totalCount 0 when nothing matches', async () => {
			expect((await search()).data).toEqual({ data: null, totalCount: 0 });
			add();
			expect((await search({ query: 'nobody' })).data).toEqual({ data: null, totalCount: 0 });
			expect((await search({ offset: 5 })).data).toEqual({ data: null, totalCount: 1 });
		});

		it('answers rows with the documented fields', async () => {
			const { filled } = await catalogue();
			const [row] = (await search({ query: filled.referenceId })).data.data;
			const payment = t.sim.state.payments.get(filled.referenceId)!;
			expect(row).toEqual({
				referenceId: filled.referenceId,
				invoiceId: 'order-a',
				customerId: 'cust_a',
				email: 'alice@example.com',
				paymentStatus: 'FILLED',
				webhookStatus: 'received',
				amount: 10,
				amountInUSD: 10,
				filledAmount: 10,
				filledAmountInUSD: 10,
				network: 'ETH',
				currency: 'USDC',
				txHash: payment.deposits[0].transactionHash,
				fromAddress: payment.deposits[0].sourceAddress,
				toAddress: payment.depositAddress,
				blockId: String(payment.deposits[0].blockNumber),
				trxTimestamp: payment.updatedAt.toISOString(),
				createdBy: 'system',
				createdAt: '2026-01-01T10:00:00.000Z',
				updatedAt: payment.updatedAt.toISOString(),
				projectName: 'Simulated Project',
			});
		});

		it('writes amounts as JSON numbers with the exact digits', async () => {
			const payment = add({ amountInUsd: '0.1000000000000000001' });
			await t.sim.pay(payment.referenceId, { state: 'FILLED', currency: 'ETH', network: 'ETH' });
			const raw = await t.api.post('/api/v1/payment/search', {}, { responseType: 'text', transformResponse: (text: string) => text });
			expect(raw.data).toContain('"amountInUSD":0.1000000000000000001,');
			expect(raw.data).toContain('"filledAmountInUSD":0.1000000000000000001,');
			expect(raw.data).toMatch(/"amount":0\.0000\d+,/);
			add({ amountInUsd: '49.990', customerId: 'other' });
			const open = await t.api.post('/api/v1/payment/search', { paymentStatus: ['OPEN'] }, { responseType: 'text', transformResponse: (text: string) => text });
			expect(open.data).toContain('"amount":49.990,"amountInUSD":49.990,"filledAmount":null,"filledAmountInUSD":null');
		});

		it('narrows by each filter', async () => {
			const { filled, failed, open, cancelled } = await catalogue();
			const all = [filled, failed, open, cancelled].map((p) => p.referenceId).sort();
			expect((await references()).sort()).toEqual(all);
			expect(await references({ paymentStatus: ['FILLED'] })).toEqual([filled.referenceId]);
			expect((await references({ paymentStatus: ['OPEN', 'CANCELLED'] })).sort()).toEqual([open.referenceId, cancelled.referenceId].sort());
			expect(await references({ network: ['TRX'] })).toEqual([failed.referenceId]);
			expect(await references({ currency: ['USDC'] })).toEqual([filled.referenceId]);
			expect(await references({ webhookStatus: ['failed'] })).toEqual([failed.referenceId]);
			expect(await references({ webhookStatus: ['received'] })).toEqual([filled.referenceId]);
			expect((await references({ webhookStatus: ['pending'] })).sort()).toEqual([open.referenceId, cancelled.referenceId].sort());
			expect((await references({ createdBy: ['user'] })).sort()).toEqual([failed.referenceId, open.referenceId].sort());
			expect(await references({ dateFrom: '2026-01-02T00:00:00Z', dateTo: '2026-01-03T10:00:00Z' })).toEqual([open.referenceId, failed.referenceId]);
			expect(await references({ dateFrom: '2026-01-04' })).toEqual([cancelled.referenceId]);
			expect(await references({ dateTo: '2026-01-01T23:59:59Z' })).toEqual([filled.referenceId]);
			expect(await references({ paymentStatus: ['FILLED', 'PARTIALLY_FILLED'], webhookStatus: ['failed'] })).toEqual([failed.referenceId]);
		});

		it('finds free text in the email, reference, customer, invoice and tx hash, ignoring case', async () => {
			const { filled, failed } = await catalogue();
			const txHash = t.sim.state.payments.get(failed.referenceId)!.deposits[0].transactionHash;
			expect(await references({ query: 'ALICE@' })).toEqual([filled.referenceId]);
			expect(await references({ query: failed.referenceId.slice(0, 13) })).toEqual([failed.referenceId]);
			expect(await references({ query: 'cust_b' })).toEqual([failed.referenceId]);
			expect(await references({ query: 'order-a' })).toEqual([filled.referenceId]);
			expect(await references({ query: txHash.toUpperCase() })).toEqual([failed.referenceId]);
		});

		it('sorts by created_at DESC by default and by any column either way, ties broken by reference ID', async () => {
			const { filled, failed, open, cancelled } = await catalogue();
			expect(await references()).toEqual([cancelled, open, failed, filled].map((p) => p.referenceId));
			expect(await references({ sortBy: 'created_at', sortDirection: 'ASC' })).toEqual([filled, failed, open, cancelled].map((p) => p.referenceId));
			expect(await references({ sortBy: 'email', sortDirection: 'ASC' })).toEqual([filled, failed, open, cancelled].map((p) => p.referenceId));
			expect(await references({ sortBy: 'payment_status', sortDirection: 'ASC' })).toEqual([cancelled, filled, open, failed].map((p) => p.referenceId));

			// Payments changed in the same millisecond share updatedAt: the reference ID orders them, both ways.
			const same = new Date('2026-02-01T00:00:00Z');
			for (const payment of t.sim.state.payments.values()) payment.updatedAt = same;
			const ascending = [...t.sim.state.payments.keys()].sort();
			expect(await references({ sortBy: 'updated_at', sortDirection: 'ASC' })).toEqual(ascending);
			expect(await references({ sortBy: 'updated_at', sortDirection: 'DESC' })).toEqual([...ascending].reverse());
		});

		it('pages with limit (default 50, at most 200) and offset', async () => {
			for (let i = 0; i < 230; i++) add({ customerId: `c${i}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() });
			const first = await search();
			expect(first.data.data).toHaveLength(50);
			expect(first.data.totalCount).toBe(230);
			const seen: string[] = [];
			for (let offset = 0; offset < 230; offset += 200) seen.push(...(await references({ limit: 200, offset, sortDirection: 'ASC' })));
			expect(seen).toHaveLength(230);
			expect(new Set(seen).size).toBe(230);
			expect(await references({ limit: 3, offset: 1, sortDirection: 'ASC' })).toEqual(seen.slice(1, 4));
		});

		it('refuses invalid filters with 400 and the reason', async () => {
			const invalid: Array<[unknown, string]> = [
				[{ limit: 0 }, 'limit must be a whole number from 1 to 200'],
				[{ limit: 201 }, 'limit must be a whole number from 1 to 200'],
				[{ limit: '10' }, 'limit must be a whole number from 1 to 200'],
				[{ offset: -1 }, 'offset must be a whole number'],
				[{ paymentStatus: ['filled'] }, 'paymentStatus has unknown values filled'],
				[{ paymentStatus: 'FILLED' }, 'paymentStatus must be an array of strings'],
				[{ network: ['SOL'] }, 'network has unknown values SOL'],
				[{ webhookStatus: ['lost'] }, 'webhookStatus has unknown values lost'],
				[{ createdBy: ['robot'] }, 'createdBy has unknown values robot'],
				[{ dateFrom: 'yesterday' }, 'dateFrom must be an ISO 8601 date or time'],
				[{ dateTo: '2026-13-45' }, 'dateTo must be an ISO 8601 date or time'],
				[{ sortBy: 'price' }, 'sortBy must be one of'],
				[{ sortDirection: 'up' }, 'sortDirection must be ASC or DESC'],
				[{ query: 5 }, 'query must be a string'],
			];
			for (const [body, reason] of invalid) {
				const response = await t.api.post('/api/v1/payment/search', body);
				expect(response.status).toBe(400);
				expectContractResponse(response);
				expect(response.data.error).toBe('Invalid request parameters');
				expect(response.data.message).toContain(reason);
			}
			const malformed = await t.api.post('/api/v1/payment/search', '{"limit":', { headers: { 'Content-Type': 'application/json' } });
			expect(malformed.status).toBe(400);
			expectContractResponse(malformed);
		});

		it('accepts filter keys in any case, as PayRam matches request keys', async () => {
			const { filled } = await catalogue();
			expect(await references({ PAYMENTSTATUS: ['FILLED'] })).toEqual([filled.referenceId]);
		});

		it('summarises the counts', async () => {
			await catalogue();
			const summary = await t.api.get('/api/v1/payment/summary');
			expect(summary.status).toBe(200);
			expectContractResponse(summary);
			expect(summary.data).toEqual({ totalCount: 4, openCount: 2, closedCount: 1, cancelledCount: 1 });
		});
	});

	describe('webhook status', () => {
		const statusOf = (payment: Payment) => t.sim.state.payments.get(payment.referenceId)!.webhookStatus;

		it('stays pending when no webhook target is set', async () => {
			const payment = add();
			await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			expect(statusOf(payment)).toBe('pending');
		});

		it('is received after a 2xx and failed after a non-2xx or a refused connection', async () => {
			t.sim.setWebhook({ url: receiver.url, mode: 'current' });
			const received = add({ customerId: 'r' });
			await t.sim.pay(received.referenceId, { state: 'FILLED' });
			expect(statusOf(received)).toBe('received');

			receiver.status = 503;
			const refusedByStatus = add({ customerId: 's' });
			await t.sim.pay(refusedByStatus.referenceId, { state: 'FILLED' });
			expect(statusOf(refusedByStatus)).toBe('failed');

			t.sim.setWebhook({ url: 'http://127.0.0.1:1/webhook', mode: 'current' });
			const refused = add({ customerId: 'c' });
			const delivery = await t.sim.pay(refused.referenceId, { state: 'FILLED' });
			expect(delivery?.status).toBe(0);
			expect(statusOf(refused)).toBe('failed');
		});

		it('a redelivery that gets a 2xx turns failed into received', async () => {
			t.sim.setWebhook({ url: receiver.url, mode: 'current' });
			receiver.status = 500;
			const payment = add();
			await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			expect(statusOf(payment)).toBe('failed');
			receiver.status = 200;
			await t.sim.redeliver();
			expect(statusOf(payment)).toBe('received');
		});

		it('a new state is pending until its delivery is answered', async () => {
			t.sim.setWebhook({ url: receiver.url, mode: 'current' });
			const payment = add();
			await t.sim.pay(payment.referenceId, { state: 'PARTIALLY_FILLED' });
			expect(statusOf(payment)).toBe('received');
			t.sim.setWebhook(null);
			await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			expect(statusOf(payment)).toBe('pending');
		});

		it('moves updatedAt on every change of state or webhook status', async () => {
			t.sim.setWebhook({ url: receiver.url, mode: 'current' });
			const payment = add({ createdAt: '2026-01-01T00:00:00Z' });
			const stored = t.sim.state.payments.get(payment.referenceId)!;
			expect(stored.updatedAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
			let last = stored.updatedAt.getTime();
			const moved = () => {
				const now = stored.updatedAt.getTime();
				const changed = now > last;
				last = now;
				return changed;
			};
			t.sim.advanceClock(1000);
			await t.sim.pay(payment.referenceId, { state: 'PARTIALLY_FILLED' });
			expect(moved()).toBe(true);
			t.sim.advanceClock(1000);
			receiver.status = 500;
			await t.sim.redeliver();
			expect(stored.webhookStatus).toBe('failed');
			expect(moved()).toBe(true);
			t.sim.advanceClock(1000);
			t.sim.expire(payment.referenceId);
			expect(moved()).toBe(true);
		});
	});

	describe('expiry', () => {
		beforeEach(() => restart());

		it('turns stale OPEN links CANCELLED on the clock, seen by search and get, and delivers nothing', async () => {
			t.sim.setWebhook({ url: receiver.url, mode: 'current' });
			const payment = add();
			const before = receiver.received.length;
			expect(await references({ paymentStatus: ['CANCELLED'] })).toEqual([]);
			const answer = await axios.post(`${t.sim.url}/__sim/clock`, { advanceMs: 15 * 60 * 1000 });
			expect(new Date(answer.data.now).getTime()).toBeGreaterThan(Date.now() + 14 * 60 * 1000);
			expect(await references({ paymentStatus: ['CANCELLED'] })).toEqual([payment.referenceId]);
			const [row] = (await search({ query: payment.referenceId })).data.data;
			expect(row.updatedAt).toBe(t.sim.state.payments.get(payment.referenceId)!.updatedAt.toISOString());
			expect(row.updatedAt > row.createdAt).toBe(true);
			expect((await t.api.get(`/api/v1/payment/reference/${payment.referenceId}`)).data.paymentState).toBe('CANCELLED');
			expect(receiver.received.length).toBe(before);
		});

		it('expires on read as well, without a clock change', async () => {
			await restart({ paymentExpiryMs: 0 });
			const payment = add();
			expect(await references({ paymentStatus: ['CANCELLED'] })).toEqual([payment.referenceId]);
		});

		it('expires on the control call', async () => {
			const payment = add();
			const expired = await axios.post(`${t.sim.url}/__sim/payments/${payment.referenceId}/expire`);
			expect(expired.data.payment.paymentState).toBe('CANCELLED');
			expect(await references({ paymentStatus: ['CANCELLED'] })).toEqual([payment.referenceId]);
		});
	});

	it('caps a page below the limit when configured, as some servers do', async () => {
		await restart({ searchPageCap: 7 });
		for (let i = 0; i < 10; i++) add({ customerId: `c${i}` });
		const page = await search({ limit: 200 });
		expect(page.data.data).toHaveLength(7);
		expect(page.data.totalCount).toBe(10);
	});

	it('adds payments over the control API', async () => {
		const answer = await axios.post(`${t.sim.url}/__sim/payments`, { customerId: 'dash', amountInUsd: '12.50', createdBy: 'user', createdAt: '2026-03-01T00:00:00Z' });
		expect(answer.data.payment).toMatchObject({ customerId: 'dash', amountInUsd: '12.50', createdBy: 'user', paymentState: expect.any(String), webhookStatus: 'pending' });
		const control = axios.create({ baseURL: `${t.sim.url}/__sim`, validateStatus: () => true });
		expect((await control.post('/payments', { amountInUsd: '-1' })).status).toBe(400);
		expect((await control.post('/payments', { createdBy: 'robot' })).status).toBe(400);
		expect((await control.post('/payments', { createdAt: 'soon' })).status).toBe(400);
		expect((await control.post('/clock', { advanceMs: -5 })).status).toBe(400);
	});
});
