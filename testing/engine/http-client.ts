import { request } from 'node:http';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

export interface SentRequest {
	method?: string;
	headers?: OutgoingHttpHeaders;
	/** A string or Buffer is sent as is; anything else as JSON with Content-Type application/json. */
	body?: unknown;
}

export interface ReceivedResponse {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
	json(): unknown;
}

/** Sends one HTTP request with node:http, which (unlike fetch) also sends a body with GET, as payment gateways do. */
export async function sendRequest(url: string, options: SentRequest = {}): Promise<ReceivedResponse> {
	const headers: OutgoingHttpHeaders = { ...options.headers };
	let payload: Buffer | undefined;
	if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) {
		payload = Buffer.from(options.body);
	} else if (options.body !== undefined) {
		payload = Buffer.from(JSON.stringify(options.body));
		headers['content-type'] ??= 'application/json';
	}
	if (payload) headers['content-length'] = payload.length;

	return await new Promise<ReceivedResponse>((resolve, reject) => {
		const req = request(url, { method: options.method ?? 'POST', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as unknown });
			});
		});
		req.on('error', reject);
		req.end(payload);
	});
}
