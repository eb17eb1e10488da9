import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IHttpRequestOptions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import {
	describeNetworkFailure,
	howToFix,
	isIncompleteProjectSetup,
	readPayRamError,
} from '../helpers/errors';
import { networkErrorCode, RETRY_NETWORK_CODES } from '../kit/networkFailure';
import { redact } from '../kit/redact';
import { jsonWithDecimalNumbers, parsePayRamJson } from '../helpers/json';
import { normaliseServerUrl, serverUrlProblem } from '../helpers/serverUrl';

export const CREDENTIAL_TYPE = 'payRamApi';

/** Node runs, the editor's list searches and the poll trigger's polls call PayRam. */
export type PayRamContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface PayRamRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	/** Body fields sent as JSON numbers, written from their exact decimal text. */
	decimalFields?: readonly string[];
	qs?: IDataObject;
	headers?: IDataObject;
	/** A POST that only reads (payment search), so it is retried like a GET; never set it on a write. */
	read?: boolean;
	/** What a status means for this call, where PayRam's own message would mislead. */
	statusMessages?: Record<number, string>;
	itemIndex: number;
}

/** Reads are retried on these answers; writes never are (see retryable()). */
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const RETRY_DELAYS_MS = [300, 1000];
const REQUEST_TIMEOUT_MS = 30000;

interface RawResponse {
	statusCode: number;
	body: unknown;
}

function parseBody(raw: unknown): unknown {
	if (Buffer.isBuffer(raw)) raw = raw.toString('utf8');
	if (typeof raw !== 'string') return raw;
	if (raw.trim() === '') return undefined;
	try {
		return parsePayRamJson(raw);
	} catch {
		return raw;
	}
}

interface Connection {
	apiKey: string;
	allowInsecure: boolean;
	baseURL: string;
	urlProblem?: string;
}

/** Credentials read once per node run: httpRequestWithAuthentication would load and decrypt them for every call. */
const connections = new WeakMap<PayRamContext, Promise<Connection>>();

function connectionOf(ctx: PayRamContext, itemIndex: number): Promise<Connection> {
	let connection = connections.get(ctx);
	if (!connection) {
		connection = ctx.getCredentials(CREDENTIAL_TYPE, itemIndex).then((credentials) => {
			const allowInsecure = credentials.allowInsecure === true;
			const baseURL = normaliseServerUrl(String(credentials.url ?? ''));
			return { apiKey: String(credentials.apiKey ?? ''), allowInsecure, baseURL, urlProblem: serverUrlProblem(baseURL, allowInsecure) };
		});
		connections.set(ctx, connection);
	}
	return connection;
}

/** A poll context lives as long as the activation: each poll reads the credentials again, so a rotated key takes effect. */
export function forgetConnection(ctx: PayRamContext): void {
	connections.delete(ctx);
}

/** The one place that talks to PayRam: base URL, API key, retries and error mapping. */
export async function payRamApiRequest(
	this: PayRamContext,
	request: PayRamRequest,
): Promise<unknown> {
	const { method, path, body, qs, headers, itemIndex } = request;
	const { apiKey, allowInsecure, baseURL, urlProblem } = await connectionOf(this, itemIndex);
	if (urlProblem) throw new NodeOperationError(this.getNode(), urlProblem, { itemIndex });

	const options: IHttpRequestOptions = {
		method,
		baseURL,
		url: path,
		qs,
		// The same header the credential's generic authentication sets, from the credentials read once above.
		headers: { Accept: 'application/json', ...headers, 'API-Key': apiKey },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'text',
		json: false,
		skipSslCertificateValidation: allowInsecure,
		timeout: REQUEST_TIMEOUT_MS,
	};
	if (body !== undefined) {
		options.body = jsonWithDecimalNumbers(body, request.decimalFields ?? []);
		options.headers!['Content-Type'] = 'application/json';
	}

	const describe = `${method} ${path}`;
	for (let attempt = 0; ; attempt++) {
		let response: RawResponse | undefined;
		let networkError: unknown;
		try {
			const full = (await this.helpers.httpRequest(options)) as { statusCode: number; body: unknown };
			response = { statusCode: full.statusCode, body: parseBody(full.body) };
		} catch (error) {
			networkError = error;
		}

		const retryable =
			(method === 'GET' || request.read === true) &&
			attempt < RETRY_DELAYS_MS.length &&
			(networkError !== undefined
				? RETRY_NETWORK_CODES.has(networkErrorCode(networkError) ?? '')
				: RETRY_STATUSES.has(response!.statusCode));
		if (retryable) {
			await sleep(RETRY_DELAYS_MS[attempt]);
			continue;
		}

		if (networkError !== undefined) {
			const code = networkErrorCode(networkError);
			// The code stays out of the message: n8n would swap a message naming it for a generic sentence.
			throw new NodeApiError(
				this.getNode(),
				{ message: 'connection failed', networkErrorCode: code ?? null } as JsonObject,
				{
					message: `Cannot reach PayRam at ${baseURL}: ${describeNetworkFailure(code)}`,
					description: `Request: ${describe}${code ? ` (error code ${code})` : ''}`,
					itemIndex,
				},
			);
		}
		return checkResponse.call(this, response!, {
			describe,
			apiKey,
			itemIndex,
			statusMessages: request.statusMessages,
		});
	}
}

interface ResponseContext {
	describe: string;
	apiKey: string;
	itemIndex: number;
	statusMessages?: Record<number, string>;
}

function checkResponse(
	this: PayRamContext,
	response: RawResponse,
	context: ResponseContext,
): unknown {
	const { statusCode, body } = response;
	const failure = readPayRamError(body);
	const ok = statusCode >= 200 && statusCode < 300;
	// Code 5 can come with HTTP 200: a body that carries an error code is a failure either way.
	const failedDespite2xx = ok && isIncompleteProjectSetup(failure);
	if (ok && !failedDespite2xx) {
		if (typeof body === 'string') {
			throw new NodeApiError(
				this.getNode(),
				{ message: 'not JSON' } as JsonObject,
				{
					message: 'PayRam answered with something that is not JSON',
					description: `${context.describe} → HTTP ${statusCode}: ${redact(body.slice(0, 200), context.apiKey)}`,
					httpCode: String(statusCode),
					itemIndex: context.itemIndex,
				},
			);
		}
		return body ?? {};
	}
	throw payRamError(this, statusCode, failure, context);
}

function payRamError(
	ctx: PayRamContext,
	statusCode: number,
	failure: ReturnType<typeof readPayRamError>,
	context: ResponseContext,
): NodeApiError {
	let message = context.statusMessages?.[statusCode] ?? failure?.message ?? `HTTP ${statusCode}`;
	if (isIncompleteProjectSetup(failure)) {
		message = `${message} The PayRam project setup is incomplete: link a deposit wallet and set the site URL in the PayRam dashboard`;
	}
	// A generic "Invalid request data" only helps with the refused fields next to it.
	if (failure?.fields && !context.statusMessages?.[statusCode]) message = `${message}: ${failure.fields}`;
	const code = failure?.code ? `, code ${failure.code}` : '';
	const said = context.statusMessages?.[statusCode] && failure ? ` PayRam said: ${failure.message}.` : '';
	const hint = context.statusMessages?.[statusCode] ? undefined : howToFix(statusCode);
	const details = `${failure?.details ? ` ${failure.details}.` : ''}${said}${hint ? ` ${hint}` : ''}`;
	return new NodeApiError(
		ctx.getNode(),
		{ message: redact(message, context.apiKey), code: failure?.code ?? String(statusCode) } as JsonObject,
		{
			message: redact(`PayRam: ${message} (HTTP ${statusCode}${code})`, context.apiKey),
			description: redact(`${context.describe}.${details}`, context.apiKey),
			httpCode: String(statusCode),
			itemIndex: context.itemIndex,
		},
	);
}
