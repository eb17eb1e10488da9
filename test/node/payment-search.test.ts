// PayRam node → Payment (Get Many, Get Summary), run in n8n's execution engine against the PayRam simulator.
import type { IDataObject } from 'n8n-workflow';

import { loadWorkflowFixture, type WorkflowFixture } from '../../testing/engine/run-workflow';
import { validateRequest, validateResponse } from '../simulator/contracts';
import { startSimulator, type NewPayment, type PayRamSimulator } from '../simulator/server';
import { startWebhookReceiver, type WebhookReceiver } from '../simulator/testkit';
import { jsonOf, run } from './referral-payout.helpers';

let sim: PayRamSimulator;
let receiver: WebhookReceiver;
const SEARCH = '/api/v1/payment/search';
const NODE = 'Find Payments';
const YEARS = 100 * 365 * 24 * 3600 * 1000;

beforeAll(async () => {
	receiver = await startWebhookReceiver();
	sim = await startSimulator({ port: 0, paymentExpiryMs: YEARS });
});
afterAll(async () => {
	await sim.close();
	await receiver.close();
});
beforeEach(() => {
	sim.reset();
	receiver.status = 200;
});

const searches = () => sim.requests.filter((request) => request.path === SEARCH);
const searchBodies = () => searches().map((request) => JSON.parse(request.rawBody) as IDataObject);

/** payment-get-many.json with the Get Many node's parameters replaced. */
function getMany(parameters: IDataObject): WorkflowFixture {
	const workflow = loadWorkflowFixture('payment-get-many.json');
	workflow.nodes[1].parameters = { resource: 'payment', operation: 'getMany', ...parameters };
	return workflow;
}
const references = async (parameters: IDataObject) =>
	jsonOf(await run(sim, getMany({ returnAll: true, ...parameters })), NODE).map((row) => row.referenceId as string);

/** Four payments that differ in every filtered field, created in this order. */
async function catalogue() {
	sim.setWebhook({ url: receiver.url, mode: 'current' });
	const add = (input: NewPayment) => sim.addPayment(input);
	const filled = add({ customerId: 'cust_a', customerEmail: 'alice@example.com', invoiceId: 'order-a', createdBy: 'system', createdAt: '2026-01-01T10:00:00Z' });
	await sim.pay(filled.referenceId, { state: 'FILLED', network: 'ETH', currency: 'USDC' });
	const failed = add({ customerId: 'cust_b', customerEmail: 'bob@example.com', invoiceId: 'order-b', createdBy: 'user', createdAt: '2026-01-02T10:00:00Z' });
	receiver.status = 500;
	await sim.pay(failed.referenceId, { state: 'FILLED', network: 'TRX', currency: 'USDT' });
	receiver.status = 200;
	const open = add({ customerId: 'cust_c', customerEmail: 'carol@example.com', invoiceId: 'order-c', createdBy: 'user', createdAt: '2026-01-03T10:00:00Z' });
	const cancelled = add({ customerId: 'cust_d', customerEmail: 'dave@example.com', invoiceId: 'order-d', createdBy: 'system', createdAt: '2026-01-04T10:00:00Z' });
	sim.expire(cancelled.referenceId);
	const ref = { filled: filled.referenceId, failed: failed.referenceId, open: open.referenceId, cancelled: cancelled.referenceId };
	return ref;
}

describe('Payment → Get Many', () => {
	it('finds the paid payments whose webhook failed (the fixture), simplified, with a request the contract accepts', async () => {
		const ref = await catalogue();
		const result = await run(sim, 'payment-get-many.json');
		expect(result.error).toBeUndefined();
		const rows = jsonOf(result, NODE);
		expect(rows).toEqual([
			{
				referenceId: ref.failed,
				invoiceId: 'order-b',
				customerId: 'cust_b',
				email: 'bob@example.com',
				paymentStatus: 'FILLED',
				webhookStatus: 'failed',
				amount: '10',
				amountInUSD: '10',
				filledAmount: '10',
				filledAmountInUSD: '10',
				network: 'TRX',
				currency: 'USDT',
				createdAt: '2026-01-02T10:00:00.000Z',
				updatedAt: sim.state.payments.get(ref.failed)!.updatedAt.toISOString(),
			},
		]);
		const [request] = searches();
		expect(request.method).toBe('POST');
		expect(request.headers['api-key']).toBe(sim.apiKey);
		const body = JSON.parse(request.rawBody) as IDataObject;
		expect(body).toEqual({
			paymentStatus: ['FILLED', 'OVER_FILLED', 'PARTIALLY_FILLED'],
			webhookStatus: ['failed'],
			sortBy: 'updated_at',
			sortDirection: 'ASC',
			limit: 50,
			offset: 0,
		});
		expect(validateRequest('searchPayments', body).errors).toEqual([]);
	});

	it('narrows by each filter as the simulator data says', async () => {
		const ref = await catalogue();
		const cases: Array<[IDataObject, string[]]> = [
			[{}, [ref.cancelled, ref.open, ref.failed, ref.filled]],
			[{ paymentStatus: ['FILLED'] }, [ref.failed, ref.filled]],
			[{ paymentStatus: ['CANCELLED'] }, [ref.cancelled]],
			[{ network: ['TRX'] }, [ref.failed]],
			[{ network: ['ETH', 'TRX'] }, [ref.failed, ref.filled]],
			[{ currency: ['USDC'] }, [ref.filled]],
			[{ webhookStatus: ['received'] }, [ref.filled]],
			[{ webhookStatus: ['pending'] }, [ref.cancelled, ref.open]],
			[{ createdBy: ['user'] }, [ref.open, ref.failed]],
			[{ createdBy: ['system'] }, [ref.cancelled, ref.filled]],
			[{ dateFrom: '2026-01-02T00:00:00Z' }, [ref.cancelled, ref.open, ref.failed]],
			[{ dateTo: '2026-01-02T12:00:00Z' }, [ref.failed, ref.filled]],
			[{ dateFrom: '2026-01-02T00:00:00Z', dateTo: '2026-01-03T23:00:00Z' }, [ref.open, ref.failed]],
			[{ query: 'CAROL' }, [ref.open]],
			[{ query: 'order-d' }, [ref.cancelled]],
			[{ query: ref.filled }, [ref.filled]],
			[{ query: sim.state.payments.get(ref.failed)!.deposits[0].transactionHash }, [ref.failed]],
			[{ query: 'nobody' }, []],
		];
		for (const [filters, expected] of cases) {
			expect({ filters, found: await references({ filters }) }).toEqual({ filters, found: expected });
		}
	});

	it('takes the dates of a dateTime field or an expression and refuses text that is not a date', async () => {
		const ref = await catalogue();
		expect(await references({ filters: { dateFrom: "={{ DateTime.fromISO('2026-01-04T00:00:00Z') }}" } })).toEqual([ref.cancelled]);
		const before = sim.requests.length;
		const result = await run(sim, getMany({ filters: { dateFrom: 'last tuesday' } }));
		expect(result.nodeError(NODE)).toMatchObject({ name: 'NodeOperationError', message: 'Created From is not a date and time (got "last tuesday")' });
		expect(sim.requests.length).toBe(before);
	});

	it('sorts by the chosen field and direction', async () => {
		const ref = await catalogue();
		expect(await references({ options: { sortBy: 'created_at', sortDirection: 'ASC' } })).toEqual([ref.filled, ref.failed, ref.open, ref.cancelled]);
		expect(await references({ options: { sortBy: 'email', sortDirection: 'DESC' } })).toEqual([ref.cancelled, ref.open, ref.failed, ref.filled]);
		// Two FILLED payments: PayRam's order between them is the reference ID's.
		const filled = [ref.failed, ref.filled].sort();
		expect(await references({ options: { sortBy: 'payment_status', sortDirection: 'ASC' } })).toEqual([ref.cancelled, ...filled, ref.open]);
		expect(searchBodies().map((body) => `${body.sortBy as string} ${body.sortDirection as string}`)).toEqual([
			'created_at ASC',
			'email DESC',
			'payment_status ASC',
		]);
	});

	it('returns Limit payments from Offset, in one request', async () => {
		for (let i = 0; i < 10; i++) sim.addPayment({ customerId: `c${i}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() });
		const all = await references({ options: { sortDirection: 'ASC' } });
		const before = searches().length;
		const rows = jsonOf(await run(sim, getMany({ limit: 3, options: { offset: 2, sortDirection: 'ASC' } })), NODE);
		expect(rows.map((row) => row.referenceId)).toEqual(all.slice(2, 5));
		expect(searchBodies().slice(before).map((body) => [body.limit, body.offset])).toEqual([[3, 2]]);
	});

	it('Return All pages by totalCount: 450 payments in pages of 200, one item each', async () => {
		for (let i = 0; i < 450; i++) sim.addPayment({ customerId: `c${i}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() });
		const result = await run(sim, getMany({ returnAll: true, options: { sortDirection: 'ASC' } }));
		const rows = jsonOf(result, NODE);
		expect(rows).toHaveLength(450);
		expect(new Set(rows.map((row) => row.referenceId)).size).toBe(450);
		expect(rows[449].customerId).toBe('c449');
		expect(searchBodies().map((body) => [body.limit, body.offset])).toEqual([
			[200, 0],
			[200, 200],
			[200, 400],
		]);
		expect(result.output(NODE).map((item) => item.pairedItem)).toEqual(rows.map(() => ({ item: 0 })));
	});

	describe('against a server that answers fewer rows than asked', () => {
		let capped: PayRamSimulator;
		beforeAll(async () => {
			capped = await startSimulator({ port: 0, paymentExpiryMs: YEARS, searchPageCap: 70 });
		});
		afterAll(async () => capped.close());

		it('keeps paging while totalCount says more remain, for Return All and for a Limit', async () => {
			for (let i = 0; i < 450; i++) capped.addPayment({ customerId: `c${i}` });
			const all = jsonOf(await run(capped, getMany({ returnAll: true })), NODE);
			expect(new Set(all.map((row) => row.referenceId)).size).toBe(450);
			const offsets = () => capped.requests.filter((r) => r.path === SEARCH).map((r) => (JSON.parse(r.rawBody) as IDataObject).offset);
			expect(offsets()).toEqual([0, 70, 140, 210, 280, 350, 420]);

			capped.requests.length = 0;
			const limited = jsonOf(await run(capped, getMany({ limit: 150 })), NODE);
			expect(limited.map((row) => row.referenceId)).toEqual(all.slice(0, 150).map((row) => row.referenceId));
			expect(offsets()).toEqual([0, 70, 140]);
		});
	});

	it('outputs no items for data: null, after one request', async () => {
		sim.addPayment({ customerId: 'someone' });
		const result = await run(sim, getMany({ returnAll: true, filters: { paymentStatus: ['OVER_FILLED'] } }));
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)).toEqual([]);
		expect(searches()).toHaveLength(1);
	});

	it('outputs the whole row with Simplify off, amounts exact', async () => {
		const payment = sim.addPayment({ customerId: 'exact', amountInUsd: '0.1000000000000000001' });
		await sim.pay(payment.referenceId, { state: 'FILLED', network: 'ETH', currency: 'USDC' });
		const [row] = jsonOf(await run(sim, getMany({ simplify: false })), NODE);
		const stored = sim.state.payments.get(payment.referenceId)!;
		expect(row).toEqual({
			referenceId: payment.referenceId,
			invoiceId: payment.referenceId,
			customerId: 'exact',
			email: 'exact@example.com',
			paymentStatus: 'FILLED',
			webhookStatus: 'pending',
			amount: '0.1000000000000000001',
			amountInUSD: '0.1000000000000000001',
			filledAmount: '0.1000000000000000001',
			filledAmountInUSD: '0.1000000000000000001',
			network: 'ETH',
			currency: 'USDC',
			txHash: stored.deposits[0].transactionHash,
			fromAddress: stored.deposits[0].sourceAddress,
			toAddress: stored.depositAddress,
			blockId: String(stored.deposits[0].blockNumber),
			trxTimestamp: stored.updatedAt.toISOString(),
			createdBy: 'user',
			createdAt: stored.createdAt.toISOString(),
			updatedAt: stored.updatedAt.toISOString(),
			projectName: 'Simulated Project',
		});
		const [simple] = jsonOf(await run(sim, getMany({})), NODE);
		expect(Object.keys(simple)).toEqual([
			'referenceId',
			'invoiceId',
			'customerId',
			'email',
			'paymentStatus',
			'webhookStatus',
			'amount',
			'amountInUSD',
			'filledAmount',
			'filledAmountInUSD',
			'network',
			'currency',
			'createdAt',
			'updatedAt',
		]);
		expect(simple.amountInUSD).toBe('0.1000000000000000001');
	});

	it('retries a search that met a 503, since it only reads', async () => {
		sim.addPayment({ customerId: 'x' });
		sim.setFaults({ failNext: { count: 1, status: 503, pathPrefix: SEARCH } });
		const rows = jsonOf(await run(sim, getMany({})), NODE);
		expect(rows).toHaveLength(1);
		expect(searches()).toHaveLength(2);
	});

	it('reports a search PayRam refused in one message that names the reason', async () => {
		const result = await run(sim, getMany({ filters: { paymentStatus: "={{ ['filled'] }}" } }));
		expect(result.nodeError(NODE)?.message).toBe(
			'PayRam: paymentStatus has unknown values filled (allowed: OPEN, FILLED, PARTIALLY_FILLED, OVER_FILLED, CANCELLED, CONFIRMING, DEPOSIT_RECEIVED, UNDEFINED) (HTTP 400)',
		);
		// A 400 is an answer: asked once.
		expect(searches()).toHaveLength(1);
	});
});

describe('Payment → Get Summary', () => {
	it('passes the counts through', async () => {
		await catalogue();
		const result = await run(sim, 'payment-get-summary.json');
		const [summary] = jsonOf(result, 'Payment Summary');
		expect(summary).toEqual({ totalCount: 4, openCount: 1, closedCount: 2, cancelledCount: 1 });
		expect(validateResponse('get', '/api/v1/payment/summary', 200, summary).errors).toEqual([]);
		expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/v1/payment/summary']);
	});
});
