// The one HTTP load generator of the benchmarks, the reliability suite and the queue-mode suite:
// keep-alive node:http, at most `concurrency` requests in flight, bounded by a request count and a time cap.
import * as http from 'node:http';

export interface LoadRequest {
	/** POST when not given. */
	method?: string;
	/** An array value sends the header once per element (e.g. a doubled API-Key). */
	headers: Record<string, string | string[]>;
	body?: Buffer | string;
	/** Appended to the URL, e.g. "?a=1". */
	query?: string;
}

export interface LoadResult {
	index: number;
	/** 0 when no HTTP answer arrived (see error). */
	status: number;
	body: string;
	headers: http.IncomingHttpHeaders;
	error?: string;
	/** Request start to the end of the answer, in milliseconds (fractional). */
	ms: number;
}

export interface LoadOptions {
	url: string;
	count: number;
	/** The request for index i, built when it is sent. */
	request: (index: number) => LoadRequest;
	concurrency: number;
	/** No request starts after this much time; requests in flight are still awaited (each has its own timeout). */
	timeCapMs: number;
	requestTimeoutMs?: number;
	/** Answer bodies longer than this are cut; 0 keeps none (the benchmark only counts statuses). */
	maxBodyChars?: number;
	onProgress?: (done: number, count: number, result: LoadResult) => void;
	/** Checked before each request starts: a reason stops the loop (requests in flight still finish). */
	stopReason?: () => string | undefined;
}

export interface LoadReport {
	/** One per request started, in index order. */
	results: LoadResult[];
	started: number;
	answered: number;
	/** Status code, or "no answer (<error code>)", → count. */
	statuses: Record<string, number>;
	elapsedMs: number;
	requestsPerSecond: number;
	/** The time cap stopped the loop before `count` requests were sent. */
	cappedByTime: boolean;
	/** Why stopReason stopped the loop, if it did. */
	stoppedBecause?: string;
	/** Nearest-rank percentiles over every request's `ms`. */
	latencyMs: { p50: number; p95: number; p99: number; max: number };
}

/** Nearest-rank percentile of an ascending list (NaN for an empty list). */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function isNoAnswer(status: string): boolean {
	return status.startsWith('no answer');
}

function send(agent: http.Agent, url: URL, index: number, request: LoadRequest, timeoutMs: number, maxBodyChars: number): Promise<LoadResult> {
	const started = process.hrtime.bigint();
	return new Promise((resolve) => {
		let settled = false;
		const finish = (result: Omit<LoadResult, 'index' | 'ms'>) => {
			if (settled) return;
			settled = true;
			resolve({ index, ms: Number(process.hrtime.bigint() - started) / 1e6, ...result });
		};
		const headers: http.OutgoingHttpHeaders = { ...request.headers };
		const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
		const hasLength = Object.keys(headers).some((name) => name.toLowerCase() === 'content-length');
		if (body !== undefined && !hasLength) headers['Content-Length'] = String(body.length);
		const outgoing = http.request(
			{ hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}${request.query ?? ''}`, method: request.method ?? 'POST', headers, agent, timeout: timeoutMs },
			(response) => {
				const chunks: Buffer[] = [];
				let size = 0;
				response.on('data', (chunk: Buffer) => {
					if (size < maxBodyChars) chunks.push(chunk);
					size += chunk.length;
				});
				const text = () => Buffer.concat(chunks).toString('utf8').slice(0, maxBodyChars);
				response.on('error', (error) => finish({ status: response.statusCode ?? 0, body: text(), headers: response.headers, error: error.message }));
				response.on('end', () => finish({ status: response.statusCode ?? 0, body: text(), headers: response.headers }));
			},
		);
		outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		// A server may answer (e.g. 413) and close before the whole body is written: the answer still counts.
		outgoing.on('error', (error: NodeJS.ErrnoException) => finish({ status: 0, body: '', headers: {}, error: error.code ?? error.message }));
		outgoing.end(body);
	});
}

function statusesOf(results: LoadResult[]): Record<string, number> {
	const statuses: Record<string, number> = {};
	for (const result of results) {
		const key = result.status === 0 ? `no answer (${result.error ?? 'unknown'})` : String(result.status);
		statuses[key] = (statuses[key] ?? 0) + 1;
	}
	return statuses;
}

function report(results: LoadResult[], elapsedMs: number, started: number, cappedByTime: boolean, stoppedBecause?: string): LoadReport {
	const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
	return {
		results,
		started,
		answered: results.filter((r) => r.status !== 0).length,
		statuses: statusesOf(results),
		elapsedMs,
		requestsPerSecond: results.length / (elapsedMs / 1000),
		cappedByTime,
		stoppedBecause,
		latencyMs: {
			p50: percentile(latencies, 50),
			p95: percentile(latencies, 95),
			p99: percentile(latencies, 99),
			max: latencies[latencies.length - 1] ?? NaN,
		},
	};
}

/** Sends `count` requests with at most `concurrency` in flight over keep-alive sockets; stops starting new ones at the time cap. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
	const url = new URL(options.url);
	if (url.hostname !== '127.0.0.1') throw new Error(`the load generator only talks to 127.0.0.1, not ${url.hostname}`);
	const timeoutMs = options.requestTimeoutMs ?? 60_000;
	const maxBodyChars = options.maxBodyChars ?? 64 * 1024;
	const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency, maxFreeSockets: options.concurrency });
	const results: LoadResult[] = [];
	const began = process.hrtime.bigint();
	const deadline = Date.now() + options.timeCapMs;
	let next = 0;
	let done = 0;
	let cappedByTime = false;
	let stoppedBecause: string | undefined;
	const worker = async () => {
		for (;;) {
			if (next >= options.count || stoppedBecause) return;
			if (Date.now() >= deadline) {
				cappedByTime = true;
				return;
			}
			stoppedBecause = options.stopReason?.();
			if (stoppedBecause) return;
			const index = next++;
			const result = await send(agent, url, index, options.request(index), timeoutMs, maxBodyChars);
			results.push(result);
			done++;
			options.onProgress?.(done, options.count, result);
		}
	};
	try {
		await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, options.count)) }, worker));
	} finally {
		agent.destroy();
	}
	results.sort((a, b) => a.index - b.index);
	return report(results, Number(process.hrtime.bigint() - began) / 1e6, next, cappedByTime, stoppedBecause);
}

/** Several rounds against one target as one figure: all requests over the sum of round times, percentiles over all. */
export function combine(reports: LoadReport[]): LoadReport {
	const results = reports.flatMap((r) => r.results);
	const elapsedMs = reports.reduce((n, r) => n + r.elapsedMs, 0);
	const started = reports.reduce((n, r) => n + r.started, 0);
	return report(results, elapsedMs, started, reports.some((r) => r.cappedByTime));
}
