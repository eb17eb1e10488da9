// A small closed-loop HTTP load generator: a fixed number of requests, at most `concurrency` in flight,
// over one keep-alive agent whose socket pool is the concurrency. Bounded in count and in time.
import * as http from 'node:http';

export interface PreparedRequest {
	headers: Record<string, string>;
	body: string;
}

export interface LoadOptions {
	url: string;
	concurrency: number;
	requests: PreparedRequest[];
	/** No new request starts after this many ms from the start of the round. */
	maxDurationMs: number;
	/** Per-request timeout. */
	requestTimeoutMs?: number;
}

export interface LoadResult {
	sent: number;
	durationMs: number;
	requestsPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	/** Status code (or "error") → count. */
	statuses: Record<string, number>;
	/** True when the time bound, not the count, ended the round. */
	timedOut: boolean;
	/** Every latency in ms, ascending. */
	latencies: number[];
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function send(agent: http.Agent, url: URL, request: PreparedRequest, timeoutMs: number): Promise<number | 'error'> {
	return new Promise((resolve) => {
		const req = http.request(
			url,
			{
				method: 'POST',
				agent,
				headers: { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) },
				timeout: timeoutMs,
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
				res.on('error', () => resolve('error'));
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => resolve('error'));
		req.end(request.body);
	});
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const url = new URL(options.url);
	if (url.hostname !== '127.0.0.1') throw new Error(`load only goes to loopback, not ${url.hostname}`);
	const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
	const latencies: number[] = [];
	const statuses: Record<string, number> = {};
	const total = options.requests.length;
	const timeoutMs = options.requestTimeoutMs ?? 30_000;
	let next = 0;
	let timedOut = false;
	const started = process.hrtime.bigint();
	const deadline = Date.now() + options.maxDurationMs;

	const worker = async () => {
		while (next < total) {
			if (Date.now() > deadline) {
				timedOut = true;
				return;
			}
			const request = options.requests[next++];
			const t0 = process.hrtime.bigint();
			const status = await send(agent, url, request, timeoutMs);
			latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
			statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
		}
	};
	try {
		await Promise.all(Array.from({ length: Math.min(options.concurrency, total) }, worker));
	} finally {
		agent.destroy();
	}
	const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
	latencies.sort((a, b) => a - b);
	return {
		sent: latencies.length,
		durationMs,
		requestsPerSecond: latencies.length / (durationMs / 1000),
		p50Ms: percentile(latencies, 50),
		p99Ms: percentile(latencies, 99),
		statuses,
		timedOut,
		latencies,
	};
}

/** Several rounds of the same target as one figure: all requests over all round time, percentiles over all latencies. */
export function combine(results: LoadResult[]): LoadResult {
	const statuses: Record<string, number> = {};
	for (const r of results) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
	const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
	const durationMs = results.reduce((n, r) => n + r.durationMs, 0);
	return {
		sent: latencies.length,
		durationMs,
		requestsPerSecond: latencies.length / (durationMs / 1000),
		p50Ms: percentile(latencies, 50),
		p99Ms: percentile(latencies, 99),
		statuses,
		timedOut: results.some((r) => r.timedOut),
		latencies,
	};
}
