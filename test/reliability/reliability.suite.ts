/**
 * Reliability suite: one real n8n 2.x (SQLite) with the packed package, and the PayRam simulator, on 127.0.0.1.
 * Load, duplicate deliveries, hostile input, PayRam faults and a secret scan over everything collected.
 * The load runs for a bounded time (RELIABILITY_LOAD_MINUTES, default 4) or until RELIABILITY_DELIVERIES (default 10000)
 * are sent, whichever comes first, and fails below a floor of deliveries (400, or all of a smaller
 * RELIABILITY_DELIVERIES): what it proves is reported as sent/acknowledged/executed counts. RELIABILITY_N8N_RSS_LIMIT_MB (default 4096) stops
 * the load before n8n's memory endangers the machine; RELIABILITY_TARBALL tests a packed package instead of this tree.
 */
import axios from 'axios';

import type { Execution } from '../../testing/n8n/n8n';
import { asLoadRequest, signatureOf, signedFilledEvent, type SignedEvent } from './events';
import { runFaultScenarios, type FaultOutcome } from './faults';
import { hostileCorpus, type HostileCase } from './hostile';
import {
	WORKFLOW,
	executionCounts,
	fetchExecutions,
	databaseNotReady,
	n8nHealthy,
	n8nRssMb,
	newestExecutionId,
	startInstance,
	waitUntilReady,
	workflowIds,
	type ReliabilityInstance,
} from './instance';
import { runLoad, type LoadReport, type LoadResult } from '../../testing/n8n/load';
import { SecretScanner, stackTraceIn } from './secrets';
import { startParts, stopParts, suiteParts } from '../../testing/n8n/suite-package';
import { SISTER_PACKAGES } from '../sister-packages';

const DELIVERIES = Number(process.env.RELIABILITY_DELIVERIES ?? 10000);
const CONCURRENCY = 50;
/**
 * The load is sized by time, not count. 4 minutes: with three packages' workflows active this machine did 7.8
 * deliveries/s, so one twice as slow still sends ~930, twice the floor; the load plus the phases after it
 * (AFTER_LOAD_RESERVE_MS) use half of SUITE_BUDGET_MS.
 */
const LOAD_MS = Number(process.env.RELIABILITY_LOAD_MINUTES ?? 4) * 60_000;
const FLOOR = Math.min(400, DELIVERIES);
/** The suite's own time budget (CI allows 25 minutes), and what the phases after the load need of it. */
const SUITE_BUDGET_MS = 24 * 60_000;
const AFTER_LOAD_RESERVE_MS = 5 * 60_000;
const RSS_LIMIT_MB = Number(process.env.RELIABILITY_N8N_RSS_LIMIT_MB ?? 4096);
const ACK = 'Webhook received successfully';
const MINUTE = 60_000;

const suiteStarted = Date.now();
const summary = {
	sent: 0,
	acknowledged: 0,
	loadMs: 0,
	loadBoundMs: 0,
	seen: 0,
	lost: 0,
	duplicated: 0,
	hostileTried: 0,
	hostileAccepted: 0,
	faultsInjected: 0,
	faultsHandled: 0,
	leaks: -1,
};
/** Every answer body, error message and CLI output collected, for the secret scan. */
const collected: Array<{ source: string; text: string }> = [];
const signaturesSent: string[] = [];
/** Executions already fetched with data (id → JSON), so the secret scan does not fetch them twice. */
const scannedExecutions = new Map<string, string>();

function log(line: string): void {
	process.stdout.write(`${line}\n`);
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

function parse(body: string): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(body) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** A 200 from the trigger that started a workflow: it carries the event id and is not a duplicate. */
function acceptedAnswer(result: LoadResult): boolean {
	const body = parse(result.body);
	return result.status >= 200 && result.status < 300 && typeof body?.eventId === 'string' && body.duplicate !== true;
}

function referenceIdOf(execution: Execution): string | undefined {
	const runs = execution.data?.resultData?.runData?.['PayRam Trigger'];
	const item = runs?.[0]?.data?.main?.[0]?.[0]?.json;
	return typeof item?.referenceId === 'string' ? item.referenceId : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PayRam nodes in a real n8n under load, hostile input and PayRam faults', () => {
	let instance: ReliabilityInstance;
	let loadEvents: SignedEvent[] = [];
	let loadReport: LoadReport | undefined;
	// Every package is installed in this one n8n; each sister package's phases run after PayRam's.
	const parts = suiteParts(SISTER_PACKAGES, 'reliability');
	// If the run is interrupted, n8n (a child process) must not outlive it.
	const stopN8n = () => {
		const pid = instance?.n8n.pid;
		if (pid) {
			try {
				process.kill(pid, 'SIGTERM');
			} catch {
				// already gone
			}
		}
	};
	const onSignal = (signal: NodeJS.Signals) => {
		stopN8n();
		// The listener was registered with once(): sending the signal again ends this process as it would have.
		process.kill(process.pid, signal);
	};

	beforeAll(async () => {
		process.once('SIGINT', onSignal);
		process.once('SIGTERM', onSignal);
		process.once('exit', stopN8n);
		instance = await startInstance({}, process.env.RELIABILITY_TARBALL || undefined, await startParts(parts));
		// Publishing returns before the production webhook listens: wait until a dashboard ping is answered.
		for (const url of [instance.hookUrl, instance.signedOnlyHookUrl]) {
			const deadline = Date.now() + 60_000;
			for (;;) {
				const ping = await axios.post(url, { event_type: 'payout.ping', timestamp: Math.floor(Date.now() / 1000) }, {
					headers: { 'API-Key': instance.sim.apiKey, 'X-Webhook-Test': 'true' },
					validateStatus: () => true,
				});
				if (ping.status === 200) break;
				if (Date.now() > deadline) throw new Error(`the trigger at ${url} never answered a ping (${ping.status})`);
				await sleep(500);
			}
		}
		log(`n8n ${instance.n8n.baseUrl} (pid ${String(instance.n8n.pid)}) ready after ${seconds(Date.now() - suiteStarted)}`);
	}, 5 * MINUTE);

	afterAll(async () => {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
		process.removeListener('exit', stopN8n);
		log('');
		log(`duplicated executions ${summary.duplicated}; n8n answered the suite's API calls "Database is not ready!" ${databaseNotReady.answers} times; suite ran ${seconds(Date.now() - suiteStarted)}`);
		log('==== PayRam reliability summary ====');
		log(`load ran ${seconds(summary.loadMs)} (bounded at ${seconds(summary.loadBoundMs)}, floor ${FLOOR}): deliveries sent ${summary.sent} / acknowledged ${summary.acknowledged} / executed ${summary.seen} / lost ${summary.lost}`);
		log(`hostile requests tried ${summary.hostileTried} / accepted ${summary.hostileAccepted}`);
		log(`faults injected ${summary.faultsInjected} / handled ${summary.faultsHandled}`);
		log(`secret leaks found ${summary.leaks < 0 ? 'not scanned' : summary.leaks}`);
		await instance?.stop();
		await stopParts(parts);
	}, 2 * MINUTE);

	it(`load: distinct signed FILLED deliveries at concurrency ${CONCURRENCY} for ${seconds(LOAD_MS)} (at most ${DELIVERIES}, at least ${FLOOR}) → each acknowledged delivery is already an execution, one execution each, none lost, n8n healthy`, async () => {
		const { n8n, sim, hookUrl } = instance;
		loadEvents = Array.from({ length: DELIVERIES }, (_, i) => signedFilledEvent(hookUrl, sim.apiKey, i));
		signaturesSent.push(...loadEvents.map(signatureOf));
		// The whole suite must end within SUITE_BUDGET_MS: the load gets its time or what the budget leaves.
		const capMs = Math.min(LOAD_MS, SUITE_BUDGET_MS - AFTER_LOAD_RESERVE_MS - (Date.now() - suiteStarted));
		const began = Date.now();
		let lastReport = 0;
		let acceptedSoFar = 0;
		let stopReason: string | undefined;
		const watch = { samples: 0, maxRssMb: 0, maxUnrecorded: 0, unrecordedAt: '' };
		// n8n's memory, read every second (cheap): the load stops before it can endanger the machine.
		const memoryWatch = setInterval(() => {
			const rss = n8nRssMb(n8n);
			if (rss === undefined) return;
			watch.maxRssMb = Math.max(watch.maxRssMb, rss);
			if (rss > RSS_LIMIT_MB && !stopReason) {
				stopReason = `n8n's memory reached ${rss} MB (limit ${RSS_LIMIT_MB} MB, RELIABILITY_N8N_RSS_LIMIT_MB) after ${acceptedSoFar} acknowledged deliveries`;
				log(`  load: STOPPING: ${stopReason}`);
			}
		}, 1000);
		// How many acknowledged deliveries are not yet an execution in n8n's database (read the count after the acknowledgements).
		let sampling = true;
		const sampler = (async () => {
			while (sampling) {
				const acknowledged = acceptedSoFar;
				const recorded = await executionCounts(n8n, WORKFLOW.load).then((c) => c.total).catch(() => undefined);
				watch.samples++;
				if (recorded !== undefined && acknowledged - recorded > watch.maxUnrecorded) {
					watch.maxUnrecorded = acknowledged - recorded;
					watch.unrecordedAt = `${acknowledged} acknowledged, ${recorded} executions recorded, after ${seconds(Date.now() - began)}`;
				}
				await sleep(2000);
			}
		})();
		try {
			loadReport = await runLoad({
				url: hookUrl,
				count: DELIVERIES,
				concurrency: CONCURRENCY,
				timeCapMs: capMs,
				request: (i) => asLoadRequest(loadEvents[i]),
				stopReason: () => stopReason,
				onProgress: (done, count, result) => {
					if (acceptedAnswer(result)) acceptedSoFar++;
					if (done === count || Date.now() - lastReport > 30_000) {
						lastReport = Date.now();
						log(`  load: ${done}/${count} answered after ${seconds(Date.now() - began)} (n8n ${watch.maxRssMb} MB max so far)`);
					}
				},
			});
		} finally {
			clearInterval(memoryWatch);
			sampling = false;
			await sampler;
		}
		const report = loadReport;
		const sentCount = report.started;
		summary.sent = sentCount;
		summary.loadMs = report.elapsedMs;
		summary.loadBoundMs = capMs;
		for (const r of report.results) collected.push({ source: `load answer #${r.index}`, text: r.body });
		const accepted = report.results.filter(acceptedAnswer);
		summary.acknowledged = accepted.length;
		log(`  load: sent ${sentCount} of ${DELIVERIES} in ${seconds(report.elapsedMs)} (${((sentCount * 1000) / report.elapsedMs).toFixed(1)} requests/s), statuses ${JSON.stringify(report.statuses)}, latency p50 ${report.latencyMs.p50.toFixed(0)} ms p95 ${report.latencyMs.p95.toFixed(0)} ms max ${report.latencyMs.max.toFixed(0)} ms`);
		if (report.cappedByTime) log(`  load: ran its bounded time (${seconds(capMs)}): ${sentCount} of at most ${DELIVERIES} deliveries sent`);
		log(`  n8n memory: max ${watch.maxRssMb} MB; acknowledged deliveries not yet recorded as executions: max ${watch.maxUnrecorded}${watch.unrecordedAt ? ` (${watch.unrecordedAt})` : ''} over ${watch.samples} samples`);

		// Wait until every accepted delivery has finished running (bounded: no progress for 90 s, or 10 minutes).
		let counts = await executionCounts(n8n, WORKFLOW.load);
		let lastChange = Date.now();
		const waitDeadline = Date.now() + 10 * MINUTE;
		while (!(counts.finished >= accepted.length && counts.total === counts.finished)) {
			if (Date.now() - lastChange > 90_000 || Date.now() > waitDeadline) break;
			await sleep(3000);
			const next = await executionCounts(n8n, WORKFLOW.load);
			if (next.finished !== counts.finished || next.total !== counts.total) lastChange = Date.now();
			counts = next;
		}
		const allDone = Date.now();
		log(`  executions: ${counts.finished} finished of ${counts.total} after ${seconds(allDone - began)} (${((counts.finished * 1000) / (allDone - began)).toFixed(1)} executions/s end to end)`);

		const fetchStarted = Date.now();
		const executions = await fetchExecutions(n8n, WORKFLOW.load, { includeData: true });
		for (const execution of executions) scannedExecutions.set(String(execution.id), JSON.stringify(execution));
		log(`  fetched ${executions.length} executions with data in ${seconds(Date.now() - fetchStarted)}`);
		const perReference = new Map<string, number>();
		const problems: string[] = [];
		let unreadable = 0;
		for (const execution of executions) {
			const reference = referenceIdOf(execution);
			if (!reference) {
				unreadable++;
				continue;
			}
			perReference.set(reference, (perReference.get(reference) ?? 0) + 1);
			if (execution.status !== 'success') problems.push(`execution ${String(execution.id)} for ${reference} ended ${execution.status}`);
			if (!execution.data?.resultData?.runData?.Received) problems.push(`execution ${String(execution.id)} did not reach the NoOp`);
		}
		const sentReferences = loadEvents.slice(0, sentCount).map((e) => e.referenceId);
		const sentSet = new Set(sentReferences);
		const seen = sentReferences.filter((r) => perReference.has(r)).length;
		const lost = sentReferences.filter((r) => !perReference.has(r));
		const duplicated = [...perReference].filter(([r, n]) => sentSet.has(r) && n > 1);
		const unexpected = [...perReference.keys()].filter((r) => !sentSet.has(r));
		summary.seen = seen;
		summary.lost = lost.length;
		summary.duplicated = duplicated.length;
		log(`  sent ${sentCount} / accepted ${accepted.length} / executions seen ${seen} / lost ${lost.length} / duplicated ${duplicated.length} / unexpected ${unexpected.length} / unreadable ${unreadable}`);
		log(`  proven: ${sentCount} deliveries sent in ${seconds(report.elapsedMs)} (bounded at ${seconds(capMs)}), ${accepted.length} acknowledged, ${seen} executed once each (floor ${FLOOR})`);

		const health = await n8nHealthy(n8n);
		log(`  n8n after the load: ${health.detail}`);
		const notAnswered = report.results.filter((r) => r.status === 0);
		if (stopReason) problems.push(`the load was stopped: ${stopReason}`);
		if (sentCount < FLOOR) problems.push(`only ${sentCount} deliveries were sent in ${seconds(capMs)}, below the floor of ${FLOOR}: too little load to prove anything`);
		if (watch.maxUnrecorded > 0) {
			problems.push(`deliveries were acknowledged before n8n recorded their execution (up to ${watch.maxUnrecorded} at once: ${watch.unrecordedAt}); a crash or restart then loses them, and PayRam does not resend an acknowledged delivery`);
		}
		if (notAnswered.length) problems.push(`${notAnswered.length} requests got no answer: ${notAnswered.slice(0, 3).map((r) => r.error).join(', ')}`);
		if (accepted.length !== sentCount) problems.push(`${sentCount - accepted.length} valid deliveries were not accepted: ${JSON.stringify(report.statuses)}`);
		if (lost.length) problems.push(`${lost.length} deliveries have no execution, e.g. ${lost.slice(0, 3).join(', ')}`);
		if (duplicated.length) problems.push(`${duplicated.length} deliveries ran more than once, e.g. ${duplicated.slice(0, 3).map(([r, n]) => `${r}×${n}`).join(', ')}`);
		if (unexpected.length || unreadable) problems.push(`${unexpected.length} executions for unknown references, ${unreadable} without a readable event`);
		if (!health.ok) problems.push(`n8n is not healthy after the load: ${health.detail}`);
		expect(problems.slice(0, 20)).toEqual([]);
	}, 40 * MINUTE);

	it('duplicates: the last 500 redelivered → all acknowledged as duplicates, nothing runs; 100 fresh events sent 5 times at once → exactly 100 executions', async () => {
		const { n8n, sim, hookUrl } = instance;
		const problems: string[] = [];
		expect(loadEvents.length).toBeGreaterThan(0);
		const sentCount = loadReport?.started ?? 0;
		const last = loadEvents.slice(Math.max(0, sentCount - 500), sentCount);
		await waitUntilReady(n8n);
		const before = await executionCounts(n8n, WORKFLOW.load);
		const newestBefore = await newestExecutionId(n8n, WORKFLOW.load);

		const redelivery = await runLoad({ url: hookUrl, count: last.length, concurrency: CONCURRENCY, timeCapMs: 5 * MINUTE, requestTimeoutMs: 3 * MINUTE, request: (i) => asLoadRequest(last[i]) });
		for (const r of redelivery.results) collected.push({ source: `redelivery answer #${r.index}`, text: r.body });
		const duplicates = redelivery.results.filter((r) => r.status === 200 && parse(r.body)?.duplicate === true).length;
		log(`  redelivered ${last.length}: statuses ${JSON.stringify(redelivery.statuses)}, ${duplicates} acknowledged as duplicates`);
		if (duplicates !== last.length) problems.push(`${last.length - duplicates} of ${last.length} redeliveries were not acknowledged as duplicates`);
		await sleep(10_000);
		const afterRedelivery = await executionCounts(n8n, WORKFLOW.load);
		if (afterRedelivery.total !== before.total) problems.push(`redelivery started ${afterRedelivery.total - before.total} executions, expected 0`);

		const fresh = Array.from({ length: 100 }, (_, i) => signedFilledEvent(hookUrl, sim.apiKey, DELIVERIES + i));
		signaturesSent.push(...fresh.map(signatureOf));
		await waitUntilReady(n8n);
		// Copy k of event i is request k*100+i, so the five copies of each event are spread over the whole burst.
		// 500 requests at once take n8n over a minute of work: each may wait up to 3 minutes for its answer.
		const burst = await runLoad({ url: hookUrl, count: 500, concurrency: 500, timeCapMs: 5 * MINUTE, requestTimeoutMs: 3 * MINUTE, request: (i) => asLoadRequest(fresh[i % 100]) });
		for (const r of burst.results) collected.push({ source: `burst answer #${r.index}`, text: r.body });
		const acceptedPerEvent = new Map<string, number>();
		for (const r of burst.results) {
			if (acceptedAnswer(r)) acceptedPerEvent.set(fresh[r.index % 100].referenceId, (acceptedPerEvent.get(fresh[r.index % 100].referenceId) ?? 0) + 1);
		}
		const burstDuplicates = burst.results.filter((r) => r.status === 200 && parse(r.body)?.duplicate === true).length;
		log(`  100 fresh events × 5 at once: statuses ${JSON.stringify(burst.statuses)}, ${[...acceptedPerEvent.values()].reduce((a, b) => a + b, 0)} accepted, ${burstDuplicates} duplicates, latency p50 ${burst.latencyMs.p50.toFixed(0)} ms max ${burst.latencyMs.max.toFixed(0)} ms`);

		const target = afterRedelivery.total + 100;
		const deadline = Date.now() + 3 * MINUTE;
		let counts = await executionCounts(n8n, WORKFLOW.load);
		while ((counts.total < target || counts.finished < counts.total) && Date.now() < deadline) {
			await sleep(2000);
			counts = await executionCounts(n8n, WORKFLOW.load);
		}
		await sleep(10_000);
		const newer = await fetchExecutions(n8n, WORKFLOW.load, { includeData: true, afterId: newestBefore });
		const perReference = new Map<string, number>();
		for (const execution of newer) {
			const reference = referenceIdOf(execution) ?? 'unreadable';
			perReference.set(reference, (perReference.get(reference) ?? 0) + 1);
		}
		const ranOnce = fresh.filter((e) => perReference.get(e.referenceId) === 1).length;
		log(`  executions after the burst: ${newer.length} new, ${ranOnce} of 100 fresh events ran exactly once`);
		if (newer.length !== 100) problems.push(`${newer.length} new executions after the duplicate phase, expected exactly 100`);
		if (ranOnce !== 100) problems.push(`${100 - ranOnce} fresh events did not run exactly once: ${JSON.stringify([...perReference].filter(([, n]) => n !== 1).slice(0, 5))}`);
		for (const event of fresh) {
			if (acceptedPerEvent.get(event.referenceId) !== 1) problems.push(`event ${event.referenceId} was accepted ${acceptedPerEvent.get(event.referenceId) ?? 0} times of 5`);
		}
		if (burstDuplicates !== 400) problems.push(`${burstDuplicates} burst answers were duplicates, expected 400`);
		const health = await n8nHealthy(n8n);
		if (!health.ok) problems.push(`n8n is not healthy: ${health.detail}`);
		expect(problems.slice(0, 20)).toEqual([]);
	}, 15 * MINUTE);

	it('hostile input: every request refused (4xx), pinged (200) or a known duplicate (200); nothing started; n8n alive; no stack trace or key in any answer', async () => {
		const { n8n, sim, hookUrl, signedOnlyHookUrl } = instance;
		const problems: string[] = [];
		const acceptedDeliveries = (loadReport?.results ?? [])
			.filter(acceptedAnswer)
			.slice(-20)
			.map((r) => asLoadRequest(loadEvents[r.index]));
		const corpus = hostileCorpus({ apiKey: sim.apiKey, acceptedDeliveries });
		for (const c of corpus) signaturesSent.push(...c.signatures);
		summary.hostileTried = corpus.length;
		const before = await Promise.all([executionCounts(n8n, WORKFLOW.load), executionCounts(n8n, WORKFLOW.signedOnly)]);

		const categories = [...new Set(corpus.map((c) => c.category))];
		const table: string[] = [];
		for (const category of categories) {
			const cases = corpus.filter((c) => c.category === category);
			const perTarget: Array<[HostileCase['target'], string]> = [
				['trigger', hookUrl],
				['signedOnly', signedOnlyHookUrl],
			];
			const results: Array<{ c: HostileCase; r: LoadResult }> = [];
			for (const [target, url] of perTarget) {
				// A 503 "Database is not ready!" from n8n itself would say nothing about the trigger.
				await waitUntilReady(n8n);
				const batch = cases.filter((c) => c.target === target);
				if (batch.length === 0) continue;
				const heavy = batch.some((c) => (c.request.body?.length ?? 0) > 4 * 1024 * 1024);
				const report = await runLoad({ url, count: batch.length, concurrency: heavy ? 1 : 4, timeCapMs: 5 * MINUTE, requestTimeoutMs: 60_000, request: (i) => batch[i].request });
				report.results.forEach((r) => results.push({ c: batch[r.index], r }));
			}
			const counts = { tried: results.length, refused4xx: 0, n8nAnswer: 0, ping: 0, duplicate: 0, preflight: 0, accepted: 0 };
			const statuses: Record<number, number> = {};
			for (const { c, r } of results) {
				statuses[r.status] = (statuses[r.status] ?? 0) + 1;
				collected.push({ source: `hostile answer: ${c.category} / ${c.name}`, text: r.body });
				const body = parse(r.body);
				const what = `${c.category} / ${c.name}`;
				const trace = stackTraceIn(r.body);
				if (trace) problems.push(`${what}: the answer shows ${trace}: ${r.body.slice(0, 160)}`);
				if (r.body.includes(sim.apiKey)) problems.push(`${what}: the answer contains the API key`);
				if (r.status === 0) {
					problems.push(`${what}: no answer (${r.error ?? ''})`);
					continue;
				}
				if (acceptedAnswer(r)) {
					counts.accepted++;
					problems.push(`${what}: accepted (${r.status} ${r.body.slice(0, 120)}), expected ${c.expect}`);
					continue;
				}
				if (c.expect === 'refused') {
					if (r.status >= 400 && r.status < 500) counts.refused4xx++;
					else if (c.n8nAnswers?.includes(r.status)) counts.n8nAnswer++;
					else problems.push(`${what}: answered ${r.status} ${r.body.slice(0, 120)}, expected a 4xx`);
				} else if (c.expect === 'ping') {
					if (r.status === 200 && body?.message === ACK && body.eventId === undefined) counts.ping++;
					else problems.push(`${what}: answered ${r.status} ${r.body.slice(0, 120)}, expected the ping acknowledgement`);
				} else if (c.expect === 'duplicate') {
					if (r.status === 200 && body?.duplicate === true) counts.duplicate++;
					else problems.push(`${what}: answered ${r.status} ${r.body.slice(0, 120)}, expected 200 duplicate`);
				} else if (r.status >= 400 && r.status < 500) counts.refused4xx++;
				else if ((r.status === 204 || r.status === 200) && r.body === '') counts.preflight++;
				else problems.push(`${what}: answered ${r.status} ${r.body.slice(0, 120)}, expected an empty preflight answer or a 4xx`);
			}
			summary.hostileAccepted += counts.accepted;
			const health = await n8nHealthy(n8n);
			if (!health.ok) problems.push(`n8n is not healthy after the "${category}" batch: ${health.detail}`);
			table.push(
				`  ${category.padEnd(20)} tried ${String(counts.tried).padStart(3)}  4xx ${String(counts.refused4xx).padStart(3)}  n8n-level ${counts.n8nAnswer}  ping ${counts.ping}  duplicate ${String(counts.duplicate).padStart(2)}  preflight ${counts.preflight}  accepted ${counts.accepted}  statuses ${JSON.stringify(statuses)}  n8n ${health.ok ? 'alive' : health.detail}`,
			);
		}
		log('  hostile corpus per category:');
		for (const line of table) log(line);

		await sleep(10_000);
		const after = await Promise.all([executionCounts(n8n, WORKFLOW.load), executionCounts(n8n, WORKFLOW.signedOnly)]);
		const started = after[0].total - before[0].total + (after[1].total - before[1].total);
		log(`  hostile requests tried ${corpus.length}, executions started by them ${started}`);
		if (started !== 0) problems.push(`the hostile corpus started ${started} executions, expected 0`);
		expect(problems).toEqual([]);
	}, 20 * MINUTE);

	it('PayRam faults: reads are retried, writes are sent once, errors are clear, payouts keep their Idempotency-Key, Continue On Fail pairs items', async () => {
		const { n8n, sim, continueOnFailPayments } = instance;
		await waitUntilReady(n8n);
		const outcomes: FaultOutcome[] = await runFaultScenarios({ n8n, sim, continueOnFailPayments }, (o) => {
			log(`  ${o.problems.length === 0 ? 'ok  ' : 'FAIL'} ${o.name}: faults injected ${o.injected}, handled ${o.handled} (${seconds(o.ms)})${o.problems.length ? `\n       ${o.problems.join('\n       ')}` : ''}`);
		});
		for (const o of outcomes) {
			summary.faultsInjected += o.injected;
			summary.faultsHandled += o.handled;
			o.errors.forEach((text, i) => collected.push({ source: `fault error: ${o.name} #${i + 1}`, text }));
			o.outputs.forEach((text, i) => collected.push({ source: `n8n execute output: ${o.name} #${i + 1}`, text }));
		}
		const problems = outcomes.flatMap((o) => o.problems.map((p) => `${o.name}: ${p}`));
		if (outcomes.some((o) => o.injected === 0)) problems.push(`scenarios without an injected fault: ${outcomes.filter((o) => o.injected === 0).map((o) => o.name).join('; ')}`);
		const health = await n8nHealthy(n8n);
		if (!health.ok) problems.push(`n8n is not healthy after the fault scenarios: ${health.detail}`);
		expect(problems).toEqual([]);
	}, 15 * MINUTE);

	it('secrets: the API key and every X-Payram-Signature sent appear in no execution, log line, error message or answer', async () => {
		const { n8n, sim } = instance;
		const scanner = new SecretScanner();
		scanner.addLiteral(sim.apiKey);
		for (const signature of signaturesSent) scanner.addSignature(signature);
		const fetchedDuringLoad = [...scannedExecutions.keys()].reduce((max, id) => Math.max(max, Number(id)), 0);
		for (const id of await workflowIds(n8n)) {
			const afterId = id === WORKFLOW.load && fetchedDuringLoad > 0 ? fetchedDuringLoad : undefined;
			for (const execution of await fetchExecutions(n8n, id, { includeData: true, afterId })) {
				scannedExecutions.set(String(execution.id), JSON.stringify(execution));
			}
		}
		const executionCount = scannedExecutions.size;
		for (const [id, text] of scannedExecutions) scanner.scan(`execution ${id}`, text);
		n8n
			.log()
			.split('\n')
			.forEach((line, i) => scanner.scan(`n8n log line ${i + 1}`, line));
		for (const { source, text } of collected) scanner.scan(source, text);
		summary.leaks = scanner.leaks.length;
		log(`  scanned ${executionCount} executions, the n8n log and ${collected.length} answers/errors/outputs (${(scanner.scannedChars / 1e6).toFixed(1)} M characters) for the API key and ${scanner.signatureCount} signatures: ${scanner.leaks.length} leaks`);
		expect(scanner.leaks.slice(0, 10)).toEqual([]);
		expect(executionCount).toBeGreaterThan(0);
	}, 15 * MINUTE);

	for (const part of parts) part.tests(() => ({ n8n: instance.n8n, version: instance.n8n.version, webhookBaseUrl: instance.n8n.baseUrl, logs: () => instance.n8n.log() }));
});
