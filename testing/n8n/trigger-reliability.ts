// The phases a sister package's trigger goes through in the real-n8n suites, whatever the service: a signed load
// counted execution by execution, a hostile corpus, and a scan for secrets in everything n8n kept or answered.
import { executionCounts, fetchExecutions, n8nHealthy, newestExecutionId, waitUntilReady } from '../../test/reliability/instance';
import { SecretScanner, stackTraceIn } from '../../test/reliability/secrets';
import { runLoad, type LoadReport, type LoadRequest, type LoadResult } from './load';
import type { Execution, N8nServer } from './n8n';
import { answerObject, lostAndDuplicated, startedAWorkflow } from './trigger-runs';

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SignedDelivery {
	/** What identifies the delivery in its execution's item (e.g. a referral id). */
	id: string;
	request: LoadRequest;
}

export interface SignedLoadResult {
	report: LoadReport;
	/** The answers that started a workflow. */
	acknowledged: LoadResult[];
	/** Every execution of the workflow newer than the load's start, with data. */
	executions: Execution[];
	check: ReturnType<typeof lostAndDuplicated>;
	/** From the first request to the last execution finished (or the wait giving up). */
	elapsedMs: number;
}

/**
 * Sends the deliveries (at most `timeCapMs` of them) and waits until each acknowledged one has finished running
 * (bounded: no progress for 90 s, or 10 minutes), then maps the sent ids onto the new executions.
 */
export async function signedLoad(options: {
	n8n: N8nServer;
	workflowId: string;
	url: string;
	deliveries: SignedDelivery[];
	concurrency: number;
	timeCapMs: number;
	idsOf: (execution: Execution) => string[];
}): Promise<SignedLoadResult> {
	const { n8n, workflowId, deliveries } = options;
	const newestBefore = await newestExecutionId(n8n, workflowId);
	const countsBefore = await executionCounts(n8n, workflowId);
	const began = Date.now();
	const report = await runLoad({ url: options.url, count: deliveries.length, concurrency: options.concurrency, timeCapMs: options.timeCapMs, request: (i) => deliveries[i].request });
	const acknowledged = report.results.filter(startedAWorkflow);
	const done = (counts: { total: number; finished: number }) => counts.finished - countsBefore.finished >= acknowledged.length && counts.total === counts.finished;
	let counts = await executionCounts(n8n, workflowId);
	let lastChange = Date.now();
	const deadline = Date.now() + 10 * MINUTE;
	while (!done(counts) && Date.now() - lastChange < 90_000 && Date.now() < deadline) {
		await sleep(2000);
		const next = await executionCounts(n8n, workflowId);
		if (next.finished !== counts.finished || next.total !== counts.total) lastChange = Date.now();
		counts = next;
	}
	const elapsedMs = Date.now() - began;
	const executions = await fetchExecutions(n8n, workflowId, { includeData: true, afterId: newestBefore });
	const check = lostAndDuplicated(deliveries.slice(0, report.started).map((d) => d.id), executions, options.idsOf);
	return { report, acknowledged, executions, check, elapsedMs };
}

/**
 * refused: any 4xx. ping: 200 without an event id. duplicate: 200 with duplicate true (a byte-identical replay, with
 * Skip Duplicate Events on). preflight: OPTIONS, which n8n answers itself (CORS) before any node runs.
 */
export type Expectation = 'refused' | 'ping' | 'duplicate' | 'preflight';

export interface HostileRequest {
	category: string;
	name: string;
	/** The trigger's path after `/webhook/<webhookId>/`, e.g. `uppromote/referral-new`. */
	path: string;
	request: LoadRequest;
	expect: Expectation;
	/** Another published workflow's trigger to send it to (the corpus's own by default). */
	webhookId?: string;
	/** Answers n8n gives itself while reading the request, before the trigger runs (accepted in place of a 4xx). */
	n8nAnswers?: number[];
}

/** What a hostile request's answer breaks, if anything. */
export function problemWith(c: HostileRequest, r: LoadResult, secrets: string[]): string | undefined {
	const what = `${c.category} / ${c.name}`;
	const trace = stackTraceIn(r.body);
	if (trace) return `${what}: the answer shows ${trace}`;
	if (secrets.some((secret) => r.body.includes(secret))) return `${what}: the answer contains a key or secret`;
	if (r.status === 0) return `${what}: no answer (${r.error ?? ''})`;
	if (startedAWorkflow(r)) return `${what}: accepted (${r.status} ${r.body.slice(0, 120)})`;
	const body = answerObject(r.body);
	const ok = {
		refused: (r.status >= 400 && r.status < 500) || (c.n8nAnswers ?? []).includes(r.status),
		ping: r.status === 200 && body?.eventId === undefined,
		duplicate: r.status === 200 && body?.duplicate === true,
		preflight: (r.status >= 400 && r.status < 500) || ((r.status === 204 || r.status === 200) && r.body === ''),
	}[c.expect];
	return ok ? undefined : `${what}: answered ${r.status} ${r.body.slice(0, 120)}, expected ${c.expect}`;
}

/**
 * Sends the corpus category by category (n8n ready before each, its health checked after), to `<base>/webhook/<webhookId>/<path>`.
 * Every answer goes to `answers` for the secret scan; returns the problems found and one table line per category.
 */
export async function runHostileCorpus(options: {
	n8n: N8nServer;
	webhookId: string;
	corpus: HostileRequest[];
	/** Keys and secrets no answer may contain. */
	secrets: string[];
	answers: Array<{ source: string; text: string }>;
}): Promise<{ problems: string[]; table: string[] }> {
	const { n8n, corpus } = options;
	const problems: string[] = [];
	const table: string[] = [];
	for (const category of [...new Set(corpus.map((c) => c.category))]) {
		await waitUntilReady(n8n);
		const cases = corpus.filter((c) => c.category === category);
		const statuses: Record<number, number> = {};
		let asExpected = 0;
		const urlOf = (c: HostileRequest) => `${n8n.baseUrl}/webhook/${c.webhookId ?? options.webhookId}/${c.path}`;
		for (const url of [...new Set(cases.map(urlOf))]) {
			const batch = cases.filter((c) => urlOf(c) === url);
			const heavy = batch.some((c) => (c.request.body?.length ?? 0) > 4 * 1024 * 1024);
			const report = await runLoad({
				url,
				count: batch.length,
				concurrency: heavy ? 1 : 4,
				timeCapMs: 5 * MINUTE,
				requestTimeoutMs: MINUTE,
				request: (i) => batch[i].request,
			});
			for (const r of report.results) {
				const c = batch[r.index];
				statuses[r.status] = (statuses[r.status] ?? 0) + 1;
				options.answers.push({ source: `hostile answer: ${c.category} / ${c.name}`, text: r.body });
				const problem = problemWith(c, r, options.secrets);
				if (problem) problems.push(problem);
				else asExpected++;
			}
		}
		const health = await n8nHealthy(n8n);
		if (!health.ok) problems.push(`n8n is not healthy after "${category}": ${health.detail}`);
		table.push(`  ${category.padEnd(18)} tried ${String(cases.length).padStart(3)}  as expected ${String(asExpected).padStart(3)}  statuses ${JSON.stringify(statuses)}  n8n ${health.ok ? 'alive' : health.detail}`);
	}
	return { problems, table };
}

/** Scans the workflow's executions (those not in `scanned` yet are fetched), every n8n log line and every answer for the secrets. */
export async function scanForSecrets(options: {
	n8n: N8nServer;
	workflowIds: string[];
	/** Executions already fetched with data (id → JSON); the newer ones are added. */
	scanned: Map<string, string>;
	answers: Array<{ source: string; text: string }>;
	secrets: Iterable<string>;
}): Promise<SecretScanner> {
	const { n8n, scanned } = options;
	for (const workflowId of options.workflowIds) {
		const ofWorkflow = [...scanned].filter(([, text]) => text.includes(`"workflowId":${JSON.stringify(workflowId)}`));
		const newest = ofWorkflow.reduce((max, [id]) => Math.max(max, Number(id)), 0);
		for (const execution of await fetchExecutions(n8n, workflowId, { includeData: true, afterId: newest })) {
			scanned.set(String(execution.id), JSON.stringify(execution));
		}
	}
	const scanner = new SecretScanner();
	for (const secret of options.secrets) scanner.addLiteral(secret);
	for (const [id, text] of scanned) scanner.scan(`execution ${id}`, text);
	n8n.log().split('\n').forEach((line, i) => scanner.scan(`n8n log line ${i + 1}`, line));
	for (const { source, text } of options.answers) scanner.scan(source, text);
	return scanner;
}
