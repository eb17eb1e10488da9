import axios from 'axios';

import { loadWorkflowFixture, runWorkflow } from '../../testing/engine/run-workflow';
import { startSimulator, type PayRamSimulator } from '../simulator/server';

let sim: PayRamSimulator;
const credentials = () => ({ payRamApi: { url: sim.url, apiKey: sim.apiKey, allowInsecure: true } });

beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

async function createPayments(count: number): Promise<string[]> {
	const references: string[] = [];
	for (let i = 0; i < count; i++) {
		const res = await axios.post(
			`${sim.url}/api/v1/payment`,
			{ customerEmail: `c${i}@example.com`, customerId: `cust_${i}`, amountInUSD: i + 1 },
			{ headers: { 'API-Key': sim.apiKey } },
		);
		references.push(res.data.reference_id as string);
	}
	return references;
}

/** Get Payment for the given references, with a concurrency and optionally Continue On Fail. */
function getPayments(references: string[], concurrency: number, continueOnFail = false) {
	const workflow = loadWorkflowFixture('payment-get.json');
	workflow.pinData!["When clicking 'Execute workflow'"] = references.map((reference) => ({ json: { reference } }));
	const node = workflow.nodes.find((n) => n.name === 'Get Payment')!;
	node.parameters.concurrency = concurrency;
	if (continueOnFail) node.onError = 'continueRegularOutput';
	return workflow;
}

/** The most requests the simulator had open at once while they took `latencyMs` each. */
function peakInFlight(latencyMs: number): number {
	const starts = sim.requests.map((r) => Date.parse(r.at));
	return Math.max(...starts.map((t) => starts.filter((s) => s >= t && s < t + latencyMs).length));
}

describe('Concurrency option', () => {
	it('sends up to N items at once and keeps results in input order with their pairing', async () => {
		const references = await createPayments(12);
		sim.requests.length = 0;
		sim.setFaults({ latencyMs: 150 });
		const result = await runWorkflow(getPayments(references, 4), { credentials: credentials() });
		const out = result.output('Get Payment');
		expect(out.map((i) => i.json.referenceID)).toEqual(references);
		expect(out.map((i) => i.pairedItem)).toEqual(references.map((_r, item) => ({ item })));
		expect(peakInFlight(150)).toBe(4);
	});

	it('sends one item at a time by default', async () => {
		const references = await createPayments(4);
		sim.requests.length = 0;
		sim.setFaults({ latencyMs: 100 });
		const result = await runWorkflow(getPayments(references, 1), { credentials: credentials() });
		expect(result.output('Get Payment')).toHaveLength(4);
		expect(peakInFlight(100)).toBe(1);
	});

	it('gives one error item per failed input, in order, with Continue On Fail', async () => {
		const references = await createPayments(6);
		const mixed = references.map((r, i) => (i % 2 === 1 ? `missing-${i}` : r));
		const result = await runWorkflow(getPayments(mixed, 3, true), { credentials: credentials() });
		const out = result.output('Get Payment');
		expect(out.map((i) => i.pairedItem)).toEqual(mixed.map((_r, item) => ({ item })));
		expect(out.map((i) => (i.json.error ? 'error' : i.json.referenceID))).toEqual(
			mixed.map((r, i) => (i % 2 === 1 ? 'error' : r)),
		);
		expect(String(out[1].json.error)).toContain('No payment with reference ID "missing-1"');
	});

	it('fails the node with the first failing item when Continue On Fail is off', async () => {
		const references = await createPayments(5);
		references[2] = 'missing-2';
		const result = await runWorkflow(getPayments(references, 3), { credentials: credentials() });
		expect(result.nodeError('Get Payment')?.message).toContain('No payment with reference ID "missing-2"');
	});
});
