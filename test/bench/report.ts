// Turns one bench run into BENCHMARKS.md and a plain-text table.
import type { LoadReport } from '../../testing/n8n/load';
import type { PackageCost } from './startup';
import { median } from './startup';
import type { BulkOperation, BulkVariant } from './workflows';
import type { RateLimitFigures } from './rateLimit';
import type { RateOperation, RateVariant } from './uppromote';
import { BENCH_PHASES, type BenchPhase, type BenchRun, type PhaseTagged } from './phases';

export interface RoundResult {
	target: 'trigger' | 'webhook';
	result: LoadReport;
	/** Round start → all of its executions saved as successful (accepted path only). */
	doneMs?: number;
}

export interface BulkResult {
	id: string;
	operation: BulkOperation;
	variant: BulkVariant;
	label: string;
	executionTimeMs?: number;
	cliWallMs: number;
	items: number;
	inOrder: boolean;
	apiCalls: number;
	peakInFlight: number;
	expressionsPerItem: number;
	problem?: string;
}

export interface RateResult {
	id: string;
	operation: RateOperation;
	variant: RateVariant;
	label: string;
	settings: string;
	/** The store's window in real time: scaled, or UpPromote's 60 s. */
	windowMs: number;
	executionTimeMs?: number;
	items: number;
	/** Every affiliate once (Return All), or each input's affiliate in input order (Get Affiliate). */
	outputOk: boolean;
	check: string;
	figures: RateLimitFigures;
	problem?: string;
}

type PerTarget<T> = { trigger: T; webhook: T };

export interface WebhookResults {
	concurrency: number;
	warmup: number;
	acceptRound: number;
	rejectRound: number;
	payloadBytes: number;
	acceptRounds: RoundResult[];
	rejectRounds: RoundResult[];
	accept: PerTarget<LoadReport>;
	reject: PerTarget<LoadReport>;
	accepted: PerTarget<number>;
	executionsAfterAccept: PerTarget<number>;
	successAfterAccept: PerTarget<number>;
	executionsStartedByRejections: PerTarget<number>;
}

export interface BenchResults {
	/** The runs the figures come from, oldest first, and which run measured each phase. */
	runs: BenchRun[];
	phaseRun: Partial<Record<BenchPhase, string>>;
	machine: { cores: number; memoryGiB: number; cpuModel: string; kernel: string };
	versions: { n8n: string; n8nNode: string; benchNode: string; packageName: string; packageVersion: string };
	simLatencyMs: number;
	bulkItems: number;
	/** n8n with default settings. */
	webhook: WebhookResults;
	/** A second n8n that differs only by lazyAcquireSetting=true. */
	webhookLazy: WebhookResults;
	lazyAcquireSetting: string;
	bulk: BulkResult[];
	/** The UpPromote Trigger against the same Webhook node, on the default n8n and on the lazy-isolate one. */
	upWebhook: WebhookResults;
	upWebhookLazy: WebhookResults;
	/** The Referral Rocket Trigger against the same Webhook node, likewise. */
	rrWebhook: WebhookResults;
	rrWebhookLazy: WebhookResults;
	/** UpPromote's node and n8n's HTTP Request node against the simulator's rate limit (a scaled window). */
	rateLimit: { timeScale: number; windowMs: number; limit: number; affiliates: number; getItems: number; runs: RateResult[] };
	/** `packages`: the ones installed in the starts "with the packages". */
	cost: PackageCost & { packages?: string[] };
	/** This package's tarball; `packs` has every package's, all installed in the bench's n8n. */
	pack: { tarball: string; size: number; unpackedSize: number; files: number };
	packs: Array<{ name: string; tarball: string; size: number; unpackedSize: number; files: number }>;
	/** Share of the machine's CPU (all cores) used by the bench (with n8n) and by other processes, per phase. */
	cpu: Array<PhaseTagged & { ownPct: number; otherPct: number }>;
	/** Before each phase the bench waits (bounded) for other processes to leave the machine mostly idle. */
	quietWaits: Array<PhaseTagged & { waitedMs: number; otherPct: number; quiet: boolean }>;
	findings: {
		triggerTypeVersion: number;
		webhookIsolateUnlessWebhookNode: boolean;
		/** The lines of n8n's live-webhooks.js that acquire the isolate and decide when a start node may skip it. */
		isolateGate?: Array<{ line: number; text: string }>;
		lazyAcquireSetting: boolean;
		httpBatchWaitsOnlyWithInterval: boolean;
		webhookNodeDefersOnReceived: boolean;
	};
}

const f1 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(1));
const f2 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(2));
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const met = (ok: boolean) => (ok ? '**met**' : '**MISSED**');
const status = (t: Targets) => (t.reference ? (t.ok ? 'at or above (reference)' : '**below** (reference)') : met(t.ok));

/** Executions saved per second of a round: its accepted requests over round start → all of them saved. */
export function executionsPerSecond(rounds: RoundResult[]): number | undefined {
	if (rounds.some((r) => r.doneMs === undefined)) return undefined;
	const accepted = rounds.reduce((n, r) => n + (r.result.statuses['200'] ?? 0), 0);
	const ms = rounds.reduce((n, r) => n + r.doneMs!, 0);
	return accepted / (ms / 1000);
}
const statuses = (s: Record<string, number>) =>
	Object.entries(s)
		.map(([k, v]) => `${v}× ${k}`)
		.join(', ');
type TargetNames = PerTarget<string>;
const targetName: TargetNames = { trigger: 'PayRam Trigger', webhook: 'Webhook node' };

/** A sister package's trigger measured beside n8n's Webhook node, on both n8n: its section and what sets it apart. */
export interface TriggerComparison {
	phase: Extract<BenchPhase, 'uppromote' | 'referral-rocket'>;
	section: number;
	/** The node's display name, and the service's for short labels. */
	name: string;
	short: string;
	results(r: BenchResults): { onDefault: WebhookResults; onLazy: WebhookResults };
	/** After "two published workflows, each `trigger → No Operation`: the": the trigger, its signature and its body. */
	describe(w: WebhookResults): string[];
	/** How the trigger was set up again on the lazy-isolate n8n. */
	lazySetup: string;
	/** How it differs from the PayRam Trigger at n8n's isolate gate. */
	gateNote: string[];
}

export const TRIGGER_COMPARISONS: TriggerComparison[] = [
	{
		phase: 'uppromote',
		section: 4,
		name: 'UpPromote Trigger',
		short: 'UpPromote',
		results: (r) => ({ onDefault: r.upWebhook, onLazy: r.upWebhookLazy }),
		describe: (w) => [
			'**UpPromote Trigger** (event `referral.new`; publishing it subscribed the event at the UpPromote simulator, which pinged',
			'the URL and answered with the `secret_key` the requests are signed with: `X-UpPromote-Signature`, the hex HMAC-SHA256',
			"of the body) and the Webhook node of section 1 (Header Auth `API-Key`). Same body for both: UpPromote's `referral.new`",
			`body for a tracked order (${w.payloadBytes} bytes), each request with its own referral \`id\` and \`order_id\`; same ${w.concurrency} requests in flight,`,
		],
		lazySetup: 'the simulator was reset before it started, so the trigger subscribed `referral.new` again and got a new secret.',
		gateNote: [
			'- **The UpPromote Trigger meets the same isolate gate as the PayRam Trigger** (quoted above): n8n acquires an expression',
			"  isolate for its webhook phase because it is not n8n's Webhook node. Unlike the PayRam Trigger it reads no credential while",
			"  answering (each event's secret is in the workflow's static data), so it does not pay the credential's isolate the PayRam",
			"  Trigger and the Webhook node's Header Auth pay. Compare the two triggers' ratios in sections 1, 2 and 4.",
		],
	},
	{
		phase: 'referral-rocket',
		section: 7,
		name: 'Referral Rocket Trigger',
		short: 'Referral Rocket',
		results: (r) => ({ onDefault: r.rrWebhook, onLazy: r.rrWebhookLazy }),
		describe: (w) => [
			'**Referral Rocket Trigger** (its three events, Secret Encoding Auto, the default; Referral Rocket has no API to register',
			"webhooks, so publishing registers nothing) and the Webhook node of section 1 (Header Auth `API-Key`). The requests are",
			"signed as Referral Rocket signs: `X-RR-Signature`, the hex HMAC-SHA256 of the raw body keyed with the UTF-8 bytes of the",
			"credential's Webhook Signing Secret (32 hex digits, so Auto computes both readings, UTF-8 and hex-decoded, for every",
			"request, and the trigger reads the credential on every request as the PayRam Trigger does). Same body for both: the",
			`\`reward_unlocked\` envelope Referral Rocket sends when a referrer unlocks a reward (${w.payloadBytes} bytes), each request with its own`,
			`\`participantId\` and \`createdAt\`; same ${w.concurrency} requests in flight,`,
		],
		lazySetup: 'the credential and its secret are the same as on the first.',
		gateNote: [
			'- **The Referral Rocket Trigger meets the same isolate gate as the PayRam Trigger** (quoted above): n8n acquires an',
			"  expression isolate for its webhook phase because it is not n8n's Webhook node. Like the PayRam Trigger, and unlike the",
			"  UpPromote Trigger, it reads its credential (the Webhook Signing Secret) while answering, forged requests included, so it",
			"  pays the credential's isolate too. Compare its ratios with sections 1, 2 and 4 only within one run (see Runs).",
		],
	},
];
const RATE_TARGET = 0.9;

interface Targets {
	name: string;
	figure: string;
	target: string;
	ok: boolean;
	/** Shown for reference against a bar, not a target of the brief. */
	reference?: boolean;
	/** The phase that measured it; none: the newest run (the package tarballs). */
	phase?: BenchPhase;
}

interface WebhookRatios {
	acceptRatio: number;
	e2e: { trigger?: number; webhook?: number; ratio?: number };
	rejectRatio: number;
}

interface RateRuns {
	nodeReturnAll?: RateResult;
	httpReturnAll?: RateResult;
	nodeGet?: RateResult;
	httpGetPaced?: RateResult;
	httpGetUnpaced?: RateResult;
}

interface Derived extends WebhookRatios {
	lazy: WebhookRatios;
	triggers: Record<TriggerComparison['phase'], { onDefault: WebhookRatios; onLazy: WebhookRatios }>;
	rate: RateRuns;
	bulk: Record<BulkOperation, { c10?: BulkResult; http?: BulkResult; c1?: BulkResult; c50?: BulkResult; vsHttp?: number; vsSequential?: number }>;
	startWith: number;
	startWithout: number;
	rssWith: number;
	rssWithout: number;
	targets: Targets[];
}

function webhookRatios(w: WebhookResults): WebhookRatios {
	const acceptRatio = w.accept.trigger.requestsPerSecond / w.accept.webhook.requestsPerSecond;
	const rejectRatio = w.reject.trigger.requestsPerSecond / w.reject.webhook.requestsPerSecond;
	const e2eTrigger = executionsPerSecond(w.acceptRounds.filter((x) => x.target === 'trigger'));
	const e2eWebhook = executionsPerSecond(w.acceptRounds.filter((x) => x.target === 'webhook'));
	const e2e = { trigger: e2eTrigger, webhook: e2eWebhook, ratio: e2eTrigger && e2eWebhook ? e2eTrigger / e2eWebhook : undefined };
	return { acceptRatio, rejectRatio, e2e };
}

function derive(r: BenchResults): Derived {
	const w = r.webhook;
	const { acceptRatio, rejectRatio, e2e } = webhookRatios(w);
	const lazy = webhookRatios(r.webhookLazy);
	const triggers = {} as Derived['triggers'];
	for (const spec of TRIGGER_COMPARISONS) {
		const { onDefault, onLazy } = spec.results(r);
		triggers[spec.phase] = { onDefault: webhookRatios(onDefault), onLazy: webhookRatios(onLazy) };
	}
	const rate = rateRuns(r.rateLimit.runs);
	const bulk = {} as Derived['bulk'];
	for (const op of ['getPayment', 'logEvent'] as const) {
		const of = (pred: (v: BulkVariant) => boolean) => r.bulk.find((b) => b.operation === op && pred(b.variant) && !b.problem);
		const c10 = of((v) => v.kind === 'payram' && v.concurrency === 10);
		const http = of((v) => v.kind === 'http');
		const c1 = of((v) => v.kind === 'payram' && v.concurrency === 1);
		const c50 = of((v) => v.kind === 'payram' && v.concurrency === 50);
		const t = (b?: BulkResult) => b?.executionTimeMs;
		bulk[op] = {
			c10,
			http,
			c1,
			c50,
			vsHttp: t(c10) && t(http) ? t(http)! / t(c10)! : undefined,
			vsSequential: t(c10) && t(c1) ? t(c1)! / t(c10)! : undefined,
		};
	}
	const startWith = median(r.cost.withPackage.map((s) => s.readyMs));
	const startWithout = median(r.cost.withoutPackage.map((s) => s.readyMs));
	const rssWith = median(r.cost.withPackage.map((s) => s.rssKb));
	const rssWithout = median(r.cost.withoutPackage.map((s) => s.rssKb));

	const runs = [w, r.webhookLazy];
	const execOk = runs.every((run) =>
		(['trigger', 'webhook'] as const).every(
			(t) => run.executionsAfterAccept[t] === run.accepted[t] && run.successAfterAccept[t] === run.accepted[t],
		),
	);
	const lazySetting = `\`${r.lazyAcquireSetting}=true\``;
	const opName = { getPayment: 'Get Payment', logEvent: 'Log Event' } as const;
	const ordered = r.bulk.every((b) => !b.problem && b.items === r.bulkItems && b.inOrder);
	const payRamTargets: Targets[] = [
		{ name: 'Webhook path, n8n default settings: trigger / Webhook node requests/s', figure: `${f2(acceptRatio)}×`, target: '≥ 0.95×', ok: acceptRatio >= 0.95 },
		{ name: 'Rejection path, n8n default settings: trigger / Webhook node wrong-key requests/s', figure: `${f2(rejectRatio)}×`, target: '≥ 0.95×', ok: rejectRatio >= 0.95 },
		{ name: `Webhook path, ${lazySetting}: trigger / Webhook node requests/s`, figure: `${f2(lazy.acceptRatio)}×`, target: '≥ 0.95×', ok: lazy.acceptRatio >= 0.95 },
		{ name: `Rejection path, ${lazySetting}: trigger / Webhook node wrong-key requests/s`, figure: `${f2(lazy.rejectRatio)}×`, target: '≥ 0.95×', ok: lazy.rejectRatio >= 0.95 },
		{
			name: 'Executions saved = accepted requests (both workflows, both n8n)',
			figure: runs
				.map((run) => `trigger ${run.executionsAfterAccept.trigger}/${run.accepted.trigger}, webhook ${run.executionsAfterAccept.webhook}/${run.accepted.webhook}`)
				.join('; '),
			target: 'equal, all successful',
			ok: execOk,
		},
		{
			name: 'Executions started by wrong-key requests (both n8n)',
			figure: runs.map((run) => `trigger ${run.executionsStartedByRejections.trigger}, webhook ${run.executionsStartedByRejections.webhook}`).join('; '),
			target: '0',
			ok: runs.every((run) => run.executionsStartedByRejections.trigger === 0 && run.executionsStartedByRejections.webhook === 0),
		},
	];
	const bulkTargets: Targets[] = [
		...(['getPayment', 'logEvent'] as const).flatMap((op) => [
			{
				name: `${opName[op]} × ${r.bulkItems}: PayRam node (10) vs HTTP Request (batch 10)`,
				figure: bulk[op].vsHttp === undefined ? 'not measured' : `${f2(bulk[op].vsHttp)}×`,
				target: '≥ 1.0×',
				ok: (bulk[op].vsHttp ?? 0) >= 1.0,
			},
			{
				name: `${opName[op]} × ${r.bulkItems}: concurrency 10 vs 1`,
				figure: bulk[op].vsSequential === undefined ? 'not measured' : `${f2(bulk[op].vsSequential)}×`,
				target: '≥ 5×',
				ok: (bulk[op].vsSequential ?? 0) >= 5,
			},
		]),
		{ name: `Bulk outputs: ${r.bulkItems} items in input order (every run)`, figure: ordered ? 'yes' : 'no', target: 'yes', ok: ordered },
	];
	const phase = (p: BenchPhase) => (t: Targets): Targets => ({ ...t, phase: p });
	const targets: Targets[] = [
		...payRamTargets.map(phase('payram')),
		...bulkTargets.map(phase('bulk')),
		...triggerTargets(r, TRIGGER_COMPARISONS[0], triggers.uppromote).map(phase('uppromote')),
		...rateTargets(r, rate).map(phase('rate-limit')),
		...TRIGGER_COMPARISONS.slice(1).flatMap((spec) => triggerTargets(r, spec, triggers[spec.phase]).map(phase(spec.phase))),
		...r.packs.map((p) => ({ name: `npm pack tarball, ${p.name}`, figure: kB(p.size), target: '< 100 kB', ok: p.size < 100_000 })),
	];
	return { acceptRatio, e2e, rejectRatio, lazy, triggers, rate, bulk, startWith, startWithout, rssWith, rssWithout, targets };
}

export function rateRuns(runs: RateResult[]): RateRuns {
	const of = (operation: RateOperation, kind: RateVariant['kind'], pacing?: 'none' | 'window') =>
		runs.find((run) => run.operation === operation && run.variant.kind === kind && (pacing === undefined || (run.variant.kind === 'http' && run.variant.pacing === pacing)));
	return {
		nodeReturnAll: of('returnAll', 'node'),
		httpReturnAll: of('returnAll', 'http'),
		nodeGet: of('getAffiliate', 'node'),
		httpGetPaced: of('getAffiliate', 'http', 'window'),
		httpGetUnpaced: of('getAffiliate', 'http', 'none'),
	};
}

/** A run's rate against the limit, or why there is none. */
function rateFigure(run?: RateResult): string {
	if (!run) return 'not measured';
	if (run.problem) return 'no rate (the run failed)';
	return run.figures.ratio === undefined ? 'no rate (fewer than 2 calls succeeded)' : `${f2(run.figures.ratio)}×`;
}

/** A run that did its whole job: no failed call, no node error, the output checked. */
export function rateRunClean(run?: RateResult): boolean {
	return !!run && !run.problem && run.figures.failed === 0 && run.outputOk;
}

function rateOutcome(run?: RateResult): string {
	if (!run) return 'not measured';
	const f = run.figures;
	return `${f.failed} failed, ${f.throttled}× 429 waited out; ${run.check}${run.problem ? `; ${run.problem.replace(/\|/g, '/').slice(0, 120)}` : ''}`;
}

/** A trigger's rows of the targets table: its ratios to the Webhook node on both n8n, and what its requests started. */
function triggerTargets(r: BenchResults, spec: TriggerComparison, ratios: Derived['triggers'][TriggerComparison['phase']]): Targets[] {
	const lazySetting = `\`${r.lazyAcquireSetting}=true\``;
	const { onDefault, onLazy } = spec.results(r);
	const runs = [onDefault, onLazy];
	const ratio = (name: string, value: number): Targets => ({ name: `${spec.name} / Webhook node ${name}`, figure: `${f2(value)}×`, target: '≥ 0.95×', ok: value >= 0.95 });
	return [
		ratio('requests/s, n8n default settings', ratios.onDefault.acceptRatio),
		ratio('forged requests/s, n8n default settings', ratios.onDefault.rejectRatio),
		ratio(`requests/s, ${lazySetting}`, ratios.onLazy.acceptRatio),
		ratio(`forged requests/s, ${lazySetting}`, ratios.onLazy.rejectRatio),
		{
			name: `${spec.short}: executions saved = accepted requests (both workflows, both n8n)`,
			figure: runs.map((run) => `trigger ${run.executionsAfterAccept.trigger}/${run.accepted.trigger}, webhook ${run.executionsAfterAccept.webhook}/${run.accepted.webhook}`).join('; '),
			target: 'equal, all successful',
			ok: runs.every((run) => (['trigger', 'webhook'] as const).every((t) => run.executionsAfterAccept[t] === run.accepted[t] && run.successAfterAccept[t] === run.accepted[t])),
		},
		{
			name: `${spec.short}: executions started by forged requests (both n8n)`,
			figure: runs.map((run) => `trigger ${run.executionsStartedByRejections.trigger}, webhook ${run.executionsStartedByRejections.webhook}`).join('; '),
			target: '0',
			ok: runs.every((run) => run.executionsStartedByRejections.trigger === 0 && run.executionsStartedByRejections.webhook === 0),
		},
	];
}

/** The UpPromote node's rows against its rate limit; the HTTP Request node's are for reference. */
export function rateTargets(r: BenchResults, rate: RateRuns): Targets[] {
	const rl = r.rateLimit;
	const rateRows = (title: string, node: RateResult | undefined, http: Array<RateResult | undefined>): Targets[] => [
		{ name: `${title}: UpPromote node, calls per window / ${rl.limit}`, figure: rateFigure(node), target: `≥ ${RATE_TARGET}×`, ok: (node?.figures.ratio ?? 0) >= RATE_TARGET },
		{ name: `${title}: UpPromote node, failures and output`, figure: rateOutcome(node), target: '0 failed, all returned once', ok: rateRunClean(node) },
		...http.filter((run): run is RateResult => !!run).map((run) => ({
			name: `${title}: ${run.label}, calls per window / ${rl.limit}; failures`,
			figure: `${rateFigure(run)}; ${rateRunClean(run) ? 'no failure' : run.problem || run.figures.failed > 0 ? `${run.figures.failed + (run.problem ? run.figures.throttled : 0)} calls failed${run.problem ? ', node error' : ''}` : `no error, but ${run.check}`}`,
			target: `≥ ${RATE_TARGET}×, 0 failed`,
			ok: (run.figures.ratio ?? 0) >= RATE_TARGET && rateRunClean(run),
			reference: true,
		})),
	];
	return [
		...rateRows(`Return All over ${rl.affiliates} affiliates`, rate.nodeReturnAll, [rate.httpReturnAll]),
		...rateRows(`Get Affiliate × ${rl.getItems}`, rate.nodeGet, [rate.httpGetPaced, rate.httpGetUnpaced]),
	];
}

function roundRows(rounds: RoundResult[], withDone: boolean, names: TargetNames = targetName): string[] {
	return rounds.map((round, i) => {
		const r = round.result;
		const cells = [
			`${i + 1}`,
			names[round.target],
			`${r.started}`,
			f1(r.requestsPerSecond),
			f1(r.latencyMs.p50),
			f1(r.latencyMs.p99),
			statuses(r.statuses),
		];
		if (withDone) {
			cells.push(round.doneMs === undefined ? 'timed out' : `${f2(round.doneMs / 1000)} s`);
			cells.push(f1(executionsPerSecond([round])));
		}
		return `| ${cells.join(' | ')} |`;
	});
}

/** Both targets' rounds together, one row each. */
function combinedTable(per: PerTarget<LoadReport>, names: TargetNames = targetName): string[] {
	return ['| target | requests | req/s | p50 ms | p99 ms | answers |', '|---|---|---|---|---|---|', ...combinedRows(per, names)];
}

function combinedRows(per: PerTarget<LoadReport>, names: TargetNames): string[] {
	return (['trigger', 'webhook'] as const).map((t) => {
		const r = per[t];
		return `| **${names[t]}** | ${r.started} | **${f1(r.requestsPerSecond)}** | ${f1(r.latencyMs.p50)} | ${f1(r.latencyMs.p99)} | ${statuses(r.statuses)} |`;
	});
}

const when = (date: string) => `${date.slice(0, 10)} ${date.slice(11, 16)} UTC`;

function newestRun(r: BenchResults): BenchRun {
	return r.runs[r.runs.length - 1];
}

/** How a run was started: every phase, or the ones PAYRAM_BENCH_PHASES named. */
export function howStarted(run: BenchRun): string {
	return run.selected ? `\`PAYRAM_BENCH_PHASES=${run.selected}\`` : 'every phase';
}

/** The runs that capped their waits for a quiet machine (PAYRAM_BENCH_QUIET_MAX_MIN). */
function capped(r: BenchResults): string {
	const runs = r.runs.filter((run) => run.quietCapMin !== undefined);
	return runs.map((run) => `; the run that ended ${when(run.date)} capped each wait at ${run.quietCapMin} min with \`PAYRAM_BENCH_QUIET_MAX_MIN\``).join('');
}

/** The line under a section's heading: which run its figures come from. */
function runLine(r: BenchResults, phase: BenchPhase): string[] {
	const run = r.runs.find((x) => x.date === r.phaseRun[phase]);
	return run ? [`*Figures from the run that ended ${when(run.date)} (${howStarted(run)}; see Runs).*`] : ['*Not measured.*'];
}

/** Where each phase's figures are in BENCHMARKS.md. */
const PHASE_SECTIONS: Record<BenchPhase, string> = {
	payram: '1, 1b, 2',
	uppromote: '4, 4b',
	'referral-rocket': '7, 7b',
	bulk: '3',
	'rate-limit': '5',
	'package-cost': '6',
};

export function renderMarkdown(r: BenchResults): string {
	const d = derive(r);
	const w = r.webhook;
	const m = r.machine;
	const floor = (c: number) => (r.bulkItems * r.simLatencyMs) / c / 1000;
	const out: string[] = [];
	const missed = d.targets.filter((t) => !t.ok && !t.reference);

	out.push(
		'# Benchmarks',
		'',
		`Figures of \`npm run bench\` (test/bench/bench.ts) from ${r.runs.length === 1 ? 'one run' : `${r.runs.length} runs`}: each section says which (see Runs below), and a`,
		"trigger and the Webhook node it is compared with are always measured in the same run, on the same n8n.",
		`Everything runs on this one machine over loopback: a real n8n ${r.versions.n8n} (SQLite, default settings but one in 1b, 4b and 7b, the`,
		"repository's packages installed from their `npm pack` tarballs the way n8n installs community packages), the",
		'simulators and the load generator (the bench process itself). These are one run\'s figures, not averages over many',
		'runs: expect a few percent of noise between runs on an idle machine, much more when other work shares it (see the CPU',
		'table below), so compare figures of different runs with care.',
		'',
		'## Runs',
		'',
		'`PAYRAM_BENCH_PHASES` runs only the phases it names (default: all); their figures replace those phases\' in',
		'test/bench/results.json and BENCHMARKS.md is rendered from that file.',
		'',
		'| run ended | phases (`PAYRAM_BENCH_PHASES`) | sections | minutes | packages installed in n8n | load average at start (1/5/15 min) |',
		'|---|---|---|---|---|---|',
		...r.runs.map((run) => {
			const phases = BENCH_PHASES.filter((phase) => r.phaseRun[phase] === run.date);
			const sections = phases.flatMap((phase) => PHASE_SECTIONS[phase].split(', ')).sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
			return `| ${when(run.date)} | ${howStarted(run)} | ${sections.join(', ')} | ${(run.runtimeMs / 60000).toFixed(1)} | ${run.packages.join(', ')} | ${run.loadAtStart} |`;
		}),
		'',
		'What bounds each figure:',
		'',
		`- **Webhook path**: n8n's own webhook handling on ${m.cores} cores: Express, loading the published workflow, starting an`,
		'  execution and saving it to SQLite. n8n, the load generator and the simulator share the cores; nothing in the',
		'  measured workflows calls out. The ratios show what each node, and what n8n does for each node type, costs per',
		'  request (see the notes).',
		"- **Rejection path**: n8n's webhook routing plus the node's own key check; no execution is started or saved.",
		`- **Bulk**: the simulator's ${r.simLatencyMs} ms per PayRam call (a realistic PayRam round trip): ${r.bulkItems} calls can`,
		`  take no less than ${r.bulkItems} × ${r.simLatencyMs} ms / concurrency (${f1(floor(10))} s at 10, ${f1(floor(1))} s at 1). The figure is`,
		"  the node's own `executionTime` from n8n's run data (the run went through `n8n execute`; its process start is not in it).",
		'- **UpPromote Trigger** (section 4): the same webhook handling as the PayRam Trigger\'s, with a signature checked against',
		'  the secret UpPromote gave the trigger when it subscribed.',
		'- **Referral Rocket Trigger** (section 7): the same again, with `X-RR-Signature` checked against the Webhook Signing Secret',
		"  of the trigger's credential.",
		`- **Rate limit** (section 5): UpPromote's ${r.rateLimit.limit} calls per store per window. For Get Affiliate the UpPromote simulator's window is`,
		`  scaled to ${f1(r.rateLimit.windowMs / 1000)} s (time scale ${r.rateLimit.timeScale}); the figure is calls per window against ${r.rateLimit.limit}, which does not depend on the scale as long`,
		"  as a window's calls take less than the window (section 5 says why, with the measured loss per window). Return All runs at",
		"  UpPromote's real 60 s window.",
		"- **Package cost**: n8n's own start-up dominates; the packages' share is the difference between the two columns,",
		'  which is within the run-to-run noise of a start when it is small.',
		'',
	);
	if (missed.length) {
		out.push(`**Targets missed: ${missed.map((t) => `${t.name} (${t.figure}, target ${t.target})`).join('; ')}.** See the notes below.`, '');
	} else {
		out.push('**All targets met.**', '');
	}

	out.push(
		'## Machine and versions',
		'',
		'| | |',
		'|---|---|',
		`| CPU | ${m.cpuModel} (/proc/cpuinfo) |`,
		`| Cores | ${m.cores} |`,
		`| Memory | ${m.memoryGiB.toFixed(1)} GiB |`,
		`| Kernel | ${m.kernel} |`,
		`| n8n | ${r.versions.n8n} on Node ${r.versions.n8nNode.replace(/^v/, '')} |`,
		`| Bench / simulator Node | ${r.versions.benchNode.replace(/^v/, '')} |`,
		`| Packages (newest run) | ${r.packs.map((p) => `${p.name} ${p.tarball.match(/-(\d+\.\d+\.\d+[^/]*)\.tgz$/)?.[1] ?? ''}`).join(', ')} |`,
		'',
		'CPU use during each run, as a share of the whole machine (all cores): the bench with its n8n processes and the',
		'simulators, and everything else running on the machine at the time. Before each phase the bench waits (at most 15',
		`min before the first, 5 before the others${capped(r)}) until other`,
		'processes use under 10% of the machine over 5 s. Figures are only comparable between runs when the last column is near 0:',
		'',
		'| run ended | phase | waited for a quiet machine first | bench + n8n | other processes |',
		'|---|---|---|---|---|',
		...r.cpu.map((c) => {
			const q = r.quietWaits.find((x) => x.phase === c.phase && x.run === c.run);
			const waited = q ? `${f1(q.waitedMs / 60000)} min${q.quiet ? '' : ` (gave up at ${q.otherPct.toFixed(0)}% other)`}` : '';
			return `| ${when(c.run)} | ${c.phase} | ${waited} | ${c.ownPct.toFixed(0)}% | ${c.otherPct.toFixed(0)}% |`;
		}),
		'',
		'## Targets',
		'',
		'| | figure | target | | run ended |',
		'|---|---|---|---|---|',
		...d.targets.map((t) => `| ${t.name} | ${t.figure} | ${t.target} | ${status(t)} | ${when(t.phase ? r.phaseRun[t.phase]! : newestRun(r).date)} |`),
		'',
	);

	out.push(
		'## 1. Webhook path: PayRam Trigger vs n8n\'s Webhook node',
		'',
		...runLine(r, 'payram'),
		'',
		'Two published workflows, each `trigger → No Operation`: the **PayRam Trigger** (signed POST: `X-Payram-Signature:',
		'sha256=<HMAC of the body>` and `API-Key`) and n8n\'s **Webhook** node (POST, Header Auth credential `API-Key`,',
		`respond on receipt). Same body for both: a current-PayRam FILLED payment event (${w.payloadBytes} bytes), each request`,
		'with its own `reference_id`, so every request starts an execution. A keep-alive `node:http` agent with',
		`${w.concurrency} sockets keeps ${w.concurrency} requests in flight. ${w.warmup} warm-up requests each (not counted), then rounds of`,
		`${w.acceptRound} in the order trigger, webhook, webhook, trigger, so a slow drift (the database growing) falls on both alike. After`,
		'each round the bench waits until all of its executions are saved before the next starts, so no backlog spills over.',
		'',
		'| round | target | requests | req/s | p50 ms | p99 ms | answers | round start → all its executions saved | executions saved/s |',
		'|---|---|---|---|---|---|---|---|---|',
		...roundRows(w.acceptRounds, true),
		'',
		'Both rounds together:',
		'',
		...combinedTable(w.accept),
		'',
		`**Ratio trigger / Webhook node: ${f2(d.acceptRatio)}× requests/s** (target ≥ 0.95: ${met(d.acceptRatio >= 0.95)}); p50 latency`,
		`${f1(w.accept.trigger.latencyMs.p50)} vs ${f1(w.accept.webhook.latencyMs.p50)} ms, p99 ${f1(w.accept.trigger.latencyMs.p99)} vs ${f1(w.accept.webhook.latencyMs.p99)} ms.`,
		'',
		`**End to end** (each round's accepted requests over the time until all of their executions were saved, polled every`,
		`250 ms): trigger ${f1(d.e2e.trigger)}, Webhook node ${f1(d.e2e.webhook)} executions saved/s, **${f2(d.e2e.ratio)}×**. ` +
			(r.findings.webhookNodeDefersOnReceived
				? `n8n ${r.versions.n8n} answers both only once \`WorkflowRunner.run\` has created the execution in the database (the trigger`
				: 'Both answer on receipt (the trigger'),
		"hands n8n its acknowledgement as `webhookResponse`), so requests/s and executions saved/s measure the same work.",
		'',
		'Executions, counted afterwards through n8n\'s public executions API (warm-up included):',
		'',
		'| workflow | requests answered 200 | executions | of which successful |',
		'|---|---|---|---|',
		...(['trigger', 'webhook'] as const).map(
			(t) => `| ${targetName[t]} → NoOp | ${w.accepted[t]} | ${w.executionsAfterAccept[t]} | ${w.successAfterAccept[t]} |`,
		),
		'',
	);

	const lw = r.webhookLazy;
	out.push(
		`### 1b. The same paths with \`${r.lazyAcquireSetting}=true\``,
		'',
		`A second n8n ${r.versions.n8n}, started once the first had stopped, with a fresh database, the same two workflows and one`,
		`setting changed: \`${r.lazyAcquireSetting}=true\`, with which n8n creates an expression isolate only when an expression`,
		"needs one (see the notes for why this matters to every start node but n8n's own Webhook node). Same rounds as above.",
		'',
		'| round | target | requests | req/s | p50 ms | p99 ms | answers | round start → all its executions saved | executions saved/s |',
		'|---|---|---|---|---|---|---|---|---|',
		...roundRows(lw.acceptRounds, true),
		'',
		...combinedTable(lw.accept),
		'',
		`**Ratio trigger / Webhook node: ${f2(d.lazy.acceptRatio)}× requests/s** (target ≥ 0.95: ${met(d.lazy.acceptRatio >= 0.95)}); end to end ${f2(d.lazy.e2e.ratio)}×.`,
		`Wrong key: trigger ${f1(lw.reject.trigger.requestsPerSecond)}, Webhook node ${f1(lw.reject.webhook.requestsPerSecond)} requests/s (**${f2(d.lazy.rejectRatio)}×**, target ≥ 0.95: ${met(d.lazy.rejectRatio >= 0.95)}); executions`,
		`started by them: trigger ${lw.executionsStartedByRejections.trigger}, Webhook node ${lw.executionsStartedByRejections.webhook}. Executions: trigger ${lw.executionsAfterAccept.trigger} for`,
		`${lw.accepted.trigger} accepted, Webhook node ${lw.executionsAfterAccept.webhook} for ${lw.accepted.webhook}.`,
		'',
	);

	out.push(
		'## 2. Rejection path: wrong API key',
		'',
		...runLine(r, 'payram'),
		'',
		`Same bodies and concurrency, a wrong \`API-Key\` (and, for the trigger, a signature made with that wrong key). ${w.warmup}`,
		`warm-up requests each, then rounds of ${w.rejectRound} in the same order. The trigger answers 401 itself; the Webhook`,
		"node's Header Auth answers 403.",
		'',
		'| round | target | requests | req/s | p50 ms | p99 ms | answers |',
		'|---|---|---|---|---|---|---|',
		...roundRows(w.rejectRounds, false),
		'',
		...combinedTable(w.reject),
		'',
		`**Ratio trigger / Webhook node: ${f2(d.rejectRatio)}× requests/s** (target ≥ 0.95: ${met(d.rejectRatio >= 0.95)}). Executions started by the wrong-key requests`,
		`(counted 3 s after the last one): trigger ${w.executionsStartedByRejections.trigger}, Webhook node ${w.executionsStartedByRejections.webhook}.`,
		'',
	);

	const opName = { getPayment: 'Get Payment', logEvent: 'Log Event' } as const;
	out.push(
		`## 3. Bulk: ${r.bulkItems} items against a ${r.simLatencyMs} ms PayRam`,
		'',
		...runLine(r, 'bulk'),
		'',
		'`Manual Trigger → Set (raw JSON, one array of ' + r.bulkItems + ' entries) → Split Out → measured node`, run once each with',
		'`n8n execute` against the same n8n database. Get Payment reads the ' + r.bulkItems + ' payments created beforehand through the',
		'simulator\'s API; Log Event logs ' + r.bulkItems + ' `purchase` events, each with its own amount, for one registered referrer.',
		'The HTTP Request node (typeVersion 4.2) makes the same GET / POST with the `API-Key` header from a Header Auth',
		'credential and `options.batching.batch = { batchSize: 10, batchInterval: 0 }`. "≈ in flight" is the most PayRam calls',
		`that arrived within any ${r.simLatencyMs} ms window (the simulator's latency), i.e. about how many calls the node had open at once.`,
		`"Floor" is ${r.bulkItems} × ${r.simLatencyMs} ms / concurrency.`,
		'',
		'| operation | measured node | node executionTime | items/s | floor | ≈ in flight | PayRam calls | expressions / item | output |',
		'|---|---|---|---|---|---|---|---|---|',
		...r.bulk.map((b) => {
			const conc = b.variant.kind === 'payram' ? b.variant.concurrency : undefined;
			const time = b.executionTimeMs;
			const output = b.problem ? `problem: ${b.problem.replace(/\|/g, '/').slice(0, 160)}` : `${b.items} items${b.inOrder ? ', input order' : ', NOT input order'}`;
			return `| ${opName[b.operation]} | ${b.label} | ${time === undefined ? '–' : `${f2(time / 1000)} s`} | ${time ? f1(b.items / (time / 1000)) : '–'} | ${conc ? `${f2(floor(conc))} s` : '–'} | ${b.peakInFlight} | ${b.apiCalls} | ${b.expressionsPerItem} | ${output} |`;
		}),
		'',
		...(['getPayment', 'logEvent'] as const).flatMap((op) => {
			const b = d.bulk[op];
			return [
				`- **${opName[op]}**: PayRam node (concurrency 10) vs HTTP Request (batch 10): **${f2(b.vsHttp)}×** as fast (HTTP Request time /`,
				`  PayRam time; target ≥ 1.0: ${met((b.vsHttp ?? 0) >= 1)}). Concurrency 10 vs 1: **${f2(b.vsSequential)}×** (target ≥ 5: ${met((b.vsSequential ?? 0) >= 5)}).`,
			];
		}),
		'',
	);

	out.push(...triggerSection(r, d, TRIGGER_COMPARISONS[0]), ...rateLimitSection(r, d));

	const cost = r.cost;
	const starts = (s: typeof cost.withPackage) => s.map((x) => f2(x.readyMs / 1000)).join(', ');
	const rss = (s: typeof cost.withPackage) => s.map((x) => (x.rssKb / 1024).toFixed(0)).join(', ');
	out.push(
		'## 6. Package cost',
		'',
		...runLine(r, 'package-cost'),
		'',
		`n8n ${r.versions.n8n} started ${cost.withPackage.length} times with the packages (${(cost.packages ?? r.packs.map((p) => p.name)).join(', ')}) unpacked in \`~/.n8n/nodes/node_modules\` and ${cost.withoutPackage.length} times`,
		'without them (separate user folders; one uncounted first start each creates the database; with and without alternate).',
		'Start-to-ready: process spawn until `/healthz/readiness` and `/rest/settings` both answer 200 (polled every 100 ms).',
		`RSS: \`VmRSS\` of the n8n process from \`/proc/<pid>/status\` after ${cost.idleMs / 1000} s idle once ready.`,
		'',
		'| | with the packages | without | difference |',
		'|---|---|---|---|',
		`| start-to-ready, median | ${f2(d.startWith / 1000)} s | ${f2(d.startWithout / 1000)} s | ${d.startWith - d.startWithout >= 0 ? '+' : ''}${f2((d.startWith - d.startWithout) / 1000)} s |`,
		`| start-to-ready, each start | ${starts(cost.withPackage)} s | ${starts(cost.withoutPackage)} s | |`,
		`| RSS, median | ${(d.rssWith / 1024).toFixed(0)} MiB | ${(d.rssWithout / 1024).toFixed(0)} MiB | ${d.rssWith - d.rssWithout >= 0 ? '+' : ''}${((d.rssWith - d.rssWithout) / 1024).toFixed(1)} MiB |`,
		`| RSS, each start | ${rss(cost.withPackage)} MiB | ${rss(cost.withoutPackage)} MiB | |`,
		'',
		`Tarballs, packed by the newest run (${when(newestRun(r).date)}):`,
		'',
		...r.packs.map((p) => `- \`npm pack\` of ${p.name}: **${kB(p.size)}** tarball (target < 100 kB: ${met(p.size < 100_000)}), ${kB(p.unpackedSize)} unpacked, ${p.files} files.`),
		'',
	);

	out.push(...TRIGGER_COMPARISONS.slice(1).flatMap((spec) => triggerSection(r, d, spec)));
	out.push('## Notes', '', ...notes(r, d), '');
	return out.join('\n');
}

/** A trigger's section (4: UpPromote, 7: Referral Rocket) against the same Webhook node, default n8n and lazy isolates. */
function triggerSection(r: BenchResults, d: Derived, spec: TriggerComparison): string[] {
	const { onDefault: w, onLazy: lw } = spec.results(r);
	const { onDefault: ratios, onLazy: lazy } = d.triggers[spec.phase];
	const names: TargetNames = { trigger: spec.name, webhook: 'Webhook node' };
	const executions = (run: WebhookResults) =>
		(['trigger', 'webhook'] as const).map((t) => `| ${names[t]} → NoOp | ${run.accepted[t]} | ${run.executionsAfterAccept[t]} | ${run.successAfterAccept[t]} |`);
	// Sections 1 and 2 ran on the same n8n only when the same run measured them.
	const sameN8n = r.phaseRun.payram === r.phaseRun[spec.phase];
	return [
		`## ${spec.section}. ${spec.name} vs n8n's Webhook node`,
		'',
		...runLine(r, spec.phase),
		'',
		`${sameN8n ? 'The same n8n as sections 1 and 2, after them,' : 'An n8n with default settings like that of sections 1 and 2 (the PayRam phase was not part of this run),'} and two published workflows, each \`trigger → No Operation\`: the`,
		...spec.describe(w),
		`${w.warmup} warm-up requests each, then rounds of ${w.acceptRound} in the order trigger, webhook, webhook, trigger, each round drained as in section 1.`,
		`Forged requests (rounds of ${w.rejectRound}, same order): the trigger gets the same bodies signed with another secret and answers 401`,
		"itself; the Webhook node gets a wrong `API-Key` and its Header Auth answers 403. (n8n's Webhook node cannot check an",
		'HMAC signature itself; a header compared with a stored value is the closest it comes.)',
		'',
		'| round | target | requests | req/s | p50 ms | p99 ms | answers | round start → all its executions saved | executions saved/s |',
		'|---|---|---|---|---|---|---|---|---|',
		...roundRows(w.acceptRounds, true, names),
		'',
		...combinedTable(w.accept, names),
		'',
		`**Ratio trigger / Webhook node: ${f2(ratios.acceptRatio)}× requests/s** (target ≥ 0.95: ${met(ratios.acceptRatio >= 0.95)}); end to end ${f2(ratios.e2e.ratio)}× (${f1(ratios.e2e.trigger)} vs ${f1(ratios.e2e.webhook)}`,
		`executions saved/s); p50 latency ${f1(w.accept.trigger.latencyMs.p50)} vs ${f1(w.accept.webhook.latencyMs.p50)} ms, p99 ${f1(w.accept.trigger.latencyMs.p99)} vs ${f1(w.accept.webhook.latencyMs.p99)} ms.`,
		'',
		'Forged requests:',
		'',
		'| round | target | requests | req/s | p50 ms | p99 ms | answers |',
		'|---|---|---|---|---|---|---|',
		...roundRows(w.rejectRounds, false, names),
		'',
		...combinedTable(w.reject, names),
		'',
		`**Ratio trigger / Webhook node: ${f2(ratios.rejectRatio)}× forged requests/s** (target ≥ 0.95: ${met(ratios.rejectRatio >= 0.95)}). Executions started by them (counted 3 s`,
		`after the last): trigger ${w.executionsStartedByRejections.trigger}, Webhook node ${w.executionsStartedByRejections.webhook}.`,
		'',
		"Executions, counted afterwards through n8n's public executions API (warm-up included):",
		'',
		'| workflow | requests answered 200 | executions | of which successful |',
		'|---|---|---|---|',
		...executions(w),
		'',
		`### ${spec.section}b. The same with \`${r.lazyAcquireSetting}=true\``,
		'',
		`On the second n8n (${sameN8n ? 'the one of section 1b, after its PayRam rounds' : `started with \`${r.lazyAcquireSetting}=true\` and a fresh database, as in section 1b`}); ${spec.lazySetup}`,
		'',
		...combinedTable(lw.accept, names),
		'',
		...combinedTable(lw.reject, names).slice(2).map((row) => row.replace(/^\| \*\*(.+?)\*\* \|/, '| **$1, forged** |')),
		'',
		`**Ratio trigger / Webhook node: ${f2(lazy.acceptRatio)}× requests/s** (target ≥ 0.95: ${met(lazy.acceptRatio >= 0.95)}), end to end ${f2(lazy.e2e.ratio)}×; forged`,
		`**${f2(lazy.rejectRatio)}×** (target ≥ 0.95: ${met(lazy.rejectRatio >= 0.95)}). Executions: trigger ${lw.executionsAfterAccept.trigger} for ${lw.accepted.trigger} accepted, Webhook node`,
		`${lw.executionsAfterAccept.webhook} for ${lw.accepted.webhook}; started by forged requests: trigger ${lw.executionsStartedByRejections.trigger}, Webhook node ${lw.executionsStartedByRejections.webhook}.`,
		'',
	];
}

/** Section 5: the UpPromote node and the HTTP Request node against UpPromote's rate limit. */
function rateLimitSection(r: BenchResults, d: Derived): string[] {
	const rl = r.rateLimit;
	const windowS = rl.windowMs / 1000;
	const opName = (run: RateResult) => (run.operation === 'returnAll' ? 'Return All' : `Get Affiliate × ${rl.getItems}`);
	const node = d.rate.nodeGet;
	const loss = node?.figures.boundaryLossMs;
	const lines = [
		'## 5. UpPromote node against the rate limit',
		'',
		...runLine(r, 'rate-limit'),
		'',
		`UpPromote allows ${rl.limit} calls per store per 60-second window (fixed windows, each opened by the first call after the last one`,
		'ended; every call counts, refused ones too; call 121 gets `429` with `Retry-After`). Two UpPromote simulators enforce exactly',
		`that, each with a store of **${rl.affiliates} affiliates** (its own 3 and ${rl.affiliates - 3} more): the Get Affiliate runs call one whose time scale is`,
		`**${rl.timeScale}: a window lasts ${f1(windowS)} s** (\`Retry-After\` says the real time left), so ${rl.getItems} calls take seconds instead of minutes; Return All`,
		"calls one with UpPromote's real 60 s window, because its calls fit into one window (see below). Each run is one `n8n execute`",
		"of a saved workflow on the bench's n8n. Each Get Affiliate run starts on a fresh window (the bench waits one scaled window",
		"first). The two Return All runs follow each other within one real 60 s window (waiting out a real minute between them",
		`would lengthen the phase): the HTTP Request node's run starts seconds after the UpPromote node's, in a window where that run`,
		`spent ${d.rate.nodeReturnAll?.figures.calls ?? '–'} of the ${rl.limit} calls, as a second workflow on the same store would. The figures come from the simulator's`,
		"record of each run's API calls (arrival time and answer):",
		'',
		`- **Return All**: \`Manual Trigger → measured node\`, every affiliate of the store; checked: each of the ${rl.affiliates} returned once.`,
		`- **Get Affiliate × ${rl.getItems}**: \`Manual Trigger → Set → Split Out → measured node\`, the ${rl.getItems} affiliates with the lowest IDs, one`,
		'  per item; checked: one affiliate per item, in input order.',
		`- **calls per window** = (successful calls − 1) / (first → last successful call) × the window. A run that fills every window with ${rl.limit}`,
		`  and starts the next one the moment it opens scores exactly ${rl.limit}; a run that ends partway into its last window can score a little`,
		`  more. **Ratio** = calls per window / ${rl.limit} (target ≥ ${RATE_TARGET}, with 0 failed calls and the whole output checked).`,
		'',
		'| run | measured node | settings | window | calls | 2xx | 429 (waited out, or failed the run) | other failures | first → last call | windows (fewest possible) | busiest window | calls per window | ratio | node executionTime | output |',
		'|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
		...rl.runs.map((run) => {
			const f = run.figures;
			const output = run.problem ? `problem: ${run.problem.replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, 160)}` : run.check;
			return `| ${opName(run)} | ${run.label} | ${run.settings} | ${f1(run.windowMs / 1000)} s | ${f.calls} | ${f.succeeded} | ${f.throttled} | ${f.failed} | ${f2(f.spanMs / 1000)} s | ${f.windows} (${f.fewestWindows}) | ${f2(f.busiestWindowMs / 1000)} s | ${run.problem ? '–' : f1(f.perWindow)} | **${run.problem ? 'failed' : f2(f.ratio)}** | ${run.executionTimeMs === undefined ? '–' : `${f2(run.executionTimeMs / 1000)} s`} | ${output} |`;
		}),
		'',
	];
	const all = d.rate.nodeReturnAll;
	if (all) {
		lines.push(
			`- **Return All** made ${all.figures.calls} calls (pages of 100 until a short one) for ${rl.affiliates} affiliates in ${f2(all.figures.spanMs / 1000)} s: ${all.figures.limitBinds ? `more than one window holds, so the limit bound it: ${f2(all.figures.ratio)}× of ${rl.limit} calls per window.` : `no more than one window holds, so the limit cannot bind it (${all.figures.throttled} × 429). Its ratio (${f2(all.figures.ratio)}×) says how fast the node paged against UpPromote's real 60 s window; against a scaled window it would shrink with the scale (a ${f1(windowS)} s window would count the same calls over ${f1(all.figures.spanMs / rl.windowMs)} windows), which is why this run does not use one.`}`,
		);
	}
	if (node) {
		lines.push(
			`- **Get Affiliate × ${rl.getItems}** with the UpPromote node: ${node.figures.succeeded} successful calls in ${node.figures.windows} windows (the fewest the limit allows: ${node.figures.fewestWindows}),`,
			`  **${f2(node.figures.ratio)}×** of ${rl.limit} calls per window, ${node.figures.throttled} × 429 each waited out by its \`Retry-After\`, ${node.figures.failed} failed (target ≥ ${RATE_TARGET}, 0 failed: ${met((node.figures.ratio ?? 0) >= RATE_TARGET && rateRunClean(node))}).`,
			`- **Why the ratio does not depend on the time scale.** The node makes a window's ${rl.limit} calls as fast as n8n lets it (the busiest window`,
			`  took ${f2(node.figures.busiestWindowMs / 1000)} s of its ${f1(windowS)} s), gets a 429 and sleeps exactly the \`Retry-After\` the simulator sends, the real time left in the window.`,
			`  So each window carries ${rl.limit} calls at any scale, and what a window loses is the time from its end to the next call: ${loss === undefined ? '–' : `${f1(loss)} ms`} on`,
			`  average here (the 429's round trip and n8n's timer), whatever the window's length. Out of a 60 s window that is a smaller share than out of`,
			`  ${f1(windowS)} s, so at UpPromote's real scale the ratio can only be as high or higher. The scale matters only while a window's calls take longer than`,
			'  the window itself; then the node, not the limit, sets the pace (the busiest-window column shows it did not here).',
		);
	}
	const paced = d.rate.httpGetPaced;
	const unpaced = d.rate.httpGetUnpaced;
	const httpAll = d.rate.httpReturnAll;
	lines.push('- **What a builder gets from n8n\'s HTTP Request node** (typeVersion 4.2, the key from a Header Auth credential `Authorization`):');
	if (httpAll) {
		lines.push(
			rateRunClean(httpAll)
				? `  Return All with its Pagination option: every affiliate once, ${httpAll.figures.calls} calls; it returns one item per page, so a Split Out must follow.`
				: !httpAll.problem && httpAll.figures.throttled > 0
					? `  Return All with its Pagination option, in the window the UpPromote node's Return All had nearly spent: after ${httpAll.figures.succeeded} pages it got a 429 and **stopped paging without an error**: ${httpAll.check}. The workflow went on as if that were every affiliate. (It also returns one item per page, so a Split Out must follow.)`
					: `  Return All with its Pagination option: did not complete: ${rateOutcome(httpAll)}.`,
		);
	}
	if (paced) {
		lines.push(
			`  Get Affiliate with Batching set to the limit (${rl.limit} items per batch, one window between batches): ${f2(paced.figures.ratio)}× and ${rateRunClean(paced) ? 'no failure' : rateOutcome(paced)}; it sends a`,
			'  batch, then waits a whole window whatever the calls took, so it loses the time a batch takes to send in every window, and the builder',
			'  must know the limit and that nothing else calls the store.',
		);
	}
	if (unpaced) {
		lines.push(
			`  With its defaults (no batching, no retry): ${unpaced.figures.succeeded} calls succeeded, ${unpaced.figures.throttled} were answered 429${unpaced.problem ? ' and the node stopped the workflow with an error' : ''}: ${rateRunClean(unpaced) ? 'no failure' : '**a failed run**'}. n8n's`,
			'  Retry On Fail runs the whole node again (every item, duplicates included) and waits at most 5 s between tries, less than',
			'  a 60 s window.',
		);
	}
	lines.push('');
	return lines;
}

function notes(r: BenchResults, d: Derived): string[] {
	const lines: string[] = [];
	const w = r.webhook;
	const opName = { getPayment: 'Get Payment', logEvent: 'Log Event' } as const;
	const busy = r.cpu.filter((c) => c.otherPct >= 5 && !c.phase.startsWith('whole'));
	const notQuiet = r.quietWaits.filter((q) => !q.quiet);
	if (busy.length || notQuiet.length) {
		lines.push(
			`- **The machine was not quiet throughout.** Other processes used ${busy.map((c) => `${c.otherPct.toFixed(0)}% of it during the ${c.phase}`).join(', ') || 'little of it'}` +
				(notQuiet.length ? ` (the bench ran ${notQuiet.map((q) => `the ${q.phase}`).join(', ')} anyway after waiting the most it waits for them to drop below 10%)` : '') +
				'.',
			'  They competed with n8n for the same 2 cores: the affected figures are lower, and noisier, than on an idle machine,',
			'  and runs made one after another (the bulk variants, the starts) can meet different load.',
		);
	}
	if (d.acceptRatio < 0.95) {
		lines.push(
			`- **Webhook-path target missed**: the trigger handled ${f1(w.accept.trigger.requestsPerSecond)} requests/s against the Webhook node's`,
			`  ${f1(w.accept.webhook.requestsPerSecond)} (${f2(d.acceptRatio)}×, target ≥ 0.95×).`,
		);
	}
	if (d.rejectRatio < 0.95) {
		lines.push(
			`- **Rejection-path target missed**: the trigger refused ${f1(w.reject.trigger.requestsPerSecond)} wrong-key requests/s against the Webhook`,
			`  node's ${f1(w.reject.webhook.requestsPerSecond)} (${f2(d.rejectRatio)}×, target ≥ 0.95×).`,
		);
	}
	if (r.findings.webhookIsolateUnlessWebhookNode) {
		lines.push(
			"- **What separates the two webhook paths is n8n's, and keyed on the node type.** Before the webhook phase of any",
			`  start node whose type is not its own Webhook node, n8n ${r.versions.n8n} acquires an expression isolate and releases it`,
			'  afterwards (`webhooks/live-webhooks.js`, `webhookPhaseNeedsIsolate`). With its default pool of one isolate and',
			`  ${w.concurrency} requests in flight, each acquisition builds a new isolate and disposes of it. So the trigger pays three`,
			'  isolates per delivery (webhook phase, credentials, execution) where the Webhook node pays two. No node code,',
			`  description or typeVersion changes that; ${r.findings.lazyAcquireSetting ? `\`${r.lazyAcquireSetting}=true\`` : 'a lazy-acquire setting'} does (n8n then creates an isolate only`,
			`  for an expression that needs one), and section 1b measures the same paths with it: ${f2(d.lazy.acceptRatio)}× there against`,
			`  ${f2(d.acceptRatio)}× with the default settings, which puts the gap on the isolates, not on the trigger's own work. With that setting the trigger's`,
			`  typeVersion matters: for a version 1 webhook node n8n still evaluates its binary-data option through an isolate on`,
			`  every request; the measured trigger is version ${r.findings.triggerTypeVersion}.`,
		);
		const gate = r.findings.isolateGate ?? [];
		if (gate.length) {
			lines.push(
				`  The gate, as installed (\`n8n/dist/webhooks/live-webhooks.js\` of n8n ${r.versions.n8n}, lines ${gate[0].line} to ${gate[gate.length - 1].line}):`,
				'',
				'  ```js',
				...gate.flatMap(({ line, text }, index) => [
					...(index > 0 && line !== gate[index - 1].line + 1 ? ['   ...'] : []),
					`  ${String(line).padStart(4)}  ${text}`,
				]),
				'  ```',
				'',
				"  `n8n_workflow_1.WEBHOOK_NODE_TYPE` is `'n8n-nodes-base.webhook'`: every other start node, a community node included,",
				'  returns at the third test. The rejection path pays it too: n8n acquires it before it calls the trigger\'s',
				"  `webhook()`, which then reads the credential (n8n's credentials helper takes one more isolate to resolve it) and",
				"  refuses the key: two isolates per rejection, where the Webhook node passes the gate and its Header Auth pays only",
				"  the credential's one.",
			);
		}
	}
	lines.push(...triggerNotes(r, d, TRIGGER_COMPARISONS[0]), ...rateLimitNotes(r, d), ...TRIGGER_COMPARISONS.slice(1).flatMap((spec) => triggerNotes(r, d, spec)));
	if (r.findings.httpBatchWaitsOnlyWithInterval) {
		const http = (['getPayment', 'logEvent'] as const).map((op) => d.bulk[op].http).filter((b): b is BulkResult => !!b);
		const c10 = (['getPayment', 'logEvent'] as const).map((op) => d.bulk[op].c10).filter((b): b is BulkResult => !!b);
		lines.push(
			`- **Batch size does not cap the HTTP Request node's concurrency.** n8n ${r.versions.n8n}'s HTTP Request node waits between batches`,
			'  only when the interval is above 0; with 0 ms it starts each item\'s request as soon as it has prepared it, without',
			'  waiting for earlier answers. What it had in flight was set by how fast it prepares requests:',
			`  ≈ ${http.map((b) => b.peakInFlight).join(' and ')} at peak (Get Payment and Log Event), against ≈ ${c10.map((b) => b.peakInFlight).join(' and ')} for the PayRam node at concurrency 10.`,
		);
		const c50 = (['getPayment', 'logEvent'] as const).map((op) => d.bulk[op].c50).filter((b): b is BulkResult => !!b);
		const behind = (['getPayment', 'logEvent'] as const).filter((op) => (d.bulk[op].vsHttp ?? 1) < 1);
		if (behind.length && c50.length) {
			lines.push(
				`  So "batch 10" is not "10 at a time": where the PayRam node at 10 finished behind it (${behind.map((op) => opName[op]).join(', ')}), it ran`,
				`  with fewer requests in flight. At concurrency 50 (≈ ${c50.map((b) => b.peakInFlight).join(' and ')} in flight) the PayRam node took ${c50.map((b) => `${f2((b.executionTimeMs ?? 0) / 1000)} s`).join(' and ')}.`,
			);
		}
	}
	for (const op of ['getPayment', 'logEvent'] as const) {
		const b = d.bulk[op];
		if (!b.c10?.executionTimeMs) continue;
		const floorMs = (r.bulkItems * r.simLatencyMs) / 10;
		const parts = [
			`- ${opName[op]} at concurrency 10 took ${f2(b.c10.executionTimeMs / 1000)} s against a ${f2(floorMs / 1000)} s floor ` +
				`(${f2(b.c10.executionTimeMs / r.bulkItems)} ms per item against ${f2(r.simLatencyMs / 10)} ms).`,
		];
		if (b.c50?.executionTimeMs && b.c50.executionTimeMs > 0.8 * b.c10.executionTimeMs) {
			parts.push(
				`  Concurrency 50 took ${f2(b.c50.executionTimeMs / 1000)} s: more concurrency barely helps, so at 10 the run is bound by n8n's per-item`,
				'  CPU work (expressions, credentials, request handling; one process, one core), not by waiting for PayRam.',
			);
		}
		if (b.http && b.http.expressionsPerItem !== b.c10.expressionsPerItem) {
			parts.push(
				`  Per item the PayRam node evaluates ${b.c10.expressionsPerItem} expression(s) here, the HTTP Request node ${b.http.expressionsPerItem}` +
					` (each through n8n's expression engine).`,
			);
		}
		lines.push(...parts);
	}
	lines.push(
		"- **Where the per-item CPU goes** (a CPU profile, not part of this run: 3 × 1000 Log Event items at concurrency 10 through",
		"  n8n-core's engine in one process, the simulator in another, 2026-12-01): the PayRam node's own code (router, operation,",
		"  transport, exact-decimal JSON) 2%; n8n's parameter and expression evaluation 16%; n8n's `httpRequest` helper (axios,",
		'  a new agent and TCP connection per request) and the sockets under it about 60%; garbage collection 15%. Without the',
		'  one-item-per-event-loop-turn start the same runs took 3.0 s instead of 2.6 s.',
		'- Rounds are short (seconds each); the per-round rows show the spread. Latency percentiles include queueing',
		`  behind the other ${w.concurrency - 1} in-flight requests, as a gateway delivering concurrently would see them.`,
	);
	return lines;
}

/** Notes on a trigger's section: every missed target with its figures, and what sets the trigger's figures apart. */
function triggerNotes(r: BenchResults, d: Derived, spec: TriggerComparison): string[] {
	const lines: string[] = [];
	const w = spec.results(r).onDefault;
	const { onDefault: ratios, onLazy: lazy } = d.triggers[spec.phase];
	if (ratios.acceptRatio < 0.95) {
		lines.push(
			`- **${spec.short} webhook-path target missed**: the ${spec.name} handled ${f1(w.accept.trigger.requestsPerSecond)} requests/s against the Webhook`,
			`  node's ${f1(w.accept.webhook.requestsPerSecond)} (${f2(ratios.acceptRatio)}×, target ≥ 0.95×) on n8n's default settings; with lazy isolates ${f2(lazy.acceptRatio)}×.`,
		);
	}
	if (ratios.rejectRatio < 0.95) {
		lines.push(
			`- **${spec.short} forged-request target missed**: the trigger refused ${f1(w.reject.trigger.requestsPerSecond)} forged requests/s against the Webhook`,
			`  node's ${f1(w.reject.webhook.requestsPerSecond)} (${f2(ratios.rejectRatio)}×, target ≥ 0.95×); with lazy isolates ${f2(lazy.rejectRatio)}×.`,
		);
	}
	for (const [ratio, name] of [
		[lazy.acceptRatio, 'requests/s'],
		[lazy.rejectRatio, 'forged requests/s'],
	] as const) {
		if (ratio < 0.95) lines.push(`- **${spec.name} with lazy isolates below target**: ${f2(ratio)}× the Webhook node's ${name} (target ≥ 0.95×).`);
	}
	if (r.findings.webhookIsolateUnlessWebhookNode) lines.push(...spec.gateNote);
	return lines;
}

/** Notes on the rate-limit section: every missed target or failed run, with its figures. */
function rateLimitNotes(r: BenchResults, d: Derived): string[] {
	const lines: string[] = [];
	const rl = r.rateLimit;
	const node = [d.rate.nodeReturnAll, d.rate.nodeGet];
	for (const run of node) {
		if (!run) continue;
		const title = run.operation === 'returnAll' ? `Return All over ${rl.affiliates} affiliates` : `Get Affiliate × ${rl.getItems}`;
		if ((run.figures.ratio ?? 0) < RATE_TARGET) {
			const bound = run.figures.busiestWindowMs >= rl.windowMs;
			lines.push(
				`- **${title}: rate target missed**: ${f2(run.figures.ratio)}× of ${rl.limit} calls per window (target ≥ ${RATE_TARGET}).` +
					(bound
						? ` Its busiest window's calls took ${f2(run.figures.busiestWindowMs / 1000)} s, the whole ${f1(rl.windowMs / 1000)} s window: n8n and the node could not make ${rl.limit} calls within one scaled window on this machine at that moment, so the node, not the limit, set the pace (see the CPU table).`
						: ` Each window lost ${f1(run.figures.boundaryLossMs)} ms on average between its end and the next call.`),
			);
		}
		if (!rateRunClean(run)) lines.push(`- **${title}: failures or output problem**: ${rateOutcome(run)}.`);
	}
	return lines;
}

export function renderStdout(r: BenchResults): string {
	const d = derive(r);
	const w = r.webhook;
	const rows: string[][] = [['figure', 'ours', 'n8n built-in', 'ratio / note']];
	rows.push(
		['webhook accepted req/s', f1(w.accept.trigger.requestsPerSecond), f1(w.accept.webhook.requestsPerSecond), `${f2(d.acceptRatio)}× (≥0.95)`],
		['webhook accepted p50/p99 ms', `${f1(w.accept.trigger.latencyMs.p50)}/${f1(w.accept.trigger.latencyMs.p99)}`, `${f1(w.accept.webhook.latencyMs.p50)}/${f1(w.accept.webhook.latencyMs.p99)}`, ''],
		['executions / accepted', `${w.executionsAfterAccept.trigger}/${w.accepted.trigger}`, `${w.executionsAfterAccept.webhook}/${w.accepted.webhook}`, ''],
		['wrong key req/s', f1(w.reject.trigger.requestsPerSecond), f1(w.reject.webhook.requestsPerSecond), `${f2(d.rejectRatio)}×`],
		['wrong key answers', statuses(w.reject.trigger.statuses), statuses(w.reject.webhook.statuses), ''],
		['executions from wrong key', `${w.executionsStartedByRejections.trigger}`, `${w.executionsStartedByRejections.webhook}`, ''],
		['lazy isolates: accepted req/s', f1(r.webhookLazy.accept.trigger.requestsPerSecond), f1(r.webhookLazy.accept.webhook.requestsPerSecond), `${f2(d.lazy.acceptRatio)}× (≥0.95)`],
		['lazy isolates: wrong key req/s', f1(r.webhookLazy.reject.trigger.requestsPerSecond), f1(r.webhookLazy.reject.webhook.requestsPerSecond), `${f2(d.lazy.rejectRatio)}×`],
	);
	for (const op of ['getPayment', 'logEvent'] as const) {
		const b = d.bulk[op];
		const s = (x?: BulkResult) => (x?.executionTimeMs === undefined ? '–' : `${f2(x.executionTimeMs / 1000)} s`);
		rows.push(
			[`${op} ×${r.bulkItems} c10 vs HTTP`, s(b.c10), s(b.http), `${f2(b.vsHttp)}× (≥1.0)`],
			[`${op} ×${r.bulkItems} c1 (seq)`, s(b.c1), '', `c10 ${f2(b.vsSequential)}× (≥5)`],
			[`${op} ×${r.bulkItems} c50 (info)`, s(b.c50), '', ''],
		);
	}
	for (const spec of TRIGGER_COMPARISONS) {
		const { onDefault: up, onLazy: upLazy } = spec.results(r);
		const ratios = d.triggers[spec.phase];
		rows.push(
			[`${spec.short} accepted req/s`, f1(up.accept.trigger.requestsPerSecond), f1(up.accept.webhook.requestsPerSecond), `${f2(ratios.onDefault.acceptRatio)}× (≥0.95)`],
			[`${spec.short} executions / accepted`, `${up.executionsAfterAccept.trigger}/${up.accepted.trigger}`, `${up.executionsAfterAccept.webhook}/${up.accepted.webhook}`, ''],
			[`${spec.short} forged req/s`, f1(up.reject.trigger.requestsPerSecond), f1(up.reject.webhook.requestsPerSecond), `${f2(ratios.onDefault.rejectRatio)}× (≥0.95)`],
			[`${spec.short} forged answers`, statuses(up.reject.trigger.statuses), statuses(up.reject.webhook.statuses), ''],
			[`${spec.short} executions from forged`, `${up.executionsStartedByRejections.trigger}`, `${up.executionsStartedByRejections.webhook}`, ''],
			[`lazy: ${spec.short} accepted req/s`, f1(upLazy.accept.trigger.requestsPerSecond), f1(upLazy.accept.webhook.requestsPerSecond), `${f2(ratios.onLazy.acceptRatio)}× (≥0.95)`],
			[`lazy: ${spec.short} forged req/s`, f1(upLazy.reject.trigger.requestsPerSecond), f1(upLazy.reject.webhook.requestsPerSecond), `${f2(ratios.onLazy.rejectRatio)}×`],
		);
	}
	for (const run of r.rateLimit.runs) {
		const f = run.figures;
		rows.push([
			`${run.operation} ${run.label}`,
			`${f.calls} calls, ${f.throttled}× 429, ${f.failed} failed`,
			`${f2(f.spanMs / 1000)} s, ${f.windows}/${f.fewestWindows} windows`,
			`${f1(f.perWindow)}/window = ${f2(f.ratio)}× of ${r.rateLimit.limit}${run.variant.kind === 'node' ? ' (≥0.9)' : ''}${run.outputOk && !run.problem ? '' : ' OUTPUT/RUN PROBLEM'}`,
		]);
	}
	rows.push(
		['start-to-ready (median)', `${f2(d.startWith / 1000)} s`, `${f2(d.startWithout / 1000)} s (no pkg)`, `${f2((d.startWith - d.startWithout) / 1000)} s`],
		['RSS idle (median)', `${(d.rssWith / 1024).toFixed(0)} MiB`, `${(d.rssWithout / 1024).toFixed(0)} MiB (no pkg)`, `${((d.rssWith - d.rssWithout) / 1024).toFixed(1)} MiB`],
		...r.packs.map((p) => [`npm pack ${p.name}`, kB(p.size), `${kB(p.unpackedSize)} unpacked`, '< 100 kB']),
	);
	const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
	const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i])).join('  ');
	const table = [line(rows[0]), widths.map((n) => '-'.repeat(n)).join('  '), ...rows.slice(1).map(line)];
	const mark = (t: Targets) => (t.reference ? (t.ok ? 'ref ok' : 'ref < ') : t.ok ? 'met   ' : 'MISSED');
	table.push('', 'targets:', ...d.targets.map((t) => `  ${mark(t)}  ${t.name}: ${t.figure} (target ${t.target})`));
	return table.join('\n');
}
