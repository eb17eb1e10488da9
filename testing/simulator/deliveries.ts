// Webhook deliveries a simulator pushes to a receiver: the request as sent (signed by the service's own rule) and the answer.
import * as http from 'node:http';
import * as https from 'node:https';

import { flattenHeaders, type Headers } from './http';

export interface WebhookRequest {
	method: string;
	url: string;
	headers: Headers;
	rawBody: string;
}

export interface DeliveryResult {
	status: number;
	body: string;
	headers: Headers;
	request: WebhookRequest;
	/** Set when no HTTP answer arrived (refused, reset, timed out); status is then 0. */
	error?: string;
}

export interface RawDelivery {
	method: string;
	headers?: Headers;
	body?: string | object;
}

/** A request exactly as a test wrote it (method, headers, body), to probe what the receiver accepts. */
export function rawRequest(url: string, raw: RawDelivery): WebhookRequest {
	const rawBody = raw.body === undefined ? '' : typeof raw.body === 'string' ? raw.body : JSON.stringify(raw.body);
	const headers = Object.fromEntries(Object.entries(raw.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-length'));
	return { method: raw.method.toUpperCase(), url, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(rawBody)) }, rawBody };
}

/** Sends one delivery and resolves with the answer, or with status 0 and the error when none arrived. */
export function deliver(webhook: WebhookRequest, timeoutMs: number): Promise<DeliveryResult> {
	return new Promise((resolve) => {
		const failed = (error: Error) => resolve({ status: 0, body: '', headers: {}, request: webhook, error: error.message });
		const url = new URL(webhook.url);
		const transport = url.protocol === 'https:' ? https : http;
		// agent: false so no pooled keep-alive socket outlives a receiver a test has closed.
		const outgoing = transport.request(url, { method: webhook.method, headers: webhook.headers, agent: false, timeout: timeoutMs }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('error', failed);
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					body: Buffer.concat(chunks).toString('utf8'),
					headers: flattenHeaders(response.headers),
					request: webhook,
				}),
			);
		});
		outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		outgoing.on('error', failed);
		outgoing.end(webhook.rawBody);
	});
}
