import { createServer, type Server } from 'node:http';

import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createHarnessTypes } from '../../../../testing/engine/node-types';
import { runWorkflow, type WorkflowFixture } from '../../../../testing/engine/run-workflow';
import { closeServer, listenLocally, readBody, sendJson, type ApiResponse } from '../../../../testing/simulator/http';
import { upPromoteApiRequest } from '../../nodes/UpPromote/transport';

const API_KEY = 'upk_test_fedcba9876543210';
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

// Until the UpPromote simulator lands: a server that answers from a script, one answer per request.
let server: Server;
let baseUrl: string;
let script: ApiResponse[] = [];
const received: Array<{ method: string; url: string; authorization?: string; body: string }> = [];

beforeAll(async () => {
	server = createServer(async (req, res) => {
		const body = (await readBody(req)).toString('utf8');
		received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
		sendJson(res, script.shift() ?? { status: 500, body: { status: 500, message: 'Server Error' } });
	});
	baseUrl = `${await listenLocally(server)}/api/v2`;
});
afterAll(() => closeServer(server));
beforeEach(() => {
	received.length = 0;
	script = [];
});

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

const run = (method: string, path: string) =>
	runWorkflow(probeWorkflow(method, path), {
		types: createHarnessTypes({ nodeTypes: { [PROBE_TYPE]: new TransportProbe() } }),
		credentials: { upPromoteApi: { apiKey: API_KEY, baseUrl } },
	});

const throttled: ApiResponse = { status: 429, body: { message: 'Too Many Attempts.' }, headers: { 'Retry-After': '0' } };

describe('UpPromote transport, through the engine', () => {
	it('sends the raw key, unwraps the envelope and keeps amounts as sent', async () => {
		script = [{ status: 200, body: { status: 200, message: 'success', data: [{ id: 1, paid_amount: 12.5 }] } }];
		const result = await run('GET', '/affiliates');
		expect(result.output('Probe')[0].json.data).toEqual([{ id: 1, paid_amount: '12.5' }]);
		expect(received).toEqual([expect.objectContaining({ method: 'GET', url: '/api/v2/affiliates', authorization: API_KEY })]);
	});

	it('waits out a 429 and goes on, for writes too', async () => {
		script = [throttled, throttled, { status: 200, body: { status: 200, message: 'success', data: { id: 9 } } }];
		const result = await run('POST', '/referral/9/adjustment');
		expect(result.output('Probe')[0].json.data).toEqual({ id: 9 });
		expect(received.map(({ method, body }) => `${method} ${body}`)).toEqual(Array(3).fill('POST {"adjustment":-5}'));
	});

	it('gives up after five 429 answers in a row, saying why', async () => {
		script = Array(6).fill(throttled);
		const result = await run('GET', '/affiliates');
		expect(received).toHaveLength(6);
		expect(result.nodeError('Probe')?.message).toBe('UpPromote: Too Many Attempts. (HTTP 429)');
	});

	it('retries a read after a 5xx, and never a write', async () => {
		script = [{ status: 503, body: { status: 503, message: 'Server Error' } }, { status: 200, body: { data: [] } }];
		expect((await run('GET', '/affiliates')).output('Probe')[0].json.data).toEqual([]);
		expect(received).toHaveLength(2);

		received.length = 0;
		script = [{ status: 503, body: { status: 503, message: 'Server Error' } }, { status: 200, body: { data: {} } }];
		const write = await run('POST', '/affiliates');
		expect(received).toHaveLength(1);
		expect(write.nodeError('Probe')?.message).toBe('UpPromote: Server Error (HTTP 503)');
	});

	it('maps a 422 to one error naming the fields, and a not-found 422 like a 404', async () => {
		script = [{ status: 422, body: { status: 422, message: 'Parameter Error', errors: { to_date: ['The to date field is required.'] } } }];
		expect((await run('GET', '/referrals')).nodeError('Probe')?.message).toBe(
			'UpPromote: Parameter Error: to_date: The to date field is required. (HTTP 422)',
		);
		script = [{ status: 422, body: { status: 422, message: 'Affiliate not found' } }];
		expect((await run('GET', '/affiliates/5')).nodeError('Probe')?.message).toBe('UpPromote: The record was not found (HTTP 422)');
	});

	it('keeps the key out of the error when the service echoes it', async () => {
		script = [{ status: 401, body: { message: `Unauthorized: ${API_KEY}` } }];
		const error = (await run('GET', '/affiliates')).nodeError('Probe');
		expect(error?.message).toBe('UpPromote: Unauthorized: [redacted] (HTTP 401)');
		expect(JSON.stringify(error)).not.toContain(API_KEY);
	});
});
