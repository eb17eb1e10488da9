import type { LoadReport } from '../../testing/n8n/load';
import { rateLimitFigures, type ApiCall } from './rateLimit';
import { rateRuns, renderMarkdown, renderStdout, type BenchResults, type RateResult, type WebhookResults } from './report';

const WINDOW = 3000;

function load(requestsPerSecond: number, status: string, count = 200): LoadReport {
	return {
		results: [],
		started: count,
		answered: count,
		statuses: { [status]: count },
		elapsedMs: (count / requestsPerSecond) * 1000,
		requestsPerSecond,
		cappedByTime: false,
		latencyMs: { p50: 100, p95: 150, p99: 200, max: 250 },
	};
}

function webhook(triggerRps: number, webhookRps: number, rejectStatus = '401'): WebhookResults {
	const accept = { trigger: load(triggerRps, '200'), webhook: load(webhookRps, '200') };
	const reject = { trigger: load(triggerRps, rejectStatus), webhook: load(webhookRps, '403') };
	return {
		concurrency: 20,
		warmup: 40,
		acceptRound: 200,
		rejectRound: 200,
		payloadBytes: 600,
		acceptRounds: [
			{ target: 'trigger', result: accept.trigger, doneMs: 2000 },
			{ target: 'webhook', result: accept.webhook, doneMs: 2000 },
		],
		rejectRounds: [
			{ target: 'trigger', result: reject.trigger },
			{ target: 'webhook', result: reject.webhook },
		],
		accept,
		reject,
		accepted: { trigger: 240, webhook: 240 },
		executionsAfterAccept: { trigger: 240, webhook: 240 },
		successAfterAccept: { trigger: 240, webhook: 240 },
		executionsStartedByRejections: { trigger: 0, webhook: 0 },
	};
}

/** `calls` successful calls at `perWindow` per window, each window's calls 5 ms apart, plus a 429 in each full window. */
function calls(count: number, perWindow: number): ApiCall[] {
	const out: ApiCall[] = [];
	for (let i = 0; i < count; i++) {
		const w = Math.floor(i / perWindow);
		out.push({ at: w * WINDOW + (i % perWindow) * 5, status: 200 });
		if (i % perWindow === perWindow - 1 && i < count - 1) out.push({ at: w * WINDOW + perWindow * 5, status: 429 });
	}
	return out;
}

function run(operation: RateResult['operation'], variant: RateResult['variant'], apiCalls: ApiCall[], extra: Partial<RateResult> = {}): RateResult {
	return {
		id: `${operation}-${variant.kind}`,
		operation,
		variant,
		label: variant.kind === 'node' ? 'UpPromote node' : `HTTP Request 4.2, ${variant.pacing}`,
		settings: 'settings',
		windowMs: WINDOW,
		executionTimeMs: 1000,
		items: 10,
		outputOk: true,
		check: 'checked',
		figures: rateLimitFigures(apiCalls, WINDOW, 120),
		...extra,
	};
}

function results(rateRunsOf: RateResult[], up = webhook(100, 100)): BenchResults {
	const sample = { readyMs: 4000, rssKb: 700_000 };
	return {
		date: '2026-12-01T11:00:00.000Z',
		runtimeMs: 600_000,
		machine: { cores: 2, memoryGiB: 23.5, cpuModel: 'CPU', kernel: '6', loadAtStart: '0 0 0' },
		versions: { n8n: '2.41.1', n8nNode: 'v24', benchNode: 'v20', packageName: 'n8n-nodes-payram', packageVersion: '0.1.0' },
		simLatencyMs: 20,
		bulkItems: 1000,
		webhook: webhook(100, 100),
		webhookLazy: webhook(100, 100),
		lazyAcquireSetting: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE',
		bulk: [],
		upWebhook: up,
		upWebhookLazy: webhook(100, 100),
		rateLimit: { timeScale: 0.05, windowMs: WINDOW, limit: 120, affiliates: 10_003, getItems: 1000, runs: rateRunsOf },
		cost: { withPackage: [sample], withoutPackage: [sample], idleMs: 5000 },
		pack: { tarball: 'n8n-nodes-payram-0.1.0.tgz', size: 30_000, unpackedSize: 120_000, files: 60 },
		packs: [
			{ name: 'n8n-nodes-payram', tarball: 'n8n-nodes-payram-0.1.0.tgz', size: 30_000, unpackedSize: 120_000, files: 60 },
			{ name: 'n8n-nodes-uppromote', tarball: 'n8n-nodes-uppromote-0.1.0.tgz', size: 40_000, unpackedSize: 150_000, files: 80 },
		],
		cpu: [],
		quietWaits: [],
		findings: { triggerTypeVersion: 2, webhookIsolateUnlessWebhookNode: false, lazyAcquireSetting: true, httpBatchWaitsOnlyWithInterval: false, webhookNodeDefersOnReceived: true },
	};
}

const targetRow = (markdown: string, name: string) => markdown.split('\n').find((line) => line.startsWith(`| ${name}`)) ?? '';

describe('the UpPromote sections of BENCHMARKS.md', () => {
	const returnAll = run('returnAll', { kind: 'node' }, calls(101, 120));
	const get = run('getAffiliate', { kind: 'node' }, calls(1000, 120));
	const paced = run('getAffiliate', { kind: 'http', pacing: 'window' }, calls(1000, 80));
	const unpaced = run('getAffiliate', { kind: 'http', pacing: 'none' }, [...calls(120, 120), ...Array.from({ length: 880 }, (_, i) => ({ at: 600 + i, status: 429 }))], {
		outputOk: false,
		problem: 'node error: The service is receiving too many requests from you',
	});

	it('picks each run by operation, node and pacing', () => {
		expect(rateRuns([unpaced, paced, get, returnAll])).toEqual({ nodeReturnAll: returnAll, httpReturnAll: undefined, nodeGet: get, httpGetPaced: paced, httpGetUnpaced: unpaced });
	});

	it('marks the node meeting the rate target, and the HTTP Request rows as reference only', () => {
		const markdown = renderMarkdown(results([returnAll, get, paced, unpaced]));
		expect(targetRow(markdown, 'Get Affiliate × 1000: UpPromote node, calls per window / 120')).toMatch(/\| 1\.\d\d× \| ≥ 0\.9× \| \*\*met\*\* \|$/);
		expect(targetRow(markdown, 'Get Affiliate × 1000: UpPromote node, failures and output')).toContain('**met**');
		expect(targetRow(markdown, 'Get Affiliate × 1000: HTTP Request 4.2, none')).toMatch(/node error \| ≥ 0\.9×, 0 failed \| \*\*below\*\* \(reference\) \|$/);
		expect(targetRow(markdown, 'Get Affiliate × 1000: HTTP Request 4.2, window')).toMatch(/0\.69×; no failure .*\*\*below\*\* \(reference\)/);
		// Reference rows never count as missed targets (the PayRam bulk runs are not in this fixture).
		const missed = markdown.split('\n').find((line) => line.startsWith('**Targets missed')) ?? '';
		expect(missed).not.toMatch(/HTTP Request 4\.2|UpPromote/);
		expect(markdown).toContain('no more than one window holds, so the limit cannot bind it');
		expect(markdown).toContain('`npm pack` of n8n-nodes-uppromote: **40.0 kB**');
	});

	it('names a missed rate target at the top and explains it in the notes', () => {
		const slow = run('getAffiliate', { kind: 'node' }, calls(1000, 80));
		const markdown = renderMarkdown(results([returnAll, slow]));
		expect(markdown).toMatch(/\*\*Targets missed in this run: .*Get Affiliate × 1000: UpPromote node, calls per window \/ 120 \(0\.69×, target ≥ 0\.9×\)/);
		expect(markdown).toContain('- **Get Affiliate × 1000: rate target missed**: 0.69× of 120 calls per window');
	});

	it('names a missed trigger target and a failed run', () => {
		const failed = run('returnAll', { kind: 'node' }, calls(101, 120), { outputOk: false, check: '9,000 affiliates of 10,003' });
		const markdown = renderMarkdown(results([failed, get], webhook(80, 100)));
		expect(markdown).toContain('UpPromote Trigger / Webhook node requests/s, n8n default settings (0.80×, target ≥ 0.95×)');
		expect(markdown).toContain('- **UpPromote webhook-path target missed**');
		expect(targetRow(markdown, 'Return All over 10003 affiliates: UpPromote node, failures and output')).toContain('**MISSED**');
		expect(markdown).toContain('- **Return All over 10003 affiliates: failures or output problem**');
	});

	it('prints the rate runs on stdout', () => {
		const text = renderStdout(results([returnAll, get]));
		expect(text).toMatch(/getAffiliate UpPromote node\s+1008 calls, 8× 429, 0 failed/);
	});
});
