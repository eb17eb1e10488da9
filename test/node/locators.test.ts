// Resource locators ("From list" pickers and By ID), their list searches, the plain strings older workflows
// stored, and Simplify on the operations that read payments and payouts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { listSearch } from '../../testing/engine/list-search';
import { loadWorkflowFixture, type WorkflowFixture } from '../../testing/engine/run-workflow';
import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { credentialsFor, jsonOf, run, seedPayouts, TRIGGER, withItems } from './referral-payout.helpers';

let sim: PayRamSimulator;

beforeAll(async () => {
	sim = await startSimulator({ port: 0, paymentExpiryMs: 100 * 365 * 24 * 3600 * 1000 });
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

const SEARCH = '/api/v1/payment/search';
const searchPayments = (filter?: string, paginationToken?: string) =>
	listSearch('searchPayments', {
		nodeType: 'n8n-nodes-payram.payRam',
		credentials: credentialsFor(sim),
		parameters: { resource: 'payment', operation: 'get' },
		filter,
		paginationToken,
	});
const searchPayouts = (filter?: string, paginationToken?: string) =>
	listSearch('searchPayouts', {
		nodeType: 'n8n-nodes-payram.payRam',
		credentials: credentialsFor(sim),
		parameters: { resource: 'payout', operation: 'get' },
		filter,
		paginationToken,
	});

/** A node taken from one of the importable examples, run on a pinned item: what a builder's saved workflow holds. */
function exampleNode(file: string, nodeName: string, item: IDataObject): WorkflowFixture {
	const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8')) as { nodes: INode[] };
	const node = example.nodes.find((candidate) => candidate.name === nodeName)!;
	node.credentials = { payRamApi: { id: '1', name: 'PayRam account' } };
	const trigger: INode = { id: 't', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	return {
		nodes: [trigger, node],
		connections: { [TRIGGER]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		pinData: { [TRIGGER]: [{ json: item }] },
	};
}

describe('list search for the payment picker', () => {
	it('lists payments newest first, searches with the typed text and pages by totalCount', async () => {
		for (let i = 0; i < 60; i++) {
			sim.addPayment({ customerId: `c${i}`, customerEmail: i === 7 ? 'alice@example.com' : `c${i}@example.com`, amountInUsd: '49.99', createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() });
		}
		const first = await searchPayments();
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({
			name: 'c59@example.com · 49.99 USD · OPEN · 2026-01-01',
			value: [...sim.state.payments.values()].find((payment) => payment.customerId === 'c59')!.referenceId,
		});
		expect(first.paginationToken).toBe('50');
		const second = await searchPayments(undefined, first.paginationToken);
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((result) => result.value)).size).toBe(60);

		const alice = await searchPayments('alice');
		expect(alice.results.map((result) => result.name)).toEqual(['alice@example.com · 49.99 USD · OPEN · 2026-01-01']);
		const bodies = sim.requests.filter((request) => request.path === SEARCH).map((request) => JSON.parse(request.rawBody) as IDataObject);
		expect(bodies.at(-1)).toEqual({ limit: 50, offset: 0, sortBy: 'created_at', sortDirection: 'DESC', query: 'alice' });
		expect(bodies.every((body) => sim.requests.length > 0 && body.limit === 50)).toBe(true);
	});

	it('answers an empty list when PayRam has data: null', async () => {
		expect(await searchPayments('nobody')).toEqual({ results: [], paginationToken: undefined });
	});
});

describe('list search for the payout picker', () => {
	it('lists payouts newest first and filters them by the typed text', async () => {
		await seedPayouts(sim, ['10', '20', '30']);
		const all = await searchPayouts();
		expect(all.results.map((result) => result.value)).toEqual(['3', '2', '1']);
		expect(all.results[0].name).toBe('#3 · 30 USDC · pending · payee3@example.com');
		expect(all.paginationToken).toBeUndefined();
		expect((await searchPayouts('payee2')).results.map((result) => result.value)).toEqual(['2']);
		const lists = sim.requests.filter((request) => request.method === 'GET' && request.path === '/api/v1/withdrawal/merchant');
		expect(lists.at(-1)!.query).toEqual({ limit: '50', offset: '0', order: 'DESC', sortBy: 'createdAt' });
	});

	it('offers the next page while pages are full', async () => {
		await seedPayouts(sim, Array.from({ length: 55 }, (_, index) => String(index + 1)));
		const first = await searchPayouts();
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		const second = await searchPayouts(undefined, '50');
		expect(second.results.map((result) => result.value)).toEqual(['5', '4', '3', '2', '1']);
		expect(second.paginationToken).toBeUndefined();
	});
});

describe('resource locator modes', () => {
	async function createdPayment(): Promise<string> {
		return sim.addPayment({ customerId: 'jane', amountInUsd: '49.99' }).referenceId;
	}

	it('Payment Get reads the payment picked From list (the picker stores its reference ID)', async () => {
		const reference = await createdPayment();
		const workflow = loadWorkflowFixture('payment-get-locator.json');
		workflow.pinData = { [TRIGGER]: [{ json: { reference } }] };
		const [payment] = jsonOf(await run(sim, workflow), 'Get Payment');
		expect(payment).toMatchObject({ referenceID: reference, paymentState: 'OPEN', amountInUSD: '49.99' });
	});

	it('Payment Get reads By Reference ID', async () => {
		const reference = await createdPayment();
		const workflow = loadWorkflowFixture('payment-get-locator.json');
		workflow.nodes[1].parameters.referenceId = { __rl: true, mode: 'id', value: reference };
		const [payment] = jsonOf(await run(sim, workflow), 'Get Payment');
		expect(payment.referenceID).toBe(reference);
	});

	it('Payout Get reads By ID and From list', async () => {
		await seedPayouts(sim, ['10', '20']);
		const byId = jsonOf(await run(sim, 'payout-get-locator.json'), 'Get Payout');
		expect(byId).toEqual([expect.objectContaining({ id: 1, amount: '10' })]);
		const workflow = loadWorkflowFixture('payout-get-locator.json');
		workflow.nodes[1].parameters.payoutId = { __rl: true, mode: 'list', value: '2', cachedResultName: '#2 · 20 USDC · pending · payee2@example.com' };
		expect(jsonOf(await run(sim, workflow), 'Get Payout')).toEqual([expect.objectContaining({ id: 2, amount: '20' })]);
	});

	it('a locator whose expression gives nothing is refused before anything is sent', async () => {
		const workflow = loadWorkflowFixture('payment-get-locator.json');
		workflow.pinData = { [TRIGGER]: [{ json: { reference: ' ' } }] };
		const result = await run(sim, workflow);
		expect(result.nodeError('Get Payment')).toMatchObject({ name: 'NodeOperationError', message: 'Payment is empty' });
		expect(sim.requests).toHaveLength(0);
	});
});

describe('workflows saved with a plain string reference ID or payout ID keep working', () => {
	it('the fixtures store plain strings', () => {
		expect(loadWorkflowFixture('payment-get.json').nodes[1].parameters.referenceId).toBe('={{ $json.reference }}');
		expect(loadWorkflowFixture('payout-get.json').nodes[1].parameters.payoutId).toBe('={{ $json.payoutId }}');
	});

	it('payment-get.json reads the payment', async () => {
		const reference = await sim.addPayment({ customerId: 'old' }).referenceId;
		const [payment] = jsonOf(await run(sim, withItems('payment-get.json', [{ reference }])), 'Get Payment');
		expect(payment).toMatchObject({ referenceID: reference, paymentState: 'OPEN' });
		// Simplify was not there when it was saved: the whole record comes back, as before.
		expect(Object.keys(payment).length).toBeGreaterThan(10);
	});

	it('payout-get.json reads the payout, whole', async () => {
		await seedPayouts(sim, ['7.5']);
		const [payout] = jsonOf(await run(sim, withItems('payout-get.json', [{ payoutId: '1' }])), 'Get Payout');
		expect(payout).toMatchObject({ id: 1, amount: '7.5', type: 'payout_merchant' });
	});

	it("the example create-payment-link.json's Get Payment node reads the payment", async () => {
		const reference = sim.addPayment({ customerId: 'ex' }).referenceId;
		const workflow = exampleNode('create-payment-link.json', 'Get Payment', { reference_id: reference });
		expect(typeof workflow.nodes[1].parameters.referenceId).toBe('string');
		const [payment] = jsonOf(await run(sim, workflow), 'Get Payment');
		expect(payment).toMatchObject({ referenceID: reference, paymentState: 'OPEN' });
	});

	it("the example pay-affiliate.json's Get Payout node reads the payout", async () => {
		await seedPayouts(sim, ['125.50']);
		const workflow = exampleNode('pay-affiliate.json', 'Get Payout', { id: 1 });
		expect(typeof workflow.nodes[1].parameters.payoutId).toBe('string');
		const [payout] = jsonOf(await run(sim, workflow), 'Get Payout');
		expect(payout).toMatchObject({ id: 1, amount: '125.50' });
	});
});

describe('Simplify on the existing operations (off unless turned on)', () => {
	it('Payment Get keeps ten fields', async () => {
		const reference = sim.addPayment({ customerId: 's', amountInUsd: '0.1000000000000000001' }).referenceId;
		const workflow = withItems('payment-get.json', [{ reference }]);
		workflow.nodes[1].parameters.simplify = true;
		const [payment] = jsonOf(await run(sim, workflow), 'Get Payment');
		expect(payment).toEqual({
			referenceID: reference,
			invoiceID: reference,
			customerID: 's',
			paymentState: 'OPEN',
			amountInUSD: '0.1000000000000000001',
			filledAmount: null,
			filledAmountInUSD: null,
			currencySymbol: null,
			blockchainSymbol: null,
			createdAt: sim.state.payments.get(reference)!.createdAt.toISOString(),
		});
	});

	const PAYOUT_KEYS = ['id', 'status', 'recipientEmail', 'blockchainCode', 'currencyCode', 'amount', 'amountInUSD', 'toAddress', 'txHash', 'createdAt'];

	it('Payout Get and Get Many keep ten fields', async () => {
		await seedPayouts(sim, ['10', '20']);
		const get = withItems('payout-get.json', [{ payoutId: '2' }]);
		get.nodes[1].parameters.simplify = true;
		const [payout] = jsonOf(await run(sim, get), 'Get Payout');
		expect(Object.keys(payout)).toEqual(PAYOUT_KEYS);
		expect(payout).toMatchObject({ id: 2, amount: '20', status: 'pending', recipientEmail: 'payee2@example.com' });

		const many = loadWorkflowFixture('payout-get-many.json');
		many.nodes[1].parameters.simplify = true;
		const payouts = jsonOf(await run(sim, many), 'Get Payouts');
		expect(payouts).toHaveLength(2);
		for (const each of payouts) expect(Object.keys(each)).toEqual(PAYOUT_KEYS);
		const whole = jsonOf(await run(sim, 'payout-get-many.json'), 'Get Payouts');
		expect(Object.keys(whole[0]).length).toBeGreaterThan(30);
	});

	it('Payout Create keeps ten fields and the idempotency key it used', async () => {
		const workflow = loadWorkflowFixture('payout-create.json');
		const node = workflow.nodes.find((candidate) => candidate.type === 'n8n-nodes-payram.payRam')!;
		node.parameters.simplify = true;
		const [payout] = jsonOf(await run(sim, workflow), node.name);
		expect(Object.keys(payout)).toEqual([...PAYOUT_KEYS, 'idempotencyKey']);
		expect(payout.idempotencyKey).toBe(sim.requests[0].headers['idempotency-key']);
	});
});
