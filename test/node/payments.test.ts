import axios from 'axios';

import { runWorkflow, loadWorkflowFixture } from '../../testing/engine/run-workflow';
import { validateRequest, validateResponse } from '../simulator/contracts';
import { startSimulator, type PayRamSimulator } from '../simulator/server';

let sim: PayRamSimulator;
const credentialsFor = (apiKey = sim.apiKey) => ({ payRamApi: { url: sim.url, apiKey, allowInsecure: true } });
const paymentRequests = () => sim.requests.filter((r) => r.path.startsWith('/api/v1/payment'));

beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

describe('Payment → Create and Get through the execution engine', () => {
	it('creates one link per item and reads each payment back, amounts exact', async () => {
		const result = await runWorkflow('payment-create-and-get.json', { credentials: credentialsFor() });
		expect(result.error).toBeUndefined();

		const created = result.output('Create Payment Link').map((i) => i.json);
		expect(created).toHaveLength(2);
		for (const payment of created) {
			expect(payment.url).toBe(`${sim.url}/checkout/${payment.reference_id as string}`);
			expect(payment.reference_id).toMatch(/^[0-9a-f-]{36}$/);
			expect(typeof payment.host).toBe('string');
			expect(validateResponse('post', '/api/v1/payment', 200, payment).errors).toEqual([]);
		}

		const read = result.output('Get Payment').map((i) => i.json);
		expect(read.map((p) => p.referenceID)).toEqual(created.map((p) => p.reference_id));
		expect(read.map((p) => p.paymentState)).toEqual(['OPEN', 'OPEN']);
		expect(read.map((p) => p.amountInUSD)).toEqual(['49.990', '0.1000000000000000001']);
		expect(read.map((p) => p.invoiceID)).toEqual(['order-1', 'order-2']);
		expect(result.output('Get Payment').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('sends what PayRam expects: API-Key header, no Authorization, the amount as the exact number literal', async () => {
		await runWorkflow('payment-create-and-get.json', { credentials: credentialsFor() });
		const creates = sim.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/payment');
		expect(creates).toHaveLength(2);
		for (const request of creates) {
			expect(request.headers['api-key']).toBe(sim.apiKey);
			expect(request.headers.authorization).toBeUndefined();
			expect(validateRequest('initiatePayment', JSON.parse(request.rawBody.toString())).errors).toEqual([]);
		}
		expect(creates[0].rawBody.toString()).toContain('"amountInUSD":49.990');
		expect(creates[1].rawBody.toString()).toContain('"amountInUSD":0.1000000000000000001');
		expect(creates[0].rawBody.toString()).toContain('"invoiceID":"order-1"');
	});

	it("shows PayRam cancelling a customer's older open payment when a new one is created", async () => {
		const workflow = loadWorkflowFixture('payment-create-and-get.json');
		workflow.pinData!["When clicking 'Execute workflow'"] = [
			{ json: { email: 'jane@example.com', customerId: 'cust_same', amount: '10', order: 'a' } },
			{ json: { email: 'jane@example.com', customerId: 'cust_same', amount: '20', order: 'b' } },
		];
		const result = await runWorkflow(workflow, { credentials: credentialsFor() });
		expect(result.output('Get Payment').map((i) => i.json.paymentState)).toEqual(['CANCELLED', 'OPEN']);
	});

	it('reports a paid payment with its filled amounts as decimal strings', async () => {
		const created = await axios.post(
			`${sim.url}/api/v1/payment`,
			{ customerEmail: 'jane@example.com', customerId: 'c1', amountInUSD: 25 },
			{ headers: { 'API-Key': sim.apiKey } },
		);
		await sim.pay(created.data.reference_id, { state: 'FILLED', amountUsd: '25.00' });
		const workflow = loadWorkflowFixture('payment-get.json');
		workflow.pinData!["When clicking 'Execute workflow'"] = [{ json: { reference: created.data.reference_id } }];
		const [payment] = (await runWorkflow(workflow, { credentials: credentialsFor() })).output('Get Payment');
		expect(payment.json).toMatchObject({ paymentState: 'FILLED', filledAmountInUSD: '25.00' });
		expect(typeof payment.json.filledAmount).toBe('string');
	});
});

describe('Payment input validation happens before anything is sent', () => {
	const cases: Array<[string, Record<string, string>, string]> = [
		['an invalid email', { email: 'not-an-email' }, 'Customer Email "not-an-email" is not a valid email address'],
		['an empty customer ID', { customerId: '' }, 'Customer ID is empty'],
		['a zero amount', { amount: '0' }, 'Amount (USD) must be a decimal number greater than 0, like 49.99 (got "0")'],
		['a negative amount', { amount: '-5' }, 'Amount (USD) must be a decimal number greater than 0, like 49.99 (got "-5")'],
		['a non-numeric amount', { amount: 'ten' }, 'Amount (USD) must be a decimal number greater than 0, like 49.99 (got "ten")'],
		['a comma decimal', { amount: '10,50' }, 'Amount (USD) must be a decimal number greater than 0, like 49.99 (got "10,50")'],
	];
	it.each(cases)('refuses %s', async (_label, override, message) => {
		const workflow = loadWorkflowFixture('payment-create-and-get.json');
		workflow.pinData!["When clicking 'Execute workflow'"] = [
			{ json: { email: 'jane@example.com', customerId: 'c1', amount: '5', order: 'o', ...override } },
		];
		const result = await runWorkflow(workflow, { credentials: credentialsFor() });
		expect(result.nodeError('Create Payment Link')?.message).toBe(message);
		expect(paymentRequests()).toHaveLength(0);
	});
});

describe('PayRam payment errors become one clear node error', () => {
	it.each([200, 500] as const)('code 5 with HTTP %i is a failure that explains the project setup', async (status) => {
		sim.setFaults({ code5: { status } });
		const result = await runWorkflow('payment-create-and-get.json', { credentials: credentialsFor() });
		const error = result.nodeError('Create Payment Link');
		expect(error?.message).toBe(
			`PayRam: Error occurred while creating the payment request. The PayRam project setup is incomplete: link a deposit wallet and set the site URL in the PayRam dashboard (HTTP ${status}, code 5)`,
		);
		expect(result.ran('Get Payment')).toBe(false);
	});

	it('says an unknown reference is unknown, although PayRam answers 401', async () => {
		const result = await runWorkflow('payment-get.json', { credentials: credentialsFor() });
		const error = result.nodeError('Get Payment');
		expect(error?.message).toBe(
			'PayRam: No payment with reference ID "unknown-reference" in this PayRam project, or the API key was rejected (HTTP 401, code UNAUTHORIZED)',
		);
		expect(error?.description).toContain('PayRam said: Unauthorised access!');
	});

	it('reports a rejected key without ever showing the key', async () => {
		const wrongKey = 'wrong_key_5f2b9c0e7d1a4b3c';
		const result = await runWorkflow('payment-create-and-get.json', { credentials: credentialsFor(wrongKey) });
		expect(result.nodeError('Create Payment Link')?.message).toBe(
			'PayRam: Unauthorised access! (HTTP 401, code UNAUTHORIZED)',
		);
		expect(JSON.stringify(result.run)).not.toContain(wrongKey);
		expect(JSON.stringify(result.run)).not.toContain(sim.apiKey);
	});

	it('does not retry a create that failed with a 5xx', async () => {
		const workflow = loadWorkflowFixture('payment-create-and-get.json');
		workflow.pinData!["When clicking 'Execute workflow'"] = [
			{ json: { email: 'jane@example.com', customerId: 'c1', amount: '1', order: 'o' } },
		];
		sim.setFaults({ failNext: { count: 1, status: 502, pathPrefix: '/api/v1/payment' } });
		const result = await runWorkflow(workflow, { credentials: credentialsFor() });
		expect(result.nodeError('Create Payment Link')?.message).toMatch(/^PayRam: .+ \(HTTP 502/);
		// Creates are sent once: a retry could create a second payment link.
		expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/payment')).toHaveLength(1);
	});
});
