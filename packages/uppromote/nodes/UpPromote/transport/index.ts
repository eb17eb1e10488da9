import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { baseUrlProblem, normaliseBaseUrl } from '../helpers/baseUrl';
import { MONEY_KEYS, unwrapEnvelope } from '../helpers/envelope';
import { howToFix, isNotFound, readUpPromoteError } from '../helpers/errors';
import { MAX_THROTTLE_WAITS, throttleDelayMs } from '../helpers/throttle';
import { jsonWithDecimalNumbers, readJsonAnswer } from '../kit/exactJson';
import { networkErrorCode, RETRY_NETWORK_CODES } from '../kit/networkFailure';
import { redact } from '../kit/redact';

export const CREDENTIAL_TYPE = 'upPromoteApi';

/** Node runs, the editor's list searches and the trigger's (un)subscribing call UpPromote. */
export type UpPromoteContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface UpPromoteRequest {
	method: IHttpRequestMethods;
	/** Path under the Base URL, e.g. `/affiliates`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Body fields holding validated decimal text that UpPromote wants as JSON numbers, written digit for digit. */
	decimalFields?: readonly string[];
	itemIndex?: number;
}

/** Reads are retried on these answers and connection failures; writes never are (a 429 is waited out for both). */
const RETRY_STATUSES = new Set([500, 502, 503, 504]);
const RETRY_DELAYS_MS = [300, 1000];
const REQUEST_TIMEOUT_MS = 30000;

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/** The one place that talks to UpPromote: Base URL, the credential's key, 429 waits, read retries and error mapping. */
export async function upPromoteApiRequest(this: UpPromoteContext, request: UpPromoteRequest): Promise<unknown> {
	const { method, path, qs, body } = request;
	const itemIndex = request.itemIndex ?? 0;
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const apiKey = String(credentials.apiKey ?? '');
	const baseURL = normaliseBaseUrl(String(credentials.baseUrl ?? ''));
	const problem = baseUrlProblem(baseURL);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });

	const options: IHttpRequestOptions = {
		method,
		baseURL,
		url: path,
		qs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'text',
		json: false,
		timeout: REQUEST_TIMEOUT_MS,
	};
	if (body !== undefined) {
		options.body = jsonWithDecimalNumbers(body, request.decimalFields ?? []);
		options.headers = { 'Content-Type': 'application/json' };
	}

	const describe = `${method} ${path}`;
	let throttled = 0;
	let retried = 0;
	for (;;) {
		let response: FullResponse | undefined;
		let networkError: unknown;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)) as FullResponse;
		} catch (error) {
			networkError = error;
		}

		// UpPromote refuses a throttled request before handling it, so waiting it out is safe for writes too.
		if (response?.statusCode === 429 && throttled < MAX_THROTTLE_WAITS) {
			throttled++;
			await sleep(throttleDelayMs(response.headers?.['retry-after'], Date.now()));
			continue;
		}
		const retryable =
			method === 'GET' &&
			retried < RETRY_DELAYS_MS.length &&
			(response === undefined ? RETRY_NETWORK_CODES.has(networkErrorCode(networkError) ?? '') : RETRY_STATUSES.has(response.statusCode));
		if (retryable) {
			await sleep(RETRY_DELAYS_MS[retried++]);
			continue;
		}

		if (response === undefined) {
			const code = networkErrorCode(networkError);
			throw new NodeApiError(this.getNode(), { message: 'connection failed', networkErrorCode: code ?? null } as JsonObject, {
				message: `Cannot reach UpPromote at ${baseURL}`,
				description: `Request: ${describe}${code ? ` (error code ${code})` : ''}. Check the Base URL of the UpPromote API credential.`,
				itemIndex,
			});
		}
		return checkResponse(this, { statusCode: response.statusCode, body: readJsonAnswer(response.body, MONEY_KEYS) }, describe, apiKey, itemIndex);
	}
}

function checkResponse(
	ctx: UpPromoteContext,
	response: { statusCode: number; body: unknown },
	describe: string,
	apiKey: string,
	itemIndex: number,
): unknown {
	const { statusCode, body } = response;
	if (statusCode >= 200 && statusCode < 300 && typeof body !== 'string') return unwrapEnvelope(body) ?? null;

	const failure = readUpPromoteError(body);
	const said = statusCode < 300 ? 'an answer that is not JSON' : (failure?.message ?? `HTTP ${statusCode}`);
	const notFound = isNotFound(statusCode, failure);
	// Laravel's message repeats the first field's reason: then the field list alone says it.
	const repeated = failure?.fields !== undefined && failure.fields.includes(said);
	const message = notFound ? 'The record was not found' : repeated ? (failure?.fields ?? said) : said;
	const fields = failure?.fields && (notFound || !repeated) ? `: ${failure.fields}` : '';
	const hint = howToFix(statusCode, failure);
	throw new NodeApiError(
		ctx.getNode(),
		{ message: redact(said, apiKey), httpCode: String(statusCode) } as JsonObject,
		{
			message: redact(`UpPromote: ${message}${fields} (HTTP ${statusCode})`, apiKey),
			description: redact(`${describe}.${hint ? ` ${hint}` : ''}`, apiKey),
			httpCode: String(statusCode),
			itemIndex,
		},
	);
}
