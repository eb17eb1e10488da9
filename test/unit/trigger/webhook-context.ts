import { createHmac } from 'node:crypto';

import { mock } from 'jest-mock-extended';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { PayRamTrigger } from '../../../nodes/PayRamTrigger/PayRamTrigger.node';

export const API_KEY = 'prk_live_Zq7Xw2Vb9Nc4Md8Lf3Kg6Jh1Ps5Rt0Uy';
export const SERVER_URL = 'https://payram.merchant.example';

/** sha256=<hex HMAC-SHA256 of the raw body keyed with the key>, computed independently of the node. */
export function sign(body: string | Buffer, key = API_KEY): string {
	return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}

export interface Settings {
	states?: string[];
	outputPerState?: boolean;
	includePayouts?: boolean;
	options?: { requireSignature?: boolean; skipDuplicates?: boolean };
}

export interface Delivery {
	method?: 'POST' | 'GET';
	/** Raw body text; undefined means n8n kept no raw bytes. */
	raw?: string;
	/** What getBodyData() returns; defaults to JSON.parse(raw) when raw is JSON, else {}. */
	parsed?: unknown;
	/** Lower-case header names, as n8n hands them over. */
	headers?: Record<string, string | string[]>;
	settings?: Settings;
	/** The object getWorkflowStaticData('node') returns (kept between calls of one test). */
	staticData?: IDataObject;
	workflowId?: string;
	nodeId?: string;
	apiKey?: string;
	/** n8n left the body unread (a version 2 node, a content type n8n does not parse): the node calls readRawBody. */
	unread?: boolean;
	/** What readRawBody throws (e.g. raw-body's 413 for a body over n8n's limit). */
	readError?: Error & { status?: number };
	/** Delay before getCredentials resolves, to interleave concurrent deliveries. */
	credentialsDelayMs?: number;
}

export interface FakeResponse {
	statusCode?: number;
	body?: IDataObject;
	calls: Array<{ status?: number; body?: IDataObject }>;
	status: (code: number) => FakeResponse;
	json: (body: IDataObject) => FakeResponse;
}

export interface Outcome {
	result: IWebhookResponseData;
	response: FakeResponse;
	ctx: ReturnType<typeof mock<IWebhookFunctions>>;
}

function fakeResponse(): FakeResponse {
	const response: FakeResponse = {
		calls: [],
		status(code: number) {
			response.statusCode = code;
			response.calls.push({ status: code });
			return response;
		},
		json(body: IDataObject) {
			response.body = body;
			response.calls.push({ body });
			return response;
		},
	};
	return response;
}

function parameter(settings: Settings, name: string, fallback: unknown): unknown {
	let value: unknown = settings;
	for (const part of name.split('.')) {
		if (value === null || typeof value !== 'object') return fallback;
		value = (value as Record<string, unknown>)[part];
	}
	return value === undefined ? fallback : value;
}

function defaultParsed(raw: string | undefined): unknown {
	if (raw === undefined) return {};
	try {
		return JSON.parse(raw);
	} catch {
		return {};
	}
}

export function webhookContext(delivery: Delivery): { ctx: ReturnType<typeof mock<IWebhookFunctions>>; response: FakeResponse } {
	const response = fakeResponse();
	const ctx = mock<IWebhookFunctions>();
	const staticData = delivery.staticData ?? {};
	const settings = delivery.settings ?? {};
	const request: { method: string; rawBody?: Buffer; readRawBody: () => Promise<void>; rawBodyReads: number } = {
		method: delivery.method ?? 'POST',
		rawBodyReads: 0,
		// n8n's rawBodyReader: reads the stream once, into rawBody.
		async readRawBody() {
			request.rawBodyReads += 1;
			if (delivery.readError) throw delivery.readError;
			if (request.rawBody === undefined) request.rawBody = Buffer.from(delivery.raw ?? '');
		},
	};
	if (delivery.raw !== undefined && !delivery.unread) request.rawBody = Buffer.from(delivery.raw);

	ctx.getRequestObject.mockReturnValue(request as never);
	ctx.getResponseObject.mockReturnValue(response as never);
	ctx.getHeaderData.mockReturnValue((delivery.headers ?? {}) as never);
	ctx.getBodyData.mockReturnValue(
		(delivery.parsed !== undefined ? delivery.parsed : defaultParsed(delivery.raw)) as IDataObject,
	);
	ctx.getCredentials.mockImplementation(async (type: string) => {
		if (type !== 'payRamApi') throw new Error(`unexpected credential type ${type}`);
		if (delivery.credentialsDelayMs !== undefined) {
			await new Promise((resolve) => setTimeout(resolve, delivery.credentialsDelayMs));
		}
		return { apiKey: delivery.apiKey ?? API_KEY, url: SERVER_URL };
	});
	(ctx.getNodeParameter as unknown as jest.Mock).mockImplementation((name: string, fallback?: unknown) =>
		parameter(settings, name, fallback),
	);
	ctx.getWorkflowStaticData.mockImplementation((type: string) => {
		if (type !== 'node') throw new Error(`unexpected static data type ${type}`);
		return staticData;
	});
	ctx.getWorkflow.mockReturnValue({ id: delivery.workflowId ?? 'wf-default', name: 'Test', active: true } as never);
	ctx.getNode.mockReturnValue({
		id: delivery.nodeId ?? 'node-trigger',
		name: 'PayRam Trigger',
		type: 'n8n-nodes-payram.payRamTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as never);
	return { ctx, response };
}

/** Runs the trigger's webhook() for one delivery; a throw fails the test (the trigger must never throw). */
export async function deliver(delivery: Delivery): Promise<Outcome> {
	const { ctx, response } = webhookContext(delivery);
	const trigger = new PayRamTrigger();
	let result: IWebhookResponseData;
	try {
		result = await trigger.webhook.call(ctx);
	} catch (error) {
		throw new Error(`webhook() threw: ${(error as Error).stack ?? String(error)}`);
	}
	// What n8n does for an onReceived webhook whose responseData is '': answer 200 with the node's webhookResponse.
	if (result.noWebhookResponse !== true) {
		response.status(200).json((result.webhookResponse ?? { message: 'Workflow was started' }) as IDataObject);
	}
	return { result, response, ctx };
}
