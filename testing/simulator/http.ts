// Simulator plumbing shared by every service's simulator: request bodies, headers, JSON and HTML answers.
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export type Headers = Record<string, string>;

export interface ApiResponse {
	status: number;
	body: unknown;
	headers?: Headers;
}

/** Thrown by simulator operations (pay, expire, ...) with the HTTP status the control API should answer. */
export class SimulatorError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

const MAX_BODY_BYTES = 1024 * 1024;

// Same expression as ajv-formats' "email", so the simulator and the contract agree.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

export function isEmail(value: unknown): value is string {
	return typeof value === 'string' && EMAIL.test(value);
}

export function isNonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error('request body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Node lower-cases header names already; repeated headers are joined as HTTP allows. */
export function flattenHeaders(headers: IncomingHttpHeaders): Headers {
	const flat: Headers = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return flat;
}

/** An API request as a simulator records it for tests. */
export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** Names lower-cased, as received (the API key included: this is a test tool). */
	headers: Headers;
	rawBody: string;
	at: string;
}

/** Query parameters as recorded: one value as a string, a repeated name as the list of its values. */
export function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const name of new Set(params.keys())) {
		const values = params.getAll(name);
		query[name] = values.length === 1 ? values[0] : values;
	}
	return query;
}

/** The host of a listening address as a URL writes it: a wildcard address as loopback, IPv6 in brackets. */
export function advertisedHost(host: string): string {
	if (host === '0.0.0.0') return '127.0.0.1';
	if (host === '::') return '[::1]';
	return host.includes(':') ? `[${host}]` : host;
}

/** Path parameters arrive percent-encoded; a malformed escape is kept as sent and simply matches nothing. */
export function decodePathSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

const NUMBER_MARKER = '\u0000number:';

/** A decimal string the answer writes as a JSON number with exactly these digits (JSON.stringify would round a float). */
export function exactNumber(decimal: string | null): string | null {
	return decimal === null ? null : `${NUMBER_MARKER}${decimal}`;
}

/** The body as JSON text, with exactNumber() values written as bare number literals. */
export function jsonText(body: unknown): string {
	return JSON.stringify(body).replace(/"\\u0000number:(-?\d+(?:\.\d+)?)"/g, '$1');
}

export function sendJson(res: ServerResponse, response: ApiResponse, truncate = false): void {
	const text = jsonText(response.body);
	// A body cut in half is how a broken proxy or a crashed worker looks to the client.
	const payload = truncate ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
	res.writeHead(truncate ? 200 : response.status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(payload),
		...response.headers,
	});
	res.end(payload);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
	res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
	res.end(html);
}

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A control answer with every secret (an API key, a signing secret) replaced by `[redacted]`. */
export function withoutSecrets(result: unknown, secrets: string[]): unknown {
	if (result === undefined) return result;
	let text = JSON.stringify(result);
	for (const secret of secrets) {
		if (secret !== '') text = text.split(JSON.stringify(secret).slice(1, -1)).join('[redacted]');
	}
	return JSON.parse(text);
}

/** Listens on `host:port` (port 0: a free one) and returns the origin clients use, e.g. `http://127.0.0.1:8787`. */
export async function listenOn(server: Server | HttpsServer, port: number, host: string, protocol: 'http' | 'https' = 'http'): Promise<string> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	return `${protocol}://${advertisedHost(host)}:${(server.address() as AddressInfo).port}`;
}

/** Listens on a free port of 127.0.0.1 and returns the server's origin, e.g. `http://127.0.0.1:40123`. */
export function listenLocally(server: Server): Promise<string> {
	return listenOn(server, 0, '127.0.0.1');
}

/** Closes the server and the connections it still holds. */
export function closeServer(server: Server | HttpsServer): Promise<void> {
	server.closeAllConnections();
	return new Promise((resolve) => server.close(() => resolve()));
}

/** An incoming request read whole: method, path, query, lower-cased headers and the body as text. */
export interface ReceivedRequest {
	method: string;
	path: string;
	searchParams: URLSearchParams;
	headers: Headers;
	rawBody: string;
}

export async function receiveRequest(req: IncomingMessage): Promise<ReceivedRequest> {
	const target = new URL(req.url ?? '/', 'http://simulator');
	return { method: req.method ?? 'GET', path: target.pathname, searchParams: target.searchParams, headers: flattenHeaders(req.headers), rawBody: (await readBody(req)).toString('utf8') };
}

/** A received request as tests read it, not answered yet (status 0). */
export function recordOf(request: ReceivedRequest): RecordedRequest & { status: number } {
	const { method, path, headers, rawBody } = request;
	return { method, path, query: queryRecord(request.searchParams), headers, rawBody, status: 0, at: new Date().toISOString() };
}
