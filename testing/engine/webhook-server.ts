import './env';

import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';
import { gunzipSync, inflateSync } from 'node:zlib';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	CloseFunction,
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	NodeHelpers,
	NodeOperationError,
	Workflow,
	WorkflowConfigurationError,
	createRunExecutionData,
	isNodeClassInstance,
	jsonParse,
	resolveWebhookDescriptionField,
} from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { HarnessTypes } from './node-types';
import { defaultHarnessTypes } from './node-types';
import type { RunResult, WorkflowFixture } from './run-workflow';
import { activeWorkflow, executeRun, loadWorkflowFixture, nextExecutionId, toWorkflowBase } from './run-workflow';

const WEBHOOK_MODE: WorkflowExecuteMode = 'webhook';

type WebhookMethod = (this: IHookFunctions) => Promise<boolean>;

export interface WebhookHostOptions {
	/** The workflow, as an exported fixture or a path relative to test/fixtures/workflows. */
	workflow: WorkflowFixture | string;
	/** Credential data by credential type. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The node whose webhooks to serve; by default the first node that has webhooks. */
	nodeName?: string;
	/** Static data the workflow has stored before the first request (default: the fixture's, or none). */
	staticData?: IDataObject;
	/** Node and credential types; this package's plus n8n stand-ins by default. */
	types?: HarnessTypes;
}

export interface WebhookEndpoint {
	/** The webhook description's name, usually 'default'. */
	name: string;
	httpMethod: IHttpRequestMethods;
	/** The path n8n registers, `<webhookId>/<path>`. */
	path: string;
	/** Production URL: `http://127.0.0.1:<port>/webhook/<webhookId>/<path>`. */
	url: string;
}

/** One request to the host and the answer it got, whoever wrote it. */
export interface WebhookExchange {
	method: string;
	path: string;
	query: IDataObject;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	status: number;
	responseHeaders: OutgoingHttpHeaders;
	responseBody: string;
	/** The response body parsed as JSON, or undefined when it is not JSON. */
	responseJson(): unknown;
}

export interface WebhookHost {
	/** Production URL of the trigger's first webhook; give this to the simulator. */
	url: string;
	endpoints: WebhookEndpoint[];
	/** Every workflow execution a request started, in the order they finished. */
	executions: RunResult[];
	/** Every request and its response, in the order the responses finished. */
	responses: WebhookExchange[];
	/** Errors n8n would report: thrown by the node's webhook(), or a request n8n could not take. */
	errors: Error[];
	/** The workflow's static data as n8n has stored it now (a copy). */
	readonly staticData: IDataObject;
	/** Resolves when every execution started so far has finished. */
	idle(): Promise<void>;
	/** Deregisters the webhooks like unpublishing (webhookMethods.delete), waits for executions, stops listening. */
	close(): Promise<void>;
}

/** The parts of Express's request that n8n's webhook code and nodes use, on a plain node:http request. */
export type WebhookRequest = IncomingMessage & {
	body?: unknown;
	rawBody?: Buffer;
	readRawBody(): Promise<void>;
	contentType?: string;
	encoding?: BufferEncoding;
	query: IDataObject;
	params: Record<string, string>;
	path: string;
	originalUrl: string;
	get(name: string): string | string[] | undefined;
	header(name: string): string | string[] | undefined;
};

/** The parts of Express's response that nodes use (status, set, json, send), on a plain node:http response. */
export type WebhookResponse = ServerResponse & {
	locals: IDataObject;
	status(code: number): WebhookResponse;
	set(field: string | Record<string, string>, value?: string | string[]): WebhookResponse;
	header(field: string | Record<string, string>, value?: string | string[]): WebhookResponse;
	get(field: string): string | number | string[] | undefined;
	type(contentType: string): WebhookResponse;
	json(body: unknown): WebhookResponse;
	send(body?: unknown): WebhookResponse;
	sendStatus(code: number): WebhookResponse;
};

/** An error with the HTTP answer n8n's ResponseError subclasses carry. */
class HttpAnswerError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly hint?: string,
	) {
		super(message);
	}
}

const CONTENT_TYPES_BY_SHORT_NAME: Record<string, string> = {
	json: 'application/json',
	html: 'text/html',
	text: 'text/plain',
	xml: 'application/xml',
	bin: 'application/octet-stream',
};

function withCharset(contentType: string): string {
	return /charset=/i.test(contentType) ? contentType : `${contentType}; charset=utf-8`;
}

function toWebhookResponse(res: ServerResponse): WebhookResponse {
	const response = res as WebhookResponse;
	const setHeaders = (field: string | Record<string, string>, value?: string | string[]) => {
		const entries = typeof field === 'string' ? [[field, value ?? '']] : Object.entries(field);
		for (const [name, headerValue] of entries) response.setHeader(name as string, headerValue as string);
		return response;
	};
	response.locals = {};
	response.status = (code) => {
		response.statusCode = code;
		return response;
	};
	response.set = setHeaders;
	response.header = setHeaders;
	response.get = (field) => response.getHeader(field);
	response.type = (contentType) => {
		response.setHeader('Content-Type', contentType.includes('/') ? contentType : CONTENT_TYPES_BY_SHORT_NAME[contentType]);
		return response;
	};
	response.json = (body) => {
		if (!response.getHeader('Content-Type')) response.setHeader('Content-Type', 'application/json');
		return response.send(JSON.stringify(body) ?? '');
	};
	// Express's send: strings as html unless typed, buffers as octet-stream, everything else as JSON.
	response.send = (body) => {
		if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return response.json(body);
		if (typeof body === 'boolean' || typeof body === 'number') return response.json(body);
		let chunk: Buffer | string = '';
		if (typeof body === 'string') {
			const contentType = response.getHeader('Content-Type');
			response.setHeader('Content-Type', withCharset(typeof contentType === 'string' ? contentType : 'text/html'));
			chunk = body;
		} else if (Buffer.isBuffer(body)) {
			if (!response.getHeader('Content-Type')) response.setHeader('Content-Type', 'application/octet-stream');
			chunk = body;
		}
		if ([204, 304].includes(response.statusCode)) chunk = '';
		response.setHeader('Content-Length', Buffer.byteLength(chunk));
		response.end(chunk);
		return response;
	};
	response.sendStatus = (code) => {
		response.statusCode = code;
		return response.type('text').send(response.statusMessage || String(code));
	};
	return response;
}

/** What n8n's rawBodyReader and parseIncomingMessage put on every request. */
function toWebhookRequest(req: IncomingMessage, bytes: Buffer): WebhookRequest {
	const request = req as WebhookRequest;
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const [type, ...parameters] = (req.headers['content-type'] ?? '').split(';');
	if (type) {
		request.contentType = type.trim().toLowerCase();
		const charset = parameters.map((p) => p.trim().split('=')).find(([key]) => key.toLowerCase() === 'charset');
		request.encoding = (charset?.[1] ?? 'utf-8').replace(/"/g, '').toLowerCase() as BufferEncoding;
	}
	request.path = url.pathname;
	request.originalUrl = req.url ?? '/';
	request.query = { ...parseQueryString(url.search.slice(1)) };
	request.params = {};
	request.get = (name) => req.headers[name.toLowerCase()];
	request.header = request.get;
	// n8n reads the body lazily: only body parsing or the node itself (readRawBody) fills rawBody.
	request.readRawBody = async () => {
		if (request.rawBody) return;
		const encoding = req.headers['content-encoding'];
		if (encoding === 'gzip') request.rawBody = gunzipSync(bytes);
		else if (encoding === 'deflate') request.rawBody = inflateSync(bytes);
		else request.rawBody = bytes;
	};
	return request;
}

/** n8n's parseRequestBody + parseBody for a webhook node (no form-data, no XML). */
async function parseRequestBody(req: WebhookRequest, node: INode, workflow: Workflow): Promise<void> {
	if (node.typeVersion === 1) {
		// Version 1 nodes may ask for the raw body as binary data, and then n8n parses nothing.
		const binaryData = workflow.expression.getSimpleParameterValue(
			node,
			'={{$parameter["options"]["binaryData"]}}',
			WEBHOOK_MODE,
			{},
			undefined,
			false,
		);
		if (binaryData) return;
	}
	const { contentType } = req;
	if (contentType?.startsWith('multipart/')) {
		throw new Error('The harness does not parse multipart/form-data webhook bodies');
	}
	const parsable =
		contentType !== undefined &&
		(contentType.startsWith('application/json') ||
			contentType.startsWith('text/plain') ||
			contentType.startsWith('application/x-www-form-urlencoded') ||
			contentType.endsWith('/xml') ||
			contentType.endsWith('+xml'));
	if (node.typeVersion > 1 && !parsable) return;

	await req.readRawBody();
	const { rawBody } = req;
	if (!rawBody?.length) return;
	const text = () => {
		const decoded = rawBody.toString(req.encoding ?? 'utf-8');
		return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
	};
	try {
		if (contentType === 'application/json') req.body = jsonParse(text());
		else if (contentType === 'application/x-www-form-urlencoded') req.body = { ...parseQueryString(text()) };
		else if (contentType === 'text/plain') req.body = text();
		else if (contentType?.endsWith('/xml') || contentType?.endsWith('+xml')) {
			throw new Error('The harness does not parse XML webhook bodies');
		}
	} catch (error) {
		if ((error as Error).message.startsWith('The harness')) throw error;
		throw new HttpAnswerError(422, 'Failed to parse request body', (error as Error).message);
	}
}

interface WebhookHandle extends WebhookEndpoint {
	data: IWebhookData;
}

function evaluateDescriptionProperty<T>(
	workflow: Workflow,
	node: INode,
	description: IWebhookDescription,
	property: keyof IWebhookDescription,
	mode: WorkflowExecuteMode,
	additionalKeys: IWorkflowDataProxyAdditionalKeys,
	defaultValue?: T,
): T {
	const native = resolveWebhookDescriptionField(node, description, String(property));
	if (native.resolved) return native.value as T;
	return workflow.expression.getSimpleParameterValue(
		node,
		description[property] as string | boolean | undefined,
		mode,
		additionalKeys,
		undefined,
		defaultValue as string | number | boolean | undefined,
	) as T;
}

/** n8n's WebhookService.getNodeWebhooks: one entry per description and HTTP method. */
function getNodeWebhooks(
	workflow: Workflow,
	node: INode,
	nodeType: INodeType,
	additionalData: IWorkflowExecuteAdditionalData,
	baseUrl: string,
): WebhookHandle[] {
	const handles: WebhookHandle[] = [];
	for (const description of nodeType.description.webhooks ?? []) {
		if (description.restartWebhook === true) continue;
		const evaluate = <T>(property: keyof IWebhookDescription, defaultValue?: T) =>
			evaluateDescriptionProperty<T>(workflow, node, description, property, 'internal', {}, defaultValue);
		let nodePath = evaluate<string | undefined>('path');
		if (nodePath === undefined || nodePath === null) continue;
		nodePath = String(nodePath).trim().replace(/^\//, '').replace(/\/$/, '');
		const isFullPath = evaluate<boolean>('isFullPath', false);
		const path = NodeHelpers.getNodeWebhookPath(workflow.id, node, nodePath, isFullPath, false);
		if (path.split('/').some((segment) => segment.startsWith(':'))) {
			throw new Error(`The harness does not serve dynamic webhook paths like "${path}"`);
		}
		const methods = String(evaluate<string>('httpMethod', 'GET'))
			.split(',')
			.map((method) => method.trim())
			.filter(Boolean) as IHttpRequestMethods[];
		for (const httpMethod of methods) {
			handles.push({
				name: description.name,
				httpMethod,
				path,
				url: `${baseUrl}/${path}`,
				data: {
					httpMethod,
					node: node.name,
					path,
					webhookDescription: description,
					workflowId: workflow.id,
					workflowExecuteAdditionalData: additionalData,
				},
			});
		}
	}
	return handles;
}

/** n8n's _privateGetWebhookErrorMessage: the caller learns little about why a webhook failed. */
function webhookErrorMessage(error: unknown): string {
	if (error instanceof NodeOperationError && error.type === 'manual-form-test') return error.message;
	if (error instanceof WorkflowConfigurationError) return error.message;
	return 'Workflow Webhook Error: Workflow could not be started!';
}

/** n8n's extractWebhookOnReceivedResponse. */
function onReceivedResponseBody(responseData: unknown, result: IWebhookResponseData): unknown {
	if (responseData === 'noData') return undefined;
	if (responseData) return responseData;
	if (result.webhookResponse !== undefined) return result.webhookResponse;
	return { message: 'Workflow was started' };
}

function copyJson<T>(value: T): T {
	return JSON.parse(JSON.stringify(value ?? {})) as T;
}

/**
 * Serves a workflow's trigger the way a published workflow is served by n8n 2.x at /webhook/...: body parsing,
 * the node's real webhook() in n8n-core's WebhookContext, the immediate answer, the execution it starts and
 * static data saved like LiveWebhooks does (on a successful answer, and by the execution when it changed it).
 */
export async function startWebhookHost(options: WebhookHostOptions): Promise<WebhookHost> {
	const fixture = loadWorkflowFixture(options.workflow);
	const types = options.types ?? defaultHarnessTypes();
	const workflowId = fixture.id ?? 'harness';
	const credentialsHelper = new HarnessCredentialsHelper(types.credentialTypes, options.credentials ?? {});
	let storedStaticData: IDataObject = copyJson(options.staticData ?? fixture.staticData ?? {});

	const executions: RunResult[] = [];
	const responses: WebhookExchange[] = [];
	const errors: Error[] = [];
	const running = new Set<Promise<void>>();

	// Each request and execution gets the workflow as stored: fresh nodes and the static data saved so far.
	const loadWorkflow = (staticData: IDataObject = copyJson(storedStaticData)) =>
		activeWorkflow(fixture, workflowId, types.nodeTypes, staticData);
	// n8n's WorkflowStaticDataService.saveStaticData: only data marked changed is written.
	const saveStaticData = (workflow: Workflow) => {
		if (workflow.staticData.__dataChanged === true) {
			storedStaticData = copyJson(workflow.staticData);
			workflow.staticData.__dataChanged = false;
		}
	};

	const probe = loadWorkflow();
	const triggerNode = options.nodeName
		? probe.getNode(options.nodeName)
		: Object.values(probe.nodes).find(
				(node) => !node.disabled && types.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).webhook,
			);
	if (!triggerNode) {
		throw new Error(options.nodeName ? `No node named "${options.nodeName}"` : 'The workflow has no webhook node');
	}
	const triggerName = triggerNode.name;

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const bytes = Buffer.concat(chunks);
			const request = toWebhookRequest(req, bytes);
			const response = toWebhookResponse(res);
			recordExchange(request, response, bytes);
			void handleRequest(request, response).catch((error: Error) => {
				errors.push(error);
				if (!response.headersSent) sendError(response, error);
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const webhookBaseUrl = `http://127.0.0.1:${port}/webhook`;

	const baseAdditionalData = () => createAdditionalData({ credentialsHelper, webhookBaseUrl });
	const handlesFor = (workflow: Workflow, additionalData: IWorkflowExecuteAdditionalData) => {
		const node = workflow.getNode(triggerName) as INode;
		return getNodeWebhooks(
			workflow,
			node,
			types.nodeTypes.getByNameAndVersion(node.type, node.typeVersion),
			additionalData,
			webhookBaseUrl,
		);
	};
	const endpoints: WebhookEndpoint[] = handlesFor(probe, baseAdditionalData()).map(
		({ name, httpMethod, path, url }) => ({ name, httpMethod, path, url }),
	);
	if (endpoints.length === 0) throw new Error(`Node "${triggerName}" has no webhooks`);
	/** Webhooks served so far: like n8n, activation registers one webhook, runs its hooks, then the next. */
	const registered = new Set<string>();

	const runWebhookMethod = async (
		method: 'checkExists' | 'create' | 'delete',
		workflow: Workflow,
		handle: WebhookHandle,
		mode: WorkflowExecuteMode,
		activation: 'activate' | 'update',
	) => {
		const node = workflow.getNode(handle.data.node) as INode;
		const nodeType = types.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const methods = nodeType.webhookMethods as Record<string, Partial<Record<typeof method, WebhookMethod>>> | undefined;
		const webhookFn = methods?.[handle.name]?.[method];
		if (webhookFn === undefined) return undefined;
		const context = new HookContext(workflow, node, handle.data.workflowExecuteAdditionalData, mode, activation, handle.data);
		return await webhookFn.call(context);
	};

	// Publishing a workflow: n8n asks each webhook whether it exists and creates it if not, then saves static data.
	const activationWorkflow = loadWorkflow();
	try {
		for (const handle of handlesFor(activationWorkflow, baseAdditionalData())) {
			registered.add(`${handle.httpMethod} ${handle.path}`);
			if (!(await runWebhookMethod('checkExists', activationWorkflow, handle, 'trigger', 'activate'))) {
				await runWebhookMethod('create', activationWorkflow, handle, 'trigger', 'activate');
			}
		}
	} catch (error) {
		// n8n's ActiveWorkflowManager clears the webhooks of a workflow that failed to activate, then reports the error.
		for (const handle of handlesFor(activationWorkflow, baseAdditionalData())) {
			await runWebhookMethod('delete', activationWorkflow, handle, 'internal', 'update');
		}
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
		throw error;
	}
	saveStaticData(activationWorkflow);

	function recordExchange(request: WebhookRequest, response: WebhookResponse, bytes: Buffer) {
		const written: Buffer[] = [];
		const originalWrite = response.write.bind(response);
		const originalEnd = response.end.bind(response);
		const keep = (chunk: unknown, encoding?: unknown) => {
			if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
			written.push(
				Buffer.isBuffer(chunk)
					? chunk
					: Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
			);
		};
		response.write = ((chunk: unknown, ...rest: unknown[]) => {
			keep(chunk, rest[0]);
			return (originalWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
		}) as typeof response.write;
		response.end = ((chunk?: unknown, ...rest: unknown[]) => {
			keep(chunk, rest[0]);
			return (originalEnd as (...args: unknown[]) => WebhookResponse)(chunk, ...rest);
		}) as typeof response.end;
		response.once('finish', () => {
			const responseBody = Buffer.concat(written).toString('utf8');
			responses.push({
				method: request.method ?? '',
				path: request.path,
				query: request.query,
				headers: request.headers,
				rawBody: bytes,
				status: response.statusCode,
				responseHeaders: response.getHeaders(),
				responseBody,
				responseJson: () => {
					try {
						return JSON.parse(responseBody) as unknown;
					} catch {
						return undefined;
					}
				},
			});
		});
	}

	// n8n's ResponseHelper.sendErrorResponse for the errors a webhook request can end in.
	function sendError(response: WebhookResponse, error: Error) {
		if (error instanceof HttpAnswerError) {
			response.status(error.status).json({
				code: error.status,
				message: error.message,
				...(error.hint ? { hint: error.hint } : {}),
			});
			return;
		}
		response.status(500).json({ code: 0, message: error.message });
	}

	// The WebhookRequestHandler's answer for what executeWebhook hands its callback.
	function sendStatic(response: WebhookResponse, body: unknown, status: number) {
		response.status(status);
		if (typeof body === 'string') response.send(body);
		else response.json(body);
	}

	function startExecution(workflowData: INodeExecutionData[][], error?: Error): string {
		const workflow = loadWorkflow();
		const startNode = workflow.getNode(triggerName) as INode;
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: startNode, data: { main: workflowData }, source: null }] },
		});
		if (error) {
			// n8n records the webhook's error on the trigger, which then rethrows it when the execution reaches it.
			runExecutionData.resultData = {
				runData: {},
				lastNodeExecuted: startNode.name,
				error: { ...error, message: error.message, stack: error.stack } as never,
			};
		}
		const executionId = nextExecutionId();
		const execution = executeRun({
			workflow,
			workflowData: toWorkflowBase(loadWorkflowFixture(fixture), workflowId),
			mode: WEBHOOK_MODE,
			runExecutionData,
			credentialsHelper,
			webhookBaseUrl,
			executionId,
		}).then(({ result, newStaticData }) => {
			if (newStaticData !== undefined) storedStaticData = newStaticData;
			executions.push(result);
		});
		const tracked = execution
			.catch((executionError: Error) => {
				errors.push(executionError);
			})
			.finally(() => running.delete(tracked));
		running.add(tracked);
		return executionId;
	}

	async function handleRequest(request: WebhookRequest, response: WebhookResponse): Promise<void> {
		const method = (request.method ?? 'GET').toUpperCase();
		const prefix = '/webhook/';
		const requestedPath = request.path.startsWith(prefix)
			? decodeURIComponent(request.path.slice(prefix.length)).replace(/\/$/, '')
			: undefined;
		const matching = endpoints.filter((endpoint) => endpoint.path === requestedPath && registered.has(`${endpoint.httpMethod} ${endpoint.path}`));
		if (!matching.some((endpoint) => endpoint.httpMethod === method)) {
			const methods = matching.map((endpoint) => endpoint.httpMethod);
			const message =
				methods.length > 0
					? `This webhook is not registered for ${method} requests. Did you mean to make a ${
							methods.length === 1 ? methods[0] : `${methods.slice(0, -1).join(', ')} or ${methods.at(-1)}`
						} request?`
					: `The requested webhook "${method} ${requestedPath ?? request.path}" is not registered.`;
			const hint =
				methods.length > 0
					? undefined
					: "The workflow must be active for a production URL to run successfully. You can activate the workflow using the toggle in the top-right of the editor. Note that unlike test URL calls, production URL calls aren't shown on the canvas (only in the executions list)";
			sendError(response, new HttpAnswerError(404, message, hint));
			return;
		}

		// The request's static data object, which n8n also hands to WorkflowRunner.run as workflowData.staticData.
		const requestStaticData = copyJson(storedStaticData);
		const workflow = loadWorkflow(requestStaticData);
		const additionalData = baseAdditionalData();
		const handle = handlesFor(workflow, additionalData).find(
			(candidate) => candidate.httpMethod === method && candidate.path === requestedPath,
		) as WebhookHandle;
		const node = workflow.getNode(triggerName) as INode;
		const nodeType = types.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = handle.data.webhookDescription;
		const additionalKeys: IWorkflowDataProxyAdditionalKeys = { $executionId: undefined };
		const evaluate = <T>(property: keyof IWebhookDescription, defaultValue?: T) =>
			evaluateDescriptionProperty<T>(workflow, node, description, property, WEBHOOK_MODE, additionalKeys, defaultValue);

		const responseMode = evaluate<string>('responseMode', 'onReceived');
		const responseCode = evaluate<number>('responseCode', 200);
		if (responseMode !== 'onReceived') {
			throw new Error(`The harness serves responseMode "onReceived" only, not "${responseMode}"`);
		}
		if (description.responseHeaders !== undefined) {
			throw new Error('The harness does not apply webhook responseHeaders');
		}
		additionalData.httpRequest = request as never;
		additionalData.httpResponse = response as never;

		let answered = false;
		// LiveWebhooks saves the request's static data whenever executeWebhook answers without an error.
		const answer = (write: () => void) => {
			if (answered) return;
			answered = true;
			write();
			saveStaticData(workflow);
		};

		try {
			await parseRequestBody(request, node, workflow);
		} catch (error) {
			if (error instanceof HttpAnswerError) {
				errors.push(error);
				sendError(response, error);
				return;
			}
			throw error;
		}

		let result: IWebhookResponseData;
		let webhookError: Error | undefined;
		const closeFunctions: CloseFunction[] = [];
		try {
			const context = new WebhookContext(workflow, node, additionalData, WEBHOOK_MODE, handle.data, closeFunctions, null);
			result = isNodeClassInstance(nodeType)
				? await (nodeType.webhook as unknown as (ctx: WebhookContext) => Promise<IWebhookResponseData>)(context)
				: await (nodeType.webhook as NonNullable<INodeType['webhook']>).call(context);
		} catch (error) {
			webhookError = error as Error;
			errors.push(webhookError);
			answered = true;
			if (!response.headersSent) sendError(response, new Error(webhookErrorMessage(error)));
			// n8n still starts an execution so the error is recorded on the trigger node.
			result = { noWebhookResponse: true, workflowData: [[{ json: {} }]] };
		} finally {
			await Promise.allSettled(closeFunctions.map(async (close) => await close()));
		}

		if (result.noWebhookResponse === true) answer(() => {});
		if (result.workflowData === undefined) {
			answer(() =>
				sendStatic(
					response,
					result.webhookResponse !== undefined ? result.webhookResponse : { message: 'Webhook call received' },
					responseCode,
				),
			);
			return;
		}

		// n8n 2.x's WorkflowRunner.run (establishContextForPersistence; read in 2.40.7 and 2.41.1) builds a Workflow over that same object
		// before the deferred answer, which clears the change flag LiveWebhooks checks when it saves static data.
		if (!answered) loadWorkflow(requestStaticData);
		const executionId = startExecution(result.workflowData, webhookError);
		if (!answered) {
			// onReceived answers once the execution has started, so $execution is available to responseData.
			const executionKeys = {
				$executionId: executionId,
				$execution: {
					id: executionId,
					mode: 'production',
					resumeUrl: `${additionalData.webhookWaitingBaseUrl}/${executionId}`,
					resumeFormUrl: `${additionalData.formWaitingBaseUrl}/${executionId}`,
				},
			} as IWorkflowDataProxyAdditionalKeys;
			const nativeResponseData = resolveWebhookDescriptionField(node, description, 'responseData');
			const responseData = nativeResponseData.resolved
				? nativeResponseData.value
				: workflow.expression.getComplexParameterValue(
						node,
						description.responseData,
						WEBHOOK_MODE,
						executionKeys,
						undefined,
						'firstEntryJson',
					);
			answer(() => sendStatic(response, onReceivedResponseBody(responseData, result), responseCode));
		}
	}

	const idle = async () => {
		while (running.size > 0) await Promise.all([...running]);
	};

	return {
		url: endpoints[0].url,
		endpoints,
		executions,
		responses,
		errors,
		get staticData() {
			return copyJson(storedStaticData);
		},
		idle,
		async close() {
			await idle();
			// Unpublishing: n8n deletes each webhook with mode 'internal' and activation 'update'.
			const workflow = loadWorkflow();
			for (const handle of handlesFor(workflow, baseAdditionalData())) {
				await runWebhookMethod('delete', workflow, handle, 'internal', 'update');
			}
			saveStaticData(workflow);
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
