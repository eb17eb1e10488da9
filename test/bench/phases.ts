// The bench's phases: which ones a run measures (PAYRAM_BENCH_PHASES), and how a run's figures are merged into the
// saved results, so each BENCHMARKS.md section says which run it comes from.

/** Each phase owns whole sections of BENCHMARKS.md: a trigger's phase measures it beside the Webhook node on both n8n. */
export const BENCH_PHASES = ['payram', 'uppromote', 'referral-rocket', 'bulk', 'rate-limit', 'package-cost'] as const;
export type BenchPhase = (typeof BENCH_PHASES)[number];

/** The results' fields each phase measures; a run of the phase replaces exactly these. */
export const PHASE_FIELDS = {
	payram: ['webhook', 'webhookLazy'],
	uppromote: ['upWebhook', 'upWebhookLazy'],
	'referral-rocket': ['rrWebhook', 'rrWebhookLazy'],
	bulk: ['bulk', 'bulkItems', 'simLatencyMs'],
	'rate-limit': ['rateLimit'],
	'package-cost': ['cost'],
} as const satisfies Record<BenchPhase, readonly string[]>;

/** One `npm run bench`: when it ended, how long it took, which phases it measured. */
export interface BenchRun {
	date: string;
	runtimeMs: number;
	phases: BenchPhase[];
	/** PAYRAM_BENCH_PHASES as set for it; unset: every phase the bench had then. */
	selected?: string;
	/** The packages it installed in n8n. */
	packages: string[];
	/** Load average (1/5/15 min) when it started. */
	loadAtStart: string;
	/** PAYRAM_BENCH_QUIET_MAX_MIN, when set. */
	quietCapMin?: number;
}

/** A CPU figure or a quiet-machine wait: the run it belongs to and the phases it covers (none: the whole run). */
export interface PhaseTagged {
	/** What was measured, e.g. `Referral Rocket Trigger paths`. */
	phase: string;
	run: string;
	phases: BenchPhase[];
}

/** What the merge needs of the results: the phases' fields, the runs, and each phase's run. */
export interface MergeableResults {
	runs: BenchRun[];
	/** The date of the run each phase's figures come from. */
	phaseRun: Partial<Record<BenchPhase, string>>;
	cpu: PhaseTagged[];
	quietWaits: PhaseTagged[];
}

/**
 * PAYRAM_BENCH_PHASES: phase names separated by commas or spaces; unset or empty means every phase. An unknown name
 * is an error that lists the known ones, so a typo never runs (and locks n8n for) the whole bench.
 */
export function selectPhases(setting: string | undefined): BenchPhase[] {
	const names = (setting ?? '').split(/[\s,]+/).filter((name) => name !== '');
	if (names.length === 0) return [...BENCH_PHASES];
	const unknown = names.filter((name) => !(BENCH_PHASES as readonly string[]).includes(name));
	if (unknown.length) throw new Error(`PAYRAM_BENCH_PHASES: unknown phase ${unknown.join(', ')}; the phases are ${BENCH_PHASES.join(', ')}`);
	// In the bench's own order, each once, whatever order they were given in.
	return BENCH_PHASES.filter((phase) => names.includes(phase));
}

/** Phases the results hold no figures of (BENCHMARKS.md needs all of them). */
export function missingPhases(results: Partial<MergeableResults>): BenchPhase[] {
	return BENCH_PHASES.filter((phase) => !results.phaseRun?.[phase]);
}

/**
 * The saved results with a new run's phases replaced by its figures. Everything else of the saved results stays,
 * with its run; a run whose every phase has been measured again is dropped, with its CPU figures. Fields that
 * describe the tools rather than a phase (machine, versions, packages, findings) come from the newest run.
 */
export function mergeResults<T extends MergeableResults>(saved: T | undefined, fresh: T): T {
	if (!saved) return fresh;
	const [run] = fresh.runs;
	const merged: Record<string, unknown> = { ...(fresh as unknown as Record<string, unknown>) };
	const phaseRun: MergeableResults['phaseRun'] = { ...saved.phaseRun };
	for (const phase of BENCH_PHASES) {
		if (run.phases.includes(phase)) {
			phaseRun[phase] = run.date;
			continue;
		}
		for (const field of PHASE_FIELDS[phase]) merged[field] = (saved as unknown as Record<string, unknown>)[field];
	}
	const liveRuns = new Set(Object.values(phaseRun));
	// A figure of the old run stays while none of its phases was measured again; a whole-run figure while its run lives.
	const keep = (entry: PhaseTagged) =>
		liveRuns.has(entry.run) && (entry.phases.length === 0 || !entry.phases.some((phase) => run.phases.includes(phase)));
	return {
		...(merged as unknown as T),
		runs: [...saved.runs.filter((r) => liveRuns.has(r.date) && r.date !== run.date), run].sort((a, b) => a.date.localeCompare(b.date)),
		phaseRun,
		cpu: [...saved.cpu.filter(keep), ...fresh.cpu],
		quietWaits: [...saved.quietWaits.filter(keep), ...fresh.quietWaits],
	};
}
