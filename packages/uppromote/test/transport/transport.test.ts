import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createHarnessTypes } from '../../../../testing/engine/node-types';
import { runWorkflow, type WorkflowFixture } from '../../../../testing/engine/run-workflow';
import { upPromoteApiRequest } from '../../nodes/UpPromote/transport';
import { startUpPromoteSimulator, type UpPromoteSimulator } from '../simulator/server';

const PROBE_TYPE = 'n8n-nodes-uppromote-test.transportProbe';

/** A node whose only work is one call through the transport, until the UpPromote node's operations use it. */
class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'Calls UpPromote through the transport',
		defaults: { name: 'Transport Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'upPromoteApi', required: true }],
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/affiliates' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const method = this.getNodeParameter('method', 0) as IHttpRequestMethods;
		const data = await upPromoteApiRequest.call(this, {
			method,
			path: this.getNodeParameter('path', 0) as string,
			body: method === 'GET' ? undefined : { adjustment: -5 },
		});
		return [[{ json: { data } as IDataObject, pairedItem: { item: 0 } }]];
	}
}

let sim: UpPromoteSimulator;

// A 60-second window lasts 60 ms, so a 429's Retry-After is 0.06 s.
beforeAll(async () => {
	sim = await startUpPromoteSimulator({ timeScale: 0.001 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function probeWorkflow(method: string, path: string): WorkflowFixture {
	return {
		name: 'UpPromote transport probe',
		nodes: [
			{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b',
				name: 'Probe',
				type: PROBE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: { method, path },
				credentials: { upPromoteApi: { id: '1', name: 'UpPromote account' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Probe', type: NodeConnectionTypes.Main, index: 0 }]] } },
	};
}

const run = (method: string, path: string, apiKey = sim.apiKey) =>
	runWorkflow(probeWorkflow(method, path), {
		types: createHarnessTypes({ nodeTypes: { [PROBE_TYPE]: new TransportProbe() } }),
		credentials: { upPromoteApi: { apiKey, baseUrl: sim.baseUrl } },
	});

const sent = () => sim.requests.map(({ method, path, rawBody }) => `${method} ${path} ${rawBody}`.trim());

describe('UpPromote transport, through the engine against the simulator', () => {
	it('sends the raw key, unwraps the envelope and keeps amounts as sent', async () => {
		const result = await run('GET', '/payments/unpaid');
		expect(result.output('Probe')[0].json.data).toEqual([
			expect.objectContaining({ affiliate_id: 2029238, total_commission: '12.00', total_sales: '120.00', total_products: 2 }),
		]);
		expect(sim.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/api/v2/payments/unpaid', status: 200 })]);
		expect(sim.requests[0].headers.authorization).toBe(sim.apiKey);
	});

	it('waits out a 429 and goes on, for writes too', async () => {
		sim.setFaults({ throttleNext: { count: 2 } });
		const result = await run('POST', '/referral/880001/adjustment');
		expect(result.output('Probe')[0].json.data).toMatchObject({ id: 880001, commission_adjustment: '-5.00' });
		expect(sent()).toEqual(Array(3).fill('POST /api/v2/referral/880001/adjustment {"adjustment":-5}'));
		expect(sim.requests.map(({ status }) => status)).toEqual([429, 429, 200]);
	});

	it('gives up after five 429 answers in a row, saying why', async () => {
		sim.setFaults({ throttleNext: { count: 6 } });
		const result = await run('GET', '/affiliates');
		expect(sim.requests).toHaveLength(6);
		expect(result.nodeError('Probe')?.message).toBe('UpPromote: Too Many Attempts. (HTTP 429)');
	});

	it('retries a read after a 5xx, and never a write', async () => {
		sim.setFaults({ failNext: { count: 1, status: 503 } });
		expect((await run('GET', '/coupons')).output('Probe')[0].json.data).toEqual([expect.objectContaining({ coupon: 'PARTNER10' })]);
		expect(sim.requests.map(({ status }) => status)).toEqual([503, 200]);

		sim.reset();
		sim.setFaults({ failNext: { count: 1, status: 503 } });
		const write = await run('POST', '/referral/880001/adjustment');
		expect(sim.requests).toHaveLength(1);
		expect(write.nodeError('Probe')?.message).toBe('UpPromote: Server Error (HTTP 503)');
		expect(sim.state.referrals.find(({ id }) => id === 880001)?.commissionAdjustment).toBeNull();
	});

	it('maps a 422 to one error naming the fields, and a not-found 422 like a 404', async () => {
		expect((await run('POST', '/affiliates')).nodeError('Probe')?.message).toBe(
			'UpPromote: The email field is required.: email: The email field is required. (HTTP 422)',
		);
		expect((await run('GET', '/affiliates/5')).nodeError('Probe')?.message).toBe('UpPromote: The record was not found (HTTP 404)');
		sim.setFaults({ answerNext: { count: 1, status: 422, body: { status: 422, message: 'Affiliate not found' } } });
		expect((await run('GET', '/affiliates/5')).nodeError('Probe')?.message).toBe('UpPromote: The record was not found (HTTP 422)');
	});

	it('keeps the key out of the error when the service echoes it', async () => {
		sim.setFaults({ answerNext: { count: 1, status: 401, body: { message: `Unauthorized: ${sim.apiKey}` } } });
		const error = (await run('GET', '/affiliates')).nodeError('Probe');
		expect(error?.message).toBe('UpPromote: Unauthorized: [redacted] (HTTP 401)');
		expect(JSON.stringify(error)).not.toContain(sim.apiKey);
	});

	it('says the key was refused when it is sent as Bearer', async () => {
		const error = (await run('GET', '/affiliates', `Bearer ${sim.apiKey}`)).nodeError('Probe');
		expect(error?.message).toBe('UpPromote: Unauthorized (HTTP 401)');
	});
});
