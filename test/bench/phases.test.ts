import { BENCH_PHASES, mergeResults, missingPhases, selectPhases, type BenchPhase, type BenchRun, type MergeableResults } from './phases';

describe('selectPhases (PAYRAM_BENCH_PHASES)', () => {
	it('runs every phase when unset or empty', () => {
		expect(selectPhases(undefined)).toEqual([...BENCH_PHASES]);
		expect(selectPhases(' ')).toEqual([...BENCH_PHASES]);
	});

	it('runs the named phases once each, in the bench order, commas or spaces between them', () => {
		expect(selectPhases('referral-rocket')).toEqual(['referral-rocket']);
		expect(selectPhases('package-cost, referral-rocket payram,payram')).toEqual(['payram', 'referral-rocket', 'package-cost']);
	});

	it('refuses an unknown name and lists the known ones', () => {
		expect(() => selectPhases('referral-rocket,rrocket')).toThrow(/unknown phase rrocket; the phases are payram, uppromote, referral-rocket, bulk, rate-limit, package-cost/);
	});
});

type Results = MergeableResults & Record<string, unknown>;

function run(date: string, phases: BenchPhase[]): BenchRun {
	return { date, runtimeMs: 60_000, phases, packages: ['n8n-nodes-payram'], loadAtStart: '0 0 0' };
}

const FULL = '2026-12-01T11:39:43.651Z';
const PARTIAL = '2026-12-01T12:10:00.000Z';

/** A full run's results: each phase's fields hold `old`, CPU figures per phase and for the whole run. */
function fullRun(): Results {
	const phases = BENCH_PHASES.filter((phase) => phase !== 'referral-rocket');
	return {
		runs: [run(FULL, phases)],
		phaseRun: Object.fromEntries(phases.map((phase) => [phase, FULL])),
		webhook: 'old payram',
		webhookLazy: 'old payram lazy',
		upWebhook: 'old uppromote',
		upWebhookLazy: 'old uppromote lazy',
		bulk: 'old bulk',
		bulkItems: 1000,
		rateLimit: 'old rate limit',
		cost: 'old cost',
		packs: ['two packages'],
		cpu: [
			{ run: FULL, phases: ['payram'], phase: 'webhook and rejection paths' },
			{ run: FULL, phases: ['payram', 'uppromote'], phase: 'lazy isolates' },
			{ run: FULL, phases: ['bulk'], phase: 'bulk runs' },
			{ run: FULL, phases: [], phase: 'whole bench' },
		],
		quietWaits: [{ run: FULL, phases: ['payram'], phase: 'webhook and rejection paths' }],
	};
}

/** A run of `phases` alone: the fields of those phases hold `new`. */
function partialRun(phases: BenchPhase[], fields: Record<string, unknown>): Results {
	return {
		...fields,
		runs: [run(PARTIAL, phases)],
		phaseRun: Object.fromEntries(phases.map((phase) => [phase, PARTIAL])),
		packs: ['three packages'],
		cpu: [
			{ run: PARTIAL, phases, phase: `${phases.join('+')} paths` },
			{ run: PARTIAL, phases: [], phase: 'whole bench' },
		],
		quietWaits: [{ run: PARTIAL, phases, phase: `${phases.join('+')} paths` }],
	};
}

describe('mergeResults', () => {
	it('adds a new phase and keeps every other phase with its run', () => {
		const merged = mergeResults(fullRun(), partialRun(['referral-rocket'], { rrWebhook: 'new rr', rrWebhookLazy: 'new rr lazy' }));
		expect(merged).toMatchObject({ rrWebhook: 'new rr', rrWebhookLazy: 'new rr lazy', webhook: 'old payram', upWebhookLazy: 'old uppromote lazy', bulk: 'old bulk', cost: 'old cost' });
		expect(merged.phaseRun).toEqual({ payram: FULL, uppromote: FULL, bulk: FULL, 'rate-limit': FULL, 'package-cost': FULL, 'referral-rocket': PARTIAL });
		expect(merged.runs.map((r) => r.date)).toEqual([FULL, PARTIAL]);
		// The tools' description is the newest run's.
		expect(merged.packs).toEqual(['three packages']);
		expect(merged.cpu.map((c) => `${c.run === FULL ? 'full' : 'partial'}: ${c.phase}`)).toEqual([
			'full: webhook and rejection paths',
			'full: lazy isolates',
			'full: bulk runs',
			'full: whole bench',
			'partial: referral-rocket paths',
			'partial: whole bench',
		]);
		expect(missingPhases(merged)).toEqual([]);
	});

	it('replaces a measured phase, and drops the old CPU figures that covered it', () => {
		const merged = mergeResults(fullRun(), partialRun(['payram'], { webhook: 'new payram', webhookLazy: 'new payram lazy' }));
		expect(merged).toMatchObject({ webhook: 'new payram', webhookLazy: 'new payram lazy', upWebhook: 'old uppromote' });
		expect(merged.phaseRun.payram).toBe(PARTIAL);
		expect(merged.phaseRun.uppromote).toBe(FULL);
		const phasesOf = (entries: MergeableResults['cpu']) => entries.map((c) => c.phase);
		expect(phasesOf(merged.cpu)).toEqual(['bulk runs', 'whole bench', 'payram paths', 'whole bench']);
		expect(phasesOf(merged.quietWaits)).toEqual(['payram paths']);
	});

	it('drops a run once every one of its phases was measured again', () => {
		const first = mergeResults(fullRun(), partialRun(['referral-rocket'], { rrWebhook: 'rr 1', rrWebhookLazy: 'rr lazy 1' }));
		const again = partialRun(['referral-rocket'], { rrWebhook: 'rr 2', rrWebhookLazy: 'rr lazy 2' });
		const later = '2026-12-01T13:00:00.000Z';
		again.runs = [run(later, ['referral-rocket'])];
		again.phaseRun = { 'referral-rocket': later };
		for (const entry of [...again.cpu, ...again.quietWaits]) entry.run = later;
		const merged = mergeResults(first, again);
		expect(merged.rrWebhook).toBe('rr 2');
		expect(merged.runs.map((r) => r.date)).toEqual([FULL, later]);
		expect(merged.cpu.some((c) => c.run === PARTIAL)).toBe(false);
	});

	it('without saved results is the run itself, and names the phases it lacks', () => {
		const fresh = partialRun(['referral-rocket'], { rrWebhook: 'new rr' });
		expect(mergeResults(undefined, fresh)).toBe(fresh);
		expect(missingPhases(fresh)).toEqual(['payram', 'uppromote', 'bulk', 'rate-limit', 'package-cost']);
	});
});
