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

const FULL_RUN = '2026-12-01T11:00:00.000Z';
const RR_RUN = '2026-12-01T12:10:00.000Z';

function results(rateRunsOf: RateResult[], up = webhook(100, 100), rr = webhook(100, 100)): BenchResults {
	const sample = { readyMs: 4000, rssKb: 700_000 };
	const older = ['payram', 'uppromote', 'bulk', 'rate-limit', 'package-cost'] as const;
	return {
		runs: [
			{ date: FULL_RUN, runtimeMs: 600_000, phases: [...older], packages: ['n8n-nodes-payram', 'n8n-nodes-uppromote'], loadAtStart: '0 0 0' },
			{ date: RR_RUN, runtimeMs: 300_000, phases: ['referral-rocket'], selected: 'referral-rocket', packages: ['n8n-nodes-payram', 'n8n-nodes-referral-rocket', 'n8n-nodes-uppromote'], loadAtStart: '1 1 1' },
		],
		phaseRun: { ...Object.fromEntries(older.map((phase) => [phase, FULL_RUN])), 'referral-rocket': RR_RUN },
		machine: { cores: 2, memoryGiB: 23.5, cpuModel: 'CPU', kernel: '6' },
		versions: { n8n: '2.41.1', n8nNode: 'v24', benchNode: 'v20', packageName: 'n8n-nodes-payram', packageVersion: '0.1.0' },
		simLatencyMs: 20,
		bulkItems: 1000,
		webhook: webhook(100, 100),
		webhookLazy: webhook(100, 100),
		lazyAcquireSetting: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE',
		bulk: [],
		upWebhook: up,
		upWebhookLazy: webhook(100, 100),
		rrWebhook: rr,
		rrWebhookLazy: webhook(100, 100),
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
		expect(targetRow(markdown, 'Get Affiliate × 1000: UpPromote node, calls per window / 120')).toMatch(/\| 1\.\d\d× \| ≥ 0\.9× \| \*\*met\*\* \| 2026-12-01 11:00 UTC \|$/);
		expect(targetRow(markdown, 'Get Affiliate × 1000: UpPromote node, failures and output')).toContain('**met**');
		expect(targetRow(markdown, 'Get Affiliate × 1000: HTTP Request 4.2, none')).toMatch(/node error \| ≥ 0\.9×, 0 failed \| \*\*below\*\* \(reference\) \| 2026-12-01 11:00 UTC \|$/);
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
		expect(markdown).toMatch(/\*\*Targets missed: .*Get Affiliate × 1000: UpPromote node, calls per window \/ 120 \(0\.69×, target ≥ 0\.9×\)/);
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

describe('the Referral Rocket section and the runs of BENCHMARKS.md', () => {
	const rateRunsOf = [run('returnAll', { kind: 'node' }, calls(101, 120)), run('getAffiliate', { kind: 'node' }, calls(1000, 120))];

	it('gives the Referral Rocket Trigger its section, targets and notes, from its own run', () => {
		const markdown = renderMarkdown(results(rateRunsOf, webhook(100, 100), webhook(90, 100)));
		const section = markdown.slice(markdown.indexOf("## 7. Referral Rocket Trigger vs n8n's Webhook node"), markdown.indexOf('## Notes'));
		expect(section).toContain('*Figures from the run that ended 2026-12-01 12:10 UTC (`PAYRAM_BENCH_PHASES=referral-rocket`; see Runs).*');
		expect(section).toContain('An n8n with default settings like that of sections 1 and 2 (the PayRam phase was not part of this run)');
		expect(section).toContain('| **Referral Rocket Trigger** | 200 | **90.0** |');
		expect(section).toContain('**Ratio trigger / Webhook node: 0.90× requests/s** (target ≥ 0.95: **MISSED**)');
		expect(section).toContain('### 7b. The same with `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true`');
		expect(targetRow(markdown, 'Referral Rocket Trigger / Webhook node requests/s, n8n default settings')).toBe(
			'| Referral Rocket Trigger / Webhook node requests/s, n8n default settings | 0.90× | ≥ 0.95× | **MISSED** | 2026-12-01 12:10 UTC |',
		);
		expect(targetRow(markdown, 'Referral Rocket: executions started by forged requests (both n8n)')).toContain('**met**');
		expect(markdown).toMatch(/\*\*Targets missed: .*Referral Rocket Trigger \/ Webhook node requests\/s, n8n default settings \(0\.90×, target ≥ 0\.95×\)/);
		expect(markdown).toContain('- **Referral Rocket webhook-path target missed**: the Referral Rocket Trigger handled 90.0 requests/s');
		// The UpPromote section keeps its run and its n8n.
		expect(markdown).toContain('The same n8n as sections 1 and 2, after them,');
	});

	it('lists each run with the sections it supplies', () => {
		const markdown = renderMarkdown(results(rateRunsOf));
		expect(markdown).toContain('| 2026-12-01 11:00 UTC | every phase | 1, 1b, 2, 3, 4, 4b, 5, 6 | 10.0 | n8n-nodes-payram, n8n-nodes-uppromote | 0 0 0 |');
		expect(markdown).toContain('| 2026-12-01 12:10 UTC | `PAYRAM_BENCH_PHASES=referral-rocket` | 7, 7b | 5.0 | n8n-nodes-payram, n8n-nodes-referral-rocket, n8n-nodes-uppromote | 1 1 1 |');
		expect(markdown).toContain('## 3. Bulk: 1000 items against a 20 ms PayRam\n\n*Figures from the run that ended 2026-12-01 11:00 UTC (every phase; see Runs).*');
	});

	it('prints the Referral Rocket rows on stdout', () => {
		expect(renderStdout(results(rateRunsOf, webhook(100, 100), webhook(90, 100)))).toMatch(/Referral Rocket accepted req\/s\s+90\.0\s+100\.0\s+0\.90× \(≥0\.95\)/);
	});
});
