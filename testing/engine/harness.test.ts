import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { testCredential } from './credential-test';
import { sendRequest } from './http-client';
import { createHarnessTypes } from './node-types';
import { loadWorkflowFixture, runWorkflow } from './run-workflow';
import type { WebhookHost } from './webhook-server';
import { startWebhookHost } from './webhook-server';

const ECHO_NODE_TYPE = 'n8n-nodes-harness.echoApi';
const HOOK_NODE_TYPE = 'n8n-nodes-harness.hookTrigger';

/** A credential like a real API key credential: declared generic authenticate plus a declarative test. */
class TestApi implements ICredentialType {
	name = 'testApi';

	displayName = 'Test API';

	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string' as const, default: '' },
		{ displayName: 'Key', name: 'key', type: 'string' as const, typeOptions: { password: true }, default: '' },
		{ displayName: 'Region', name: 'region', type: 'string' as const, default: 'eu' },
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-Test-Key': '={{$credentials.key}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/whoami', method: 'GET', qs: { probe: 1 } },
		rules: [{ type: 'responseCode', properties: { value: 401, message: 'The key was refused' } }],
	};
}

/** The same API key, tested by what a successful answer says rather than by its status. */
class TestApiWithAccountCheck extends TestApi {
	name = 'testApiWithAccountCheck';

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/whoami', method: 'GET' },
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'account.status', value: 'disabled', message: 'The account is disabled' },
			},
		],
	};
}

/** An action node the way ours are written: per-item parameters, authenticated request, continueOnFail. */
class EchoApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Echo API',
		name: 'echoApi',
		group: ['transform'],
		version: 1,
		description: 'Sends each item to an echo endpoint',
		defaults: { name: 'Echo API' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'testApi', required: true }],
		properties: [
			{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
			{ displayName: 'Value', name: 'value', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const credentials = await this.getCredentials('testApi', itemIndex);
				const path = this.getNodeParameter('path', itemIndex) as string;
				const value = this.getNodeParameter('value', itemIndex) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'testApi', {
					method: 'POST',
					url: `${credentials.baseUrl as string}${path}`,
					body: { value, region: credentials.region },
					json: true,
				})) as IDataObject;
				returnData.push({ json: response, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
			}
		}
		return [returnData];
	}
}

/** A webhook trigger covering every way a webhook() can answer; the body's `action` picks one. */
class HookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hook Trigger',
		name: 'hookTrigger',
		group: ['trigger'],
		version: [1, 2],
		description: 'Starts the workflow on a delivery',
		defaults: { name: 'Hook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'delivery' },
			{ name: 'default', httpMethod: 'GET', responseMode: 'onReceived', path: 'delivery' },
		],
		properties: [],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return this.getWorkflowStaticData('node').registered === true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.getWorkflowStaticData('node').registered = true;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').registered;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = this.getBodyData() as IDataObject | string | undefined;
		const request = this.getRequestObject();
		const staticData = this.getWorkflowStaticData('node');
		staticData.deliveries = ((staticData.deliveries as number | undefined) ?? 0) + 1;
		const action = typeof body === 'object' && body !== null ? body.action : undefined;
		const response = this.getResponseObject();

		if (action === 'ignore') return {};
		if (action === 'reject') {
			response.status(401).json({ message: 'bad signature' });
			return { noWebhookResponse: true };
		}
		if (action === 'ack') {
			response.status(200).json({ received: true });
			return { noWebhookResponse: true, workflowData: [[{ json: { action } }]] };
		}
		if (action === 'throw') throw new NodeOperationError(this.getNode(), 'The delivery could not be read');
		return {
			workflowData: [
				[
					{
						json: {
							body: body ?? null,
							method: request.method,
							rawBody: request.rawBody?.toString('utf8') ?? null,
							delivery: staticData.deliveries as number,
						},
					},
				],
			],
		};
	}
}

interface ReceivedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/** The API the test nodes talk to: echoes what it got, fails on /fail, checks the key on /whoami. */
async function startApi(): Promise<{ baseUrl: string; received: ReceivedRequest[]; close: () => Promise<void> }> {
	const received: ReceivedRequest[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			const key = req.headers['x-test-key'];
			const reply = (status: number, payload: unknown) => {
				res.writeHead(status, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(payload));
			};
			if (req.url?.startsWith('/fail')) return reply(500, { message: 'echo is down' });
			if (req.url?.startsWith('/whoami')) {
				if (key === 'good') return reply(200, { account: { status: 'active' } });
				if (key === 'disabled') return reply(200, { account: { status: 'disabled' } });
				return reply(401, { message: 'unknown key' });
			}
			return reply(200, { received: JSON.parse(body || '{}') as unknown, key });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const types = createHarnessTypes({
	includePackage: false,
	nodeTypes: { [ECHO_NODE_TYPE]: new EchoApi(), [HOOK_NODE_TYPE]: new HookTrigger() },
	credentialTypes: { testApi: new TestApi(), testApiWithAccountCheck: new TestApiWithAccountCheck() },
});

describe('runWorkflow', () => {
	let api: Awaited<ReturnType<typeof startApi>>;

	beforeAll(async () => {
		api = await startApi();
	});

	afterAll(async () => {
		await api.close();
	});

	beforeEach(() => {
		api.received.length = 0;
	});

	it('feeds pinned items to the start node, resolves expressions per item and authenticates each request', async () => {
		const result = await runWorkflow('harness-echo.json', {
			types,
			credentials: { testApi: { baseUrl: api.baseUrl, key: 'good' } },
		});

		expect(result.error).toBeUndefined();
		expect(result.executedNodes).toEqual([
			"When clicking 'Execute workflow'",
			'Echo API',
			'No Operation, do nothing',
		]);
		expect(api.received.map((request) => request.headers['x-test-key'])).toEqual(['good', 'good']);
		expect(result.output('No Operation, do nothing').map((item) => item.json)).toEqual([
			{ received: { value: 'first', region: 'eu' }, key: 'good' },
			{ received: { value: 'second', region: 'eu' }, key: 'good' },
		]);
	});

	it('gives the start node the items a test passes when nothing is pinned', async () => {
		const workflow = loadWorkflowFixture('harness-echo.json');
		delete workflow.pinData;
		const result = await runWorkflow(workflow, {
			types,
			credentials: { testApi: { baseUrl: api.baseUrl, key: 'good' } },
			startItems: [{ json: { x: 'from the test' } }],
		});

		expect(result.output('Echo API').map((item) => item.json.received)).toEqual([
			{ value: 'from the test', region: 'eu' },
		]);
	});

	it('records a node error and stops the run', async () => {
		const workflow = loadWorkflowFixture('harness-echo.json');
		workflow.nodes[1].parameters.path = '/fail';
		const result = await runWorkflow(workflow, { types, credentials: { testApi: { baseUrl: api.baseUrl, key: 'good' } } });

		expect(result.error?.message).toBe('The service was not able to process your request');
		expect(result.nodeError('Echo API')).toMatchObject({ httpCode: '500' });
		expect(result.ran('No Operation, do nothing')).toBe(false);
		expect(() => result.output('No Operation, do nothing')).toThrow(/did not run/);
	});

	it('continues with error items when the node is set to continue on fail', async () => {
		const workflow = loadWorkflowFixture('harness-echo.json');
		workflow.nodes[1].parameters.path = '/fail';
		workflow.nodes[1].onError = 'continueRegularOutput';
		const result = await runWorkflow(workflow, { types, credentials: { testApi: { baseUrl: api.baseUrl, key: 'good' } } });

		expect(result.error).toBeUndefined();
		const output = result.output('No Operation, do nothing');
		expect(output).toHaveLength(2);
		expect(output.every((item) => typeof item.json.error === 'string')).toBe(true);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('fails like n8n when the test passes no data for a credential the workflow uses', async () => {
		const result = await runWorkflow('harness-echo.json', { types });

		expect(result.nodeError('Echo API')?.message).toMatch(/does not exist for type "testApi"/);
	});
});

describe('testCredential', () => {
	let api: Awaited<ReturnType<typeof startApi>>;

	beforeAll(async () => {
		api = await startApi();
	});

	afterAll(async () => {
		await api.close();
	});

	it('answers OK when the test request succeeds, having sent the authenticated request', async () => {
		api.received.length = 0;
		const result = await testCredential('testApi', { baseUrl: api.baseUrl, key: 'good' }, { types });

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(api.received).toHaveLength(1);
		expect(api.received[0]).toMatchObject({ method: 'GET', url: '/whoami?probe=1' });
		expect(api.received[0].headers['x-test-key']).toBe('good');
	});

	it('answers with the responseCode rule message for a matching status', async () => {
		await expect(testCredential('testApi', { baseUrl: api.baseUrl, key: 'wrong' }, { types })).resolves.toEqual({
			status: 'Error',
			message: 'The key was refused',
		});
	});

	it('answers with the responseSuccessBody rule message when the body matches', async () => {
		const credentials = { baseUrl: api.baseUrl, key: 'disabled' };
		await expect(testCredential('testApiWithAccountCheck', credentials, { types })).resolves.toEqual({
			status: 'Error',
			message: 'The account is disabled',
		});
		await expect(
			testCredential('testApiWithAccountCheck', { ...credentials, key: 'good' }, { types }),
		).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('answers with the status text when no rule matches', async () => {
		await expect(
			testCredential('testApi', { baseUrl: `${api.baseUrl}/fail`, key: 'good' }, { types }),
		).resolves.toEqual({ status: 'Error', message: 'Internal Server Error' });
	});

	it('answers with the network error code when nothing listens', async () => {
		await expect(testCredential('testApi', { baseUrl: 'http://127.0.0.1:9', key: 'good' }, { types })).resolves.toEqual({
			status: 'Error',
			message: 'ECONNREFUSED',
		});
	});
});

describe('startWebhookHost', () => {
	let host: WebhookHost;

	beforeEach(async () => {
		host = await startWebhookHost({ workflow: 'harness-webhook.json', types });
	});

	afterEach(async () => {
		await host.close();
	});

	it('serves the production URL n8n derives from the webhookId and path, and registers the webhook', () => {
		expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/0f6f7a52-3c1e-4d9b-8a27-6b1c2d3e4f50\/delivery$/);
		expect(host.endpoints.map((endpoint) => endpoint.httpMethod)).toEqual(['POST', 'GET']);
		expect(host.staticData).toEqual({ 'node:Hook Trigger': { registered: true } });
	});

	it('starts the workflow with the items webhook() returned and answers like onReceived', async () => {
		const response = await sendRequest(host.url, { body: { id: 'evt-1' } });
		await host.idle();

		// n8n answers the literal responseData default when the node declares none.
		expect(response.status).toBe(200);
		expect(response.body).toBe('firstEntryJson');
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0].executedNodes).toEqual(['Hook Trigger', 'No Operation, do nothing']);
		expect(host.executions[0].output('No Operation, do nothing')[0].json).toMatchObject({
			body: { id: 'evt-1' },
			method: 'POST',
			rawBody: '{"id":"evt-1"}',
		});
	});

	it('parses a JSON body sent with GET, as n8n does', async () => {
		await sendRequest(host.url, { method: 'GET', body: { id: 'evt-get' } });
		await host.idle();

		expect(host.executions[0].output('Hook Trigger')[0].json).toMatchObject({ body: { id: 'evt-get' }, method: 'GET' });
	});

	it('leaves the body unparsed for a content type n8n does not parse, with the raw bytes still read for a version 1 node', async () => {
		await sendRequest(host.url, { headers: { 'content-type': 'application/octet-stream' }, body: 'opaque' });
		await host.idle();

		expect(host.executions[0].output('Hook Trigger')[0].json).toMatchObject({ body: null, rawBody: 'opaque' });
	});

	it('reads no body at all for such a content type once the node is version 2', async () => {
		const workflow = loadWorkflowFixture('harness-webhook.json');
		workflow.nodes[0].typeVersion = 2;
		const v2Host = await startWebhookHost({ workflow, types });
		await sendRequest(v2Host.url, { headers: { 'content-type': 'application/octet-stream' }, body: 'opaque' });
		await v2Host.idle();
		await sendRequest(v2Host.url, { body: { id: 'evt-json' } });
		await v2Host.close();

		expect(v2Host.executions.map((execution) => execution.output('Hook Trigger')[0].json)).toMatchObject([
			{ body: null, rawBody: null },
			{ body: { id: 'evt-json' }, rawBody: '{"id":"evt-json"}' },
		]);
	});

	it('answers 422 for a JSON body that does not parse, without calling webhook()', async () => {
		const response = await sendRequest(host.url, { headers: { 'content-type': 'application/json' }, body: '{"id":' });

		expect(response.status).toBe(422);
		expect(response.json()).toMatchObject({ code: 422, message: 'Failed to parse request body' });
		expect(host.staticData['node:Hook Trigger']).toEqual({ registered: true });
	});

	it('answers 200 and starts nothing when webhook() returns no workflow data', async () => {
		const response = await sendRequest(host.url, { body: { action: 'ignore' } });
		await host.idle();

		expect(response.status).toBe(200);
		expect(response.json()).toEqual({ message: 'Webhook call received' });
		expect(host.executions).toHaveLength(0);
	});

	it('leaves the answer to the node when it returns noWebhookResponse', async () => {
		const rejected = await sendRequest(host.url, { body: { action: 'reject' } });
		const acknowledged = await sendRequest(host.url, { body: { action: 'ack' } });
		await host.idle();

		expect(rejected.status).toBe(401);
		expect(rejected.json()).toEqual({ message: 'bad signature' });
		expect(acknowledged.json()).toEqual({ received: true });
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0].output('No Operation, do nothing')[0].json).toEqual({ action: 'ack' });
		expect(host.responses.map((exchange) => exchange.status)).toEqual([401, 200]);
	});

	it('answers 500 when webhook() throws and records the error on an execution of the trigger', async () => {
		const response = await sendRequest(host.url, { body: { action: 'throw' } });
		await host.idle();

		expect(response.status).toBe(500);
		expect(response.json()).toEqual({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
		expect(host.errors.map((error) => error.message)).toEqual(['The delivery could not be read']);
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0].error?.message).toBe('The delivery could not be read');
		expect(host.executions[0].ran('No Operation, do nothing')).toBe(false);
	});

	it('keeps static data between requests, saved when n8n answers without an error before starting an execution', async () => {
		for (const body of [{ id: 'evt-1' }, { action: 'ignore' }, { action: 'reject' }, { action: 'throw' }, { id: 'evt-2' }]) {
			await sendRequest(host.url, { body });
			await host.idle();
		}

		// Saved: ignore (1) and reject (2). Lost: the thrown request's change, and those of evt-1 and evt-2, which n8n
		// 2.x (2.40.7, 2.41.1) answers after WorkflowRunner.run has cleared the change flag; so evt-2 counted 3 and 2 is stored.
		expect(host.staticData['node:Hook Trigger']).toEqual({ registered: true, deliveries: 2 });
		expect(host.executions.at(-1)?.output('Hook Trigger')[0].json.delivery).toBe(3);
	});

	it('answers 404 like n8n for a path or method that is not registered', async () => {
		const wrongPath = await sendRequest(host.url.replace('/delivery', '/other'), { body: {} });
		const wrongMethod = await sendRequest(host.url, { method: 'PUT', body: {} });

		expect(wrongPath.status).toBe(404);
		expect(wrongPath.json()).toMatchObject({ code: 404, message: expect.stringContaining('is not registered') });
		expect(wrongMethod.json()).toMatchObject({
			code: 404,
			message: 'This webhook is not registered for PUT requests. Did you mean to make a POST or GET request?',
		});
	});

	it('calls webhookMethods.delete when closed, like unpublishing', async () => {
		await host.close();

		expect(host.staticData).toEqual({ 'node:Hook Trigger': {} });
		host = await startWebhookHost({ workflow: 'harness-webhook.json', types });
	});
});
