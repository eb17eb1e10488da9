import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { MAX_BUSY_WAITS, busyDelayMs } from '../helpers/backoff';
import { baseUrlProblem, normaliseBaseUrl } from '../helpers/baseUrl';
import { howToFix, readReferralRocketError } from '../helpers/errors';
import { MONEY_KEYS } from '../helpers/money';
import { parseJsonExact } from '../kit/exactJson';
import { networkErrorCode, RETRY_NETWORK_CODES } from '../kit/networkFailure';
import { redact } from '../kit/redact';

export const CREDENTIAL_TYPE = 'referralRocketApi';

export interface ReferralRocketRequest {
	method: IHttpRequestMethods;
	/** Path under the Base URL, e.g. `/api/v1/getCampaign`. */
	path: string;
	qs?: IDataObject;
	/** An object, or JSON text sent exactly as given (a Custom API Call's body keeps the digits typed). */
	body?: IDataObject | string;
	itemIndex?: number;
}

/** A read is sent again after these answers (besides 429 and 503, which are waited out) and connection failures. */
const RETRY_STATUSES = new Set([500, 502, 504]);
const BUSY_STATUSES = new Set([429, 503]);
const RETRY_DELAYS_MS = [300, 1000];
const REQUEST_TIMEOUT_MS = 30000;

/** The request never left this machine: sending it again cannot make a write happen twice. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/** The JSON body with rewards kept as the exact decimal text sent; text that is not JSON stays text. */
function parseBody(raw: unknown): unknown {
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
	if (typeof text !== 'string') return text;
	if (text.trim() === '') return undefined;
	try {
		return parseJsonExact(text, MONEY_KEYS).exact;
	} catch {
		return text;
	}
}

/**
 * The one place that talks to Referral Rocket: Base URL, the credential's optional header, waits on 429/503 and
 * retries for reads only (a write is sent again only when it never left), and every failure as one NodeApiError.
 */
export async function referralRocketApiRequest(this: IExecuteFunctions, request: ReferralRocketRequest): Promise<unknown> {
	const { method, path, qs, body } = request;
	const itemIndex = request.itemIndex ?? 0;
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	const baseURL = normaliseBaseUrl(String(credentials.baseUrl ?? ''));
	const problem = baseUrlProblem(baseURL);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });

	const options: IHttpRequestOptions = {
		method,
		baseURL,
		url: path,
		qs,
		arrayFormat: 'repeat',
		headers: { Accept: 'application/json' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'text',
		json: false,
		timeout: REQUEST_TIMEOUT_MS,
	};
	if (body !== undefined) {
		options.body = typeof body === 'string' ? body : JSON.stringify(body);
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}

	const describe = `${method} ${path}`;
	const isRead = method === 'GET';
	let busy = 0;
	let retried = 0;
	for (;;) {
		let response: FullResponse | undefined;
		let networkError: unknown;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)) as FullResponse;
		} catch (error) {
			networkError = error;
		}
		const code = response === undefined ? (networkErrorCode(networkError) ?? '') : '';

		// A 429/503 may come after the service acted on the request (it documents neither), so only reads wait it out.
		if (isRead && response !== undefined && BUSY_STATUSES.has(response.statusCode) && busy < MAX_BUSY_WAITS) {
			await sleep(busyDelayMs(response.headers?.['retry-after'], busy++, Date.now()));
			continue;
		}
		const retryable =
			retried < RETRY_DELAYS_MS.length &&
			(response === undefined
				? isRead
					? RETRY_NETWORK_CODES.has(code) || NEVER_SENT_CODES.has(code)
					: NEVER_SENT_CODES.has(code)
				: isRead && RETRY_STATUSES.has(response.statusCode));
		if (retryable) {
			await sleep(RETRY_DELAYS_MS[retried++]);
			continue;
		}

		if (response === undefined) {
			const unsure = !isRead && !NEVER_SENT_CODES.has(code);
			throw new NodeApiError(this.getNode(), { message: 'connection failed', networkErrorCode: code || null } as JsonObject, {
				message: `Cannot reach Referral Rocket at ${baseURL}`,
				description: redact(
					`Request: ${describe}${code ? ` (error code ${code})` : ''}. ${
						unsure ? 'It was not sent again: check in Referral Rocket whether it took effect before running it again. ' : ''
					}Check the Base URL of the Referral Rocket API credential.`,
					apiKey,
				),
				itemIndex,
			});
		}
		return checkResponse(this, response.statusCode, parseBody(response.body), describe, apiKey, itemIndex);
	}
}

function checkResponse(ctx: IExecuteFunctions, statusCode: number, body: unknown, describe: string, apiKey: string, itemIndex: number): unknown {
	if (statusCode >= 200 && statusCode < 300 && typeof body !== 'string') return body ?? null;
	const said = statusCode < 300 ? 'an answer that is not JSON' : readReferralRocketError(statusCode, body);
	const hint = howToFix(statusCode);
	throw new NodeApiError(ctx.getNode(), { message: redact(said, apiKey), httpCode: String(statusCode) } as JsonObject, {
		message: redact(`Referral Rocket: ${said} (HTTP ${statusCode})`, apiKey),
		description: redact(`${describe}.${hint ? ` ${hint}` : ''}`, apiKey),
		httpCode: String(statusCode),
		itemIndex,
	});
}
