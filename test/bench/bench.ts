// `npm run bench`: figures and ratios for the package against a real n8n 2.x (the first of N8N_TARGETS; SQLite, default settings)
// and the PayRam simulator, all on loopback. Writes BENCHMARKS.md. A benchmark, not a timed test: it fails only
// when it cannot measure, never because a figure misses its target.
import type { AxiosInstance } from 'axios';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { installN8n, N8N_TARGETS, N8nServer } from '../../testing/n8n/n8n';
import { repositoryPackages } from '../../testing/packages';
import { referralJson } from '../../packages/uppromote/test/simulator/records';
import { newWebhookSecret, signatureFor as referralRocketSignature } from '../../packages/referral-rocket/test/simulator/webhooks';
import { signatureFor as upPromoteSignature, startUpPromoteSimulator, type UpPromoteSimulator } from '../../packages/uppromote/test/simulator/server';
import { freePort } from '../e2e/support';
import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { paymentPayload, signatureFor } from '../simulator/webhooks';
import { combine, isNoAnswer, runLoad, type LoadReport, type LoadRequest } from '../../testing/n8n/load';
import { renderMarkdown, renderStdout, type BenchResults, type BulkResult, type RateResult, type RoundResult, type WebhookResults } from './report';
import { rateLimitFigures, returnedOnce } from './rateLimit';
import { rateLimitCases, upPromoteCredentials, upTriggerWorkflow, UP_EVENT, UP_EVENT_PATH, UP_TRIGGER_WORKFLOW_ID, type RateCase } from './uppromote';
import { referralRocketCredentials, rewardUnlockedBodies, rrTriggerWorkflow, RR_PATH, RR_TRIGGER_WORKFLOW_ID, RR_UNCALLED_BASE_URL } from './referralRocket';
import { mergeResults, missingPhases, selectPhases, type BenchPhase } from './phases';
import { cpuBetween, cpuMark, waitForQuiet } from './cpu';
import { liveChildren, measurePackageCost, stopChild } from './startup';
import {
	bulkCases,
	credentialsFile,
	MEASURED_NODE,
	PURCHASE_EVENT,
	triggerWorkflow,
	TRIGGER_WORKFLOW_ID,
	webhookWorkflow,
	WEBHOOK_PATH,
	WEBHOOK_WORKFLOW_ID,
	type BulkCase,
	type BulkOperation,
} from './workflows';

const ROOT = path.resolve(__dirname, '../..');
const WORK = path.join(ROOT, '.e2e', 'bench');
/** Every phase's figures with the run they come from; a run replaces the phases it measured, and BENCHMARKS.md is rendered from it. */
const SAVED_RESULTS = path.join(__dirname, 'results.json');

/** PAYRAM_BENCH_QUICK=1: small counts to check the bench itself; its report goes to .e2e/bench, not BENCHMARKS.md. */
const QUICK = process.env.PAYRAM_BENCH_QUICK === '1';
/** PAYRAM_BENCH_PHASES=referral-rocket,bulk: only those phases (default all; the names are in phases.ts). */
const PHASES = selectPhases(process.env.PAYRAM_BENCH_PHASES);
/** PAYRAM_BENCH_QUIET_MAX_MIN caps each wait for a quiet machine (default 15 min before the first phase, 5 before the others). */
const QUIET_MAX_MS = process.env.PAYRAM_BENCH_QUIET_MAX_MIN ? Number(process.env.PAYRAM_BENCH_QUIET_MAX_MIN) * 60_000 : Infinity;
const CONCURRENCY = 20;
const WARMUP = 40;
/** Accepted path: two rounds per target, ABBA order, so linear drift (a growing database) falls on both alike. */
const ACCEPT_ROUND = QUICK ? 40 : 200;
/** Rejections are much faster: larger rounds so each lasts long enough to time. */
const REJECT_ROUND = QUICK ? 100 : 500;
const ROUND_MAX_MS = 120_000;
const DRAIN_MAX_MS = 180_000;
const BULK_ITEMS = QUICK ? 100 : 1000;
const SIM_LATENCY_MS = 20;
const STARTS = QUICK ? 1 : 3;
const IDLE_MS = 5000;
const WRONG_KEY = 'wrong_key_not_the_project_key_0000';
/** Sister triggers' rounds: forged requests are as slow as accepted ones on default n8n, so both rounds stay at 200. */
const SIGNED_ACCEPT_ROUND = QUICK ? 40 : 200;
const SIGNED_REJECT_ROUND = QUICK ? 40 : 200;
const FORGED_SECRET = '0123456789abcdef0123456789abcdef';
/** The UpPromote store of the rate-limit runs, and how many Get Affiliate items they read. */
const UP_AFFILIATES = QUICK ? 1000 : 10_000;
const UP_GET_ITEMS = QUICK ? 300 : 1000;
/** UpPromote's 120 calls per 60-second window, the window scaled to 3 s (see BENCHMARKS.md for why the ratio holds at any scale). */
const UP_LIMIT = 120;
const UP_TIME_SCALE = 0.05;
const UP_WINDOW_MS = 60_000 * UP_TIME_SCALE;
/** n8n 2.x setting: create an expression isolate only when an expression needs one (default: one per phase). */
const LAZY_ACQUIRE = 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE';

function log(line: string): void {
	process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- machine, versions, package

function machine(): Omit<BenchResults['machine'], 'loadAtStart'> {
	const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
	const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim() ?? 'unknown';
	const memKb = Number(/^MemTotal:\s*(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
	return { cores: os.cpus().length, memoryGiB: memKb / 1024 / 1024, cpuModel: model, kernel: os.release() };
}

function packPackage(dest: string, dir = ROOT): BenchResults['pack'] {
	mkdirSync(dest, { recursive: true });
	const out = spawnSync('npm', ['pack', '--json', '--pack-destination', dest], { cwd: dir, encoding: 'utf8' });
	if (out.status !== 0) throw new Error(`npm pack failed: ${out.stderr}`);
	const [info] = JSON.parse(out.stdout.slice(out.stdout.indexOf('['))) as Array<{ filename: string; size: number; unpackedSize: number; entryCount: number }>;
	return { tarball: path.join(dest, info.filename), size: info.size, unpackedSize: info.unpackedSize, files: info.entryCount };
}

// ---------------------------------------------------------------- simulator data

async function api<T>(sim: PayRamSimulator, method: string, route: string, body: unknown): Promise<T> {
	const res = await fetch(`${sim.url}${route}`, {
		method,
		headers: { 'Content-Type': 'application/json', 'API-Key': sim.apiKey },
		body: JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

async function createPayments(sim: PayRamSimulator, count: number): Promise<string[]> {
	const refs: string[] = [];
	for (let i = 0; i < count; i++) {
		// One customer per link: PayRam cancels a customer's earlier open link.
		const created = await api<{ reference_id: string }>(sim, 'POST', '/api/v1/payment', {
			customerEmail: `bench${i}@example.com`,
			customerId: `bench_cust_${i}`,
			amountInUSD: 10 + (i % 90),
			invoiceID: `bench-order-${i}`,
		});
		refs.push(created.reference_id);
	}
	return refs;
}

// ---------------------------------------------------------------- webhook path

/** One side of a webhook comparison: where it listens, its workflow, and `count` requests it accepts or must refuse. */
interface Side {
	url: string;
	workflowId: string;
	requests(accepted: boolean, count: number): LoadRequest[];
}

/** A trigger of ours and n8n's Webhook node, fed the same bodies at the same concurrency on the same n8n. */
interface Pair {
	trigger: Side;
	webhook: Side;
	acceptRound: number;
	rejectRound: number;
	payloadBytes: number;
}

let bodyCounter = 0;

/** The PayRam pair: a signed FILLED payment event; the Webhook node checks the same `API-Key` by Header Auth. */
function payRamPair(triggerUrl: string, webhookUrl: string, template: Record<string, unknown>, apiKey: string): Pair {
	const payload = () => {
		bodyCounter += 1;
		return JSON.stringify({ ...template, reference_id: randomUUID(), invoice_id: `bench-webhook-${bodyCounter}` });
	};
	const side = (url: string, workflowId: string, signed: boolean): Side => ({
		url,
		workflowId,
		requests: (accepted, count) =>
			Array.from({ length: count }, () => {
				const key = accepted ? apiKey : WRONG_KEY;
				const body = payload();
				const headers: Record<string, string> = { 'Content-Type': 'application/json', 'API-Key': key };
				if (signed) headers['X-Payram-Signature'] = signatureFor(key, body);
				return { headers, body };
			}),
	});
	return {
		trigger: side(triggerUrl, TRIGGER_WORKFLOW_ID, true),
		webhook: side(webhookUrl, WEBHOOK_WORKFLOW_ID, false),
		acceptRound: ACCEPT_ROUND,
		rejectRound: REJECT_ROUND,
		payloadBytes: Buffer.byteLength(payload()),
	};
}

/** A sister package's trigger: its URL and workflow, its body number `n`, and the signature headers of a body. */
interface SignedTrigger {
	url: string;
	workflowId: string;
	body(n: number): string;
	signedHeaders(secret: string, body: string): Record<string, string>;
	secret: string;
}

/**
 * A sister package's trigger and the Webhook node fed the same bodies: the trigger's signed with its secret (forged:
 * with another secret), the Webhook node's with the `API-Key` its Header Auth checks (forged: a wrong one).
 */
function signedTriggerPair(trigger: SignedTrigger, webhookUrl: string, apiKey: string): Pair {
	const payload = () => {
		bodyCounter += 1;
		return trigger.body(bodyCounter);
	};
	return {
		trigger: {
			url: trigger.url,
			workflowId: trigger.workflowId,
			requests: (accepted, count) =>
				Array.from({ length: count }, () => {
					const body = payload();
					return { headers: { 'Content-Type': 'application/json', ...trigger.signedHeaders(accepted ? trigger.secret : FORGED_SECRET, body) }, body };
				}),
		},
		webhook: {
			url: webhookUrl,
			workflowId: WEBHOOK_WORKFLOW_ID,
			requests: (accepted, count) =>
				Array.from({ length: count }, () => ({ headers: { 'Content-Type': 'application/json', 'API-Key': accepted ? apiKey : WRONG_KEY }, body: payload() })),
		},
		acceptRound: SIGNED_ACCEPT_ROUND,
		rejectRound: SIGNED_REJECT_ROUND,
		payloadBytes: Buffer.byteLength(payload()),
	};
}

/** A round of prepared requests; answers are counted, not kept. */
function load(url: string, concurrency: number, requests: LoadRequest[], timeCapMs: number): Promise<LoadReport> {
	return runLoad({ url, concurrency, count: requests.length, request: (index) => requests[index], timeCapMs, maxBodyChars: 0 });
}

async function countExecutions(publicApi: AxiosInstance, workflowId: string, status?: string): Promise<number> {
	let count = 0;
	let cursor: string | undefined;
	for (let page = 0; page < 200; page++) {
		const res = await publicApi.get('/executions', {
			params: { workflowId, limit: 250, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) },
		});
		if (res.status !== 200) throw new Error(`executions: ${res.status} ${JSON.stringify(res.data)}`);
		count += (res.data.data as unknown[]).length;
		cursor = res.data.nextCursor ?? undefined;
		if (!cursor) return count;
	}
	throw new Error('too many execution pages');
}

/** Waits until `expected` successful executions of the workflow are saved; ms since `since`, or undefined on time-out. */
async function drain(publicApi: AxiosInstance, workflowId: string, expected: number, since: number): Promise<number | undefined> {
	const deadline = Date.now() + DRAIN_MAX_MS;
	while (Date.now() < deadline) {
		if ((await countExecutions(publicApi, workflowId, 'success')) >= expected) return Date.now() - since;
		await sleep(250);
	}
	return undefined;
}

async function webhookBench(n8n: N8nServer, pair: Pair, label: string): Promise<WebhookResults> {
	const publicApi = await n8n.publicApi();
	const ids = { trigger: pair.trigger.workflowId, webhook: pair.webhook.workflowId } as const;
	const urls = { trigger: pair.trigger.url, webhook: pair.webhook.url } as const;
	const accepted = { trigger: 0, webhook: 0 };
	const acceptRounds: RoundResult[] = [];
	// The Webhook node's workflow serves both triggers' comparisons: count only the executions this comparison adds.
	const before = { trigger: await countExecutions(publicApi, ids.trigger), webhook: await countExecutions(publicApi, ids.webhook) };
	const successBefore = { trigger: await countExecutions(publicApi, ids.trigger, 'success'), webhook: await countExecutions(publicApi, ids.webhook, 'success') };

	const acceptRound = async (target: 'trigger' | 'webhook', count: number, warmup: boolean): Promise<LoadReport> => {
		const requests = pair[target].requests(true, count);
		const since = Date.now();
		const result = await load(urls[target], CONCURRENCY, requests, ROUND_MAX_MS);
		accepted[target] += result.statuses['200'] ?? 0;
		// Let this round's executions finish before the next round starts, so no backlog spills into the other target.
		const doneMs = await drain(publicApi, ids[target], successBefore[target] + accepted[target], since);
		log(
			`${label} ${warmup ? 'warm-up ' : ''}${target}: ${result.started} requests, ${result.requestsPerSecond.toFixed(1)} req/s, ` +
				`p50 ${result.latencyMs.p50.toFixed(1)} ms, p99 ${result.latencyMs.p99.toFixed(1)} ms, ${JSON.stringify(result.statuses)}, ` +
				`executions saved after ${doneMs === undefined ? 'TIMEOUT' : `${(doneMs / 1000).toFixed(2)} s`}`,
		);
		if (!warmup) acceptRounds.push({ target, result, doneMs });
		return result;
	};

	// Publishing registers the production webhooks shortly after the API answers: wait until neither URL answers 404.
	for (const target of ['trigger', 'webhook'] as const) {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const probe = await load(urls[target], 1, pair[target].requests(false, 1), 10_000);
			if (!probe.statuses['404'] && !Object.keys(probe.statuses).some(isNoAnswer)) break;
			if (Date.now() > deadline) throw new Error(`${target} webhook still not registered: ${JSON.stringify(probe.statuses)}`);
			await sleep(250);
		}
	}

	log(`${label} webhook path: warm-up ${WARMUP} each, then ${pair.acceptRound} per round in order trigger, webhook, webhook, trigger (concurrency ${CONCURRENCY})`);
	await acceptRound('trigger', WARMUP, true);
	await acceptRound('webhook', WARMUP, true);
	for (const target of ['trigger', 'webhook', 'webhook', 'trigger'] as const) await acceptRound(target, pair.acceptRound, false);

	const executionsAfterAccept = {
		trigger: (await countExecutions(publicApi, ids.trigger)) - before.trigger,
		webhook: (await countExecutions(publicApi, ids.webhook)) - before.webhook,
	};
	const successAfterAccept = {
		trigger: (await countExecutions(publicApi, ids.trigger, 'success')) - successBefore.trigger,
		webhook: (await countExecutions(publicApi, ids.webhook, 'success')) - successBefore.webhook,
	};

	log(`${label} rejection path: warm-up ${WARMUP} each, then ${pair.rejectRound} per round, same order`);
	const rejectRounds: RoundResult[] = [];
	const rejectRound = async (target: 'trigger' | 'webhook', count: number, warmup: boolean) => {
		const requests = pair[target].requests(false, count);
		const result = await load(urls[target], CONCURRENCY, requests, ROUND_MAX_MS);
		log(`${label} ${warmup ? 'warm-up ' : ''}${target} refused: ${result.started} requests, ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${result.latencyMs.p50.toFixed(1)} ms, p99 ${result.latencyMs.p99.toFixed(1)} ms, ${JSON.stringify(result.statuses)}`);
		if (!warmup) rejectRounds.push({ target, result });
	};
	await rejectRound('trigger', WARMUP, true);
	await rejectRound('webhook', WARMUP, true);
	for (const target of ['trigger', 'webhook', 'webhook', 'trigger'] as const) await rejectRound(target, pair.rejectRound, false);
	// Anything a rejected request started would be saved within a few seconds.
	await sleep(3000);
	const executionsAfterReject = {
		trigger: (await countExecutions(publicApi, ids.trigger)) - before.trigger,
		webhook: (await countExecutions(publicApi, ids.webhook)) - before.webhook,
	};

	const pick = (rounds: RoundResult[], target: 'trigger' | 'webhook') => combine(rounds.filter((r) => r.target === target).map((r) => r.result));
	return {
		concurrency: CONCURRENCY,
		warmup: WARMUP,
		acceptRound: pair.acceptRound,
		rejectRound: pair.rejectRound,
		payloadBytes: pair.payloadBytes,
		acceptRounds,
		rejectRounds,
		accept: { trigger: pick(acceptRounds, 'trigger'), webhook: pick(acceptRounds, 'webhook') },
		reject: { trigger: pick(rejectRounds, 'trigger'), webhook: pick(rejectRounds, 'webhook') },
		accepted,
		executionsAfterAccept,
		successAfterAccept,
		executionsStartedByRejections: {
			trigger: executionsAfterReject.trigger - executionsAfterAccept.trigger,
			webhook: executionsAfterReject.webhook - executionsAfterAccept.webhook,
		},
	};
}

// ---------------------------------------------------------------- bulk

type Json = Record<string, unknown>;

/** Peak number of PayRam calls arriving within one latency window: close to the peak the node had in flight. */
function peakInFlight(sim: PayRamSimulator, from: number, windowMs: number): { calls: number; peak: number } {
	const arrivals = sim.requests
		.slice(from)
		.filter((r) => r.path.startsWith('/api/v1/'))
		.map((r) => Date.parse(r.at))
		.sort((a, b) => a - b);
	let peak = 0;
	let start = 0;
	for (let i = 0; i < arrivals.length; i++) {
		while (arrivals[i] - arrivals[start] >= windowMs) start++;
		peak = Math.max(peak, i - start + 1);
	}
	return { calls: arrivals.length, peak };
}

async function runBulk(n8n: N8nServer, sim: PayRamSimulator, bulk: BulkCase, inputs: Record<BulkOperation, Json[]>): Promise<BulkResult> {
	const before = sim.requests.length;
	const wall = Date.now();
	const { ok, run, output } = await n8n.executeWorkflow(bulk.id);
	const wallMs = Date.now() - wall;
	const calls = peakInFlight(sim, before, SIM_LATENCY_MS);
	const task = (run?.data?.resultData?.runData?.[MEASURED_NODE]?.[0] ?? undefined) as
		| { executionTime?: number; error?: { message?: string }; data?: { main?: Array<Array<{ json: Json }> | null> } }
		| undefined;
	const items = (task?.data?.main?.[0] ?? []).map((i) => i.json);
	const expected = inputs[bulk.operation];
	let inOrder = items.length === expected.length;
	for (let i = 0; inOrder && i < items.length; i++) {
		inOrder =
			bulk.operation === 'getPayment'
				? items[i].referenceID === expected[i].referenceId
				: items[i].eventKey === PURCHASE_EVENT && Number(items[i].amount) === Number(expected[i].amount);
	}
	const problem = !ok
		? `n8n execute failed: ${output.slice(-600)}`
		: task?.error
			? `node error: ${task.error.message}`
			: task?.executionTime === undefined
				? 'no executionTime in run data'
				: undefined;
	const result: BulkResult = {
		id: bulk.id,
		operation: bulk.operation,
		variant: bulk.variant,
		label: bulk.label,
		executionTimeMs: task?.executionTime,
		cliWallMs: wallMs,
		items: items.length,
		inOrder,
		apiCalls: calls.calls,
		peakInFlight: calls.peak,
		expressionsPerItem: expressionsPerItem(bulk),
		problem,
	};
	log(
		`bulk ${bulk.operation} ${bulk.label}: node ${result.executionTimeMs ?? '?'} ms, ${result.items} items, ` +
			`${inOrder ? 'in input order' : 'NOT in input order'}, ${calls.calls} PayRam calls, ≈${calls.peak} in flight at peak` +
			`${problem ? `; PROBLEM: ${problem}` : ''}`,
	);
	return result;
}

// ---------------------------------------------------------------- UpPromote against its rate limit

type TaskData = { executionTime?: number; error?: { message?: string }; data?: { main?: Array<Array<{ json: Json }> | null> } };

/** What the measured node returned against what it had to: every affiliate once (Return All), each input's affiliate in order (Get). */
function checkRateOutput(rateCase: RateCase, items: Json[], storeIds: number[], inputIds: number[]): { ok: boolean; check: string } {
	const http = rateCase.variant.kind === 'http';
	if (rateCase.operation === 'returnAll') {
		// The HTTP Request node returns one item per page, the affiliates under `data`.
		const ids = http ? items.flatMap((page) => ((page.data as Json[] | undefined) ?? []).map((affiliate) => affiliate.id)) : items.map((affiliate) => affiliate.id);
		const once = returnedOnce(ids, storeIds);
		const ok = once.missing === 0 && once.duplicated === 0 && once.unexpected === 0;
		return { ok, check: `${ids.length} affiliates of ${storeIds.length}${http ? ` on ${items.length} page items` : ''}; missing ${once.missing}, twice ${once.duplicated}, unknown ${once.unexpected}` };
	}
	const ids = items.map((item) => (http ? (item.data as Json | undefined)?.id : item.id));
	const inOrder = ids.length === inputIds.length && ids.every((id, index) => Number(id) === inputIds[index]);
	return { ok: inOrder, check: `${ids.length} of ${inputIds.length} affiliates${inOrder ? ', input order' : ', NOT the inputs in order'}` };
}

async function runRateCase(n8n: N8nServer, sim: UpPromoteSimulator, windowMs: number, rateCase: RateCase, inputIds: number[]): Promise<RateResult> {
	// Let any window an earlier call opened end, so the run starts on a fresh one as a workflow started later would.
	if (rateCase.store === 'scaled') await sleep(windowMs);
	const storeIds = sim.state.affiliates.map((affiliate) => affiliate.id);
	const before = sim.requests.length;
	const { ok, run, output } = await n8n.executeWorkflow(rateCase.id);
	const calls = sim.requests
		.slice(before)
		.filter((request) => request.path.startsWith('/api/v2/'))
		.map((request) => ({ at: Date.parse(request.at), status: request.status }));
	const figures = rateLimitFigures(calls, windowMs, UP_LIMIT);
	const task = run?.data?.resultData?.runData?.[MEASURED_NODE]?.[0] as TaskData | undefined;
	const items = (task?.data?.main?.[0] ?? []).map((item) => item.json);
	const { ok: outputOk, check } = checkRateOutput(rateCase, items, storeIds, inputIds);
	const failure = task?.error?.message ?? run?.data?.resultData?.error?.message;
	const problem = failure ? `node error: ${failure}` : !ok ? `n8n execute failed: ${output.slice(-600)}` : task?.executionTime === undefined ? 'no executionTime in run data' : undefined;
	const result: RateResult = {
		id: rateCase.id,
		operation: rateCase.operation,
		variant: rateCase.variant,
		label: rateCase.label,
		settings: rateCase.settings,
		windowMs,
		executionTimeMs: task?.executionTime,
		items: items.length,
		outputOk,
		check,
		figures,
		problem,
	};
	log(
		`rate limit ${rateCase.operation} ${rateCase.label}: ${figures.calls} calls (${figures.succeeded} ok, ${figures.throttled}× 429, ${figures.failed} failed) ` +
			`over ${(figures.spanMs / 1000).toFixed(2)} s, ${figures.windows} windows (fewest ${figures.fewestWindows}), ` +
			`${figures.perWindow?.toFixed(1) ?? '–'} per window = ${figures.ratio?.toFixed(2) ?? '–'}× of ${UP_LIMIT}; ${check}${problem ? `; PROBLEM: ${problem.slice(0, 300)}` : ''}`,
	);
	return result;
}

// ---------------------------------------------------------------- facts behind the figures

/** Facts about the code under test that explain figures; checked each run, so the report never states a stale one. */
function n8nFindings(n8nDir: string): BenchResults['findings'] {
	const read = (file: string) => {
		try {
			return readFileSync(path.join(n8nDir, 'node_modules', file), 'utf8');
		} catch {
			return '';
		}
	};
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { PayRamTrigger } = require(path.join(ROOT, 'dist/nodes/PayRamTrigger/PayRamTrigger.node.js')) as { PayRamTrigger: new () => { description: { version: number | number[] } } };
	const version = new PayRamTrigger().description.version;
	const helpers = read('n8n/dist/webhooks/webhook-helpers.js');
	const liveWebhooks = read('n8n/dist/webhooks/live-webhooks.js');
	const engineConfig = read('@n8n/config/dist/configs/expression-engine.config.js');
	const httpRequest = read('n8n-nodes-base/dist/nodes/HttpRequest/V3/HttpRequestV3.node.js');
	const lines = liveWebhooks.split('\n');
	/** Lines of live-webhooks.js (numbered from 1) from the first matching `from` up to the first following `to`. */
	const quote = (from: RegExp, to: RegExp) => {
		const start = lines.findIndex((line) => from.test(line));
		if (start < 0) return [];
		const end = lines.findIndex((line, index) => index > start && to.test(line));
		return lines.slice(start, end < 0 ? start + 1 : end + 1).map((text, index) => ({ line: start + index + 1, text }));
	};
	return {
		triggerTypeVersion: Array.isArray(version) ? Math.max(...version) : version,
		// n8n acquires an expression isolate for the webhook phase of every start node but its own Webhook node.
		webhookIsolateUnlessWebhookNode: /startNode\.type !== n8n_workflow_1\.WEBHOOK_NODE_TYPE\)\s*return true;/.test(liveWebhooks) && /acquireIsolate\(\)/.test(liveWebhooks),
		// The gate itself, quoted in BENCHMARKS.md: where n8n acquires the isolate, and when it may skip it.
		isolateGate: [
			...quote(/if \(this\.webhookPhaseNeedsIsolate\(startNode\)\)/, /^\s*\}$/),
			...quote(/^\s*webhookPhaseNeedsIsolate\(startNode\) \{/, /^ {4}\}$/),
		],
		// The setting that makes n8n create an isolate only when an expression needs one.
		lazyAcquireSetting: engineConfig.includes(`'${LAZY_ACQUIRE}'`),
		// The HTTP Request node only waits between batches when the interval is above 0.
		httpBatchWaitsOnlyWithInterval: /batchInterval > 0\) \{\s*if \(itemIndex % batchSize === 0\)/.test(httpRequest),
		// For "respond on receipt", n8n answers only once WorkflowRunner.run has created the execution.
		webhookNodeDefersOnReceived: /shouldDeferOnReceivedResponse = responseMode === 'onReceived' && !didSendResponse/.test(helpers),
	};
}

/** Expressions the measured node evaluates per item (parameters starting with "="). */
function expressionsPerItem(bulk: BulkCase): number {
	const node = bulk.workflow.nodes.find((n) => n.name === MEASURED_NODE)!;
	const count = (value: unknown): number =>
		typeof value === 'string' ? (value.startsWith('=') ? 1 : 0) : value && typeof value === 'object' ? Object.values(value).reduce((n: number, v) => n + count(v), 0) : 0;
	return count(node.parameters);
}

// ---------------------------------------------------------------- main

function killOwnChildren(): void {
	// Children this process started (n8n, n8n CLI runs): found by parent PID, stopped by PID.
	for (const child of liveChildren) child.kill('SIGTERM');
	for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === process.pid) process.kill(Number(entry), 'SIGTERM');
		} catch {
			// gone already
		}
	}
}

async function main(): Promise<void> {
	const benchStarted = Date.now();
	// Other work on the machine skews every figure: note how busy it was before the bench started anything.
	const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
	const { version, nodeMajor } = N8N_TARGETS[0];
	const runs = (phase: BenchPhase) => PHASES.includes(phase);
	const triggerPhases = PHASES.filter((phase) => phase === 'payram' || phase === 'uppromote' || phase === 'referral-rocket');
	const withUpPromote = runs('uppromote') || runs('rate-limit');
	log(`phases: ${PHASES.join(', ')}`);
	rmSync(WORK, { recursive: true, force: true });
	mkdirSync(WORK, { recursive: true });

	const install = installN8n(version, nodeMajor);
	const n8nVersion = JSON.parse(readFileSync(path.join(install.dir, 'node_modules/n8n/package.json'), 'utf8')).version as string;
	const n8nNode = spawnSync(install.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
	// Every package of the repository goes into the bench's n8n, as a user with all of them installs them.
	const packs = repositoryPackages().map((p) => ({ name: p.name, ...packPackage(path.join(WORK, 'pack'), p.dir) }));
	for (const p of packs) log(`packed ${path.basename(p.tarball)}: ${p.size} B, unpacked ${p.unpackedSize} B`);
	const pack = packs.find((p) => p.name === pkg.name)!;
	const findings = n8nFindings(install.dir);
	// CPU figures and waits carry their run (its end, set below) and the phases they cover.
	const runTag = { run: '', phases: [] as BenchPhase[] };
	const quietWaits: BenchResults['quietWaits'] = [];
	/** Other sessions may share the machine: wait (bounded) for it to be mostly idle before each measured phase. */
	const quietBefore = async (phase: string, phases: BenchPhase[], maxWaitMs: number) => {
		const q = await waitForQuiet({ maxWaitMs: QUICK ? 0 : Math.min(maxWaitMs, QUIET_MAX_MS), sampleMs: 5000, maxOtherPct: 10, log });
		quietWaits.push({ ...runTag, phases, phase, ...q });
		log(`before the ${phase}: other processes use ${q.otherPct.toFixed(0)}% of the machine${q.quiet ? '' : ' (not quiet; running anyway)'}`);
	};
	let waits = 0;
	/** The first phase may wait up to 15 min for a quiet machine, the others 5. */
	const waitLimit = () => (waits++ === 0 ? 15 * 60_000 : 5 * 60_000);

	let sim: PayRamSimulator | undefined;
	let n8n: N8nServer | undefined;
	const onSignal = (signal: NodeJS.Signals) => {
		log(`${signal}: stopping what the bench started`);
		killOwnChildren();
		void Promise.allSettled([n8n?.stop(), sim?.close()]).finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	const measured: Partial<BenchResults> = {};
	let upSim: UpPromoteSimulator | undefined;
	let upSimRealTime: UpPromoteSimulator | undefined;
	const cpu: BenchResults['cpu'] = [];
	const benchMark = cpuMark();
	/** Measures `work` as one phase of the CPU table, after waiting for a quiet machine. */
	const phaseOf = async <T>(label: string, phases: BenchPhase[], work: () => Promise<T>): Promise<T> => {
		await quietBefore(label, phases, waitLimit());
		const mark = cpuMark();
		const result = await work();
		cpu.push({ ...runTag, phases, phase: label, ...cpuBetween(mark, cpuMark()) });
		return result;
	};
	try {
		// The PayRam simulator's key is what the Webhook node's Header Auth checks, in every trigger's comparison.
		sim = await startSimulator({ port: 0, host: '127.0.0.1' });
		const bulkItems = runs('bulk') ? BULK_ITEMS : 0;
		log(`simulator at ${sim.url}; creating ${bulkItems} payments and one referrer`);
		const refs = await createPayments(sim, bulkItems);
		const memberReferenceId = 'bench_referrer_1';
		await api(sim, 'POST', '/api/v1/referral/referrers/authenticate', { email: 'referrer@example.com', referenceID: memberReferenceId });
		const inputs: Record<BulkOperation, Json[]> = {
			getPayment: refs.map((referenceId) => ({ referenceId })),
			logEvent: refs.map((_, i) => ({ memberReferenceId, amount: `${i + 1}.25` })),
		};
		// The webhook body: what current PayRam POSTs for a FILLED payment (no webhook target set: nothing is sent now).
		const [paid] = await createPayments(sim, 1);
		await sim.pay(paid, { state: 'FILLED' });
		const template = paymentPayload('current', sim.state.payments.get(paid)!, new Date());

		let upTemplate: Record<string, unknown> = {};
		let getIds: number[] = [];
		let rateCases: RateCase[] = [];
		if (withUpPromote) {
			upSim = await startUpPromoteSimulator({ port: 0, host: '127.0.0.1', timeScale: UP_TIME_SCALE, extraAffiliates: UP_AFFILIATES });
			// Return All's calls fit in one window: it runs against a store with UpPromote's real 60 s window (see BENCHMARKS.md).
			upSimRealTime = await startUpPromoteSimulator({ port: 0, host: '127.0.0.1', extraAffiliates: UP_AFFILIATES });
			log(`UpPromote simulator at ${upSim.url}: ${upSim.state.affiliates.length} affiliates, ${UP_LIMIT} calls per ${UP_WINDOW_MS / 1000} s window (time scale ${UP_TIME_SCALE})`);
			// The trigger's body: the referral.new UpPromote sends for a tracked order (nothing subscribed yet: nothing is sent now).
			const referral = await upSim.createReferral({ affiliate_id: 2029238, total_sales: '80.00', commission: '8.00', order_id: 5938271239999, order_number: 1099, customer_email: 'buyer@example.com' });
			upTemplate = referralJson(upSim.state, referral.record);
			getIds = upSim.state.affiliates.map((affiliate) => affiliate.id).sort((a, b) => a - b).slice(0, UP_GET_ITEMS);
			rateCases = rateLimitCases(upSim.baseUrl, upSimRealTime.baseUrl, getIds, UP_WINDOW_MS, UP_LIMIT);
		}
		// Referral Rocket's dashboard shows the endpoint's secret; the builder copies it into the credential.
		const rrSecret = newWebhookSecret();
		const rrBody = rewardUnlockedBodies();

		const cases = runs('bulk')
			? bulkCases(sim.url, inputs, [
					{ code: 'C10', variant: { kind: 'payram', concurrency: 10 }, label: 'PayRam node, concurrency 10' },
					{ code: 'Http', variant: { kind: 'http' }, label: 'HTTP Request 4.2, batch 10 / 0 ms' },
					{ code: 'C1', variant: { kind: 'payram', concurrency: 1 }, label: 'PayRam node, concurrency 1' },
					{ code: 'C50', variant: { kind: 'payram', concurrency: 50 }, label: 'PayRam node, concurrency 50 (info)' },
				])
			: [];
		if (!runs('rate-limit')) rateCases = [];
		const triggerHookId = randomUUID();
		const upHookId = randomUUID();
		const rrHookId = randomUUID();
		// The Webhook node's workflow, and the trigger workflows of the phases this run measures.
		const triggerWorkflows = [
			...(runs('payram') ? [triggerWorkflow(triggerHookId)] : []),
			...(runs('uppromote') ? [upTriggerWorkflow(upHookId)] : []),
			...(runs('referral-rocket') ? [rrTriggerWorkflow(rrHookId)] : []),
		];
		const webhookWorkflows = triggerWorkflows.length ? [webhookWorkflow(randomUUID()), ...triggerWorkflows] : [];
		const workflows = [...webhookWorkflows, ...cases.map((c) => c.workflow), ...rateCases.map((c) => c.workflow)];

		/** An n8n of its own folder and database, with every package, the credentials, these workflows and the webhook workflows published. */
		const startN8n = async (folder: string, withWorkflows: typeof workflows, extraEnv?: Record<string, string>) => {
			const userFolder = path.join(WORK, folder);
			const server = new N8nServer({ version, nodeMajor, port: await freePort(), userFolder, extraEnv });
			server.prepare(packs.map((p) => p.tarball));
			const credentials = [
				...credentialsFile(sim!.url, sim!.apiKey),
				...(withUpPromote ? upPromoteCredentials(upSim!.baseUrl, upSimRealTime!.baseUrl, upSim!.apiKey) : []),
				...referralRocketCredentials(RR_UNCALLED_BASE_URL, rrSecret),
			];
			writeFileSync(path.join(userFolder, 'credentials.json'), JSON.stringify(credentials));
			writeFileSync(path.join(userFolder, 'workflows.json'), JSON.stringify(withWorkflows));
			await server.importCredentials(path.join(userFolder, 'credentials.json'));
			await server.importWorkflows(path.join(userFolder, 'workflows.json'));
			await server.start();
			// Publishing the UpPromote Trigger subscribes referral.new at the simulator, which pings the URL first.
			for (const published of webhookWorkflows) await server.publish(published.id);
			log(`n8n ${n8nVersion} ready at ${server.baseUrl} (pid ${server.pid})${extraEnv ? ` with ${JSON.stringify(extraEnv)}` : ''}`);
			return server;
		};
		const webhookUrl = (server: N8nServer) => `${server.baseUrl}/webhook/${WEBHOOK_PATH}`;
		const payRamPairOf = (server: N8nServer) => payRamPair(`${server.baseUrl}/webhook/${triggerHookId}/payram`, webhookUrl(server), template, sim!.apiKey);
		const upPromotePairOf = (server: N8nServer) => {
			const triggerUrl = `${server.baseUrl}/webhook/${upHookId}/${UP_EVENT_PATH}`;
			const subscription = upSim!.state.subscriptions.find((s) => s.event === UP_EVENT);
			if (subscription?.targetUrl !== triggerUrl) throw new Error(`${UP_EVENT} is not subscribed to ${triggerUrl}: ${JSON.stringify(subscription ?? null)}`);
			const body = (n: number) => JSON.stringify({ ...upTemplate, id: 5_000_000 + n, order_id: 7_000_000_000 + n, order_number: 100_000 + n });
			const signedHeaders = (secret: string, raw: string) => ({ 'X-UpPromote-Signature': upPromoteSignature(secret, raw) });
			return signedTriggerPair({ url: triggerUrl, workflowId: UP_TRIGGER_WORKFLOW_ID, body, signedHeaders, secret: subscription.secretKey }, webhookUrl(server), sim!.apiKey);
		};
		// Signed as Referral Rocket's Java sample signs: the secret's UTF-8 bytes are the key.
		const referralRocketPairOf = (server: N8nServer) =>
			signedTriggerPair(
				{
					url: `${server.baseUrl}/webhook/${rrHookId}/${RR_PATH}`,
					workflowId: RR_TRIGGER_WORKFLOW_ID,
					body: rrBody,
					signedHeaders: (secret, raw) => ({ 'X-RR-Signature': referralRocketSignature(secret, raw, 'utf8') }),
					secret: rrSecret,
				},
				webhookUrl(server),
				sim!.apiKey,
			);

		if (workflows.length) {
			log('importing credentials and workflows, starting n8n');
			n8n = await startN8n('n8n', workflows);
			const server = n8n;
			if (runs('payram')) measured.webhook = await phaseOf('webhook and rejection paths', ['payram'], () => webhookBench(server, payRamPairOf(server), 'PayRam'));
			if (runs('uppromote')) measured.upWebhook = await phaseOf('UpPromote Trigger paths', ['uppromote'], () => webhookBench(server, upPromotePairOf(server), 'UpPromote'));
			if (runs('referral-rocket')) {
				measured.rrWebhook = await phaseOf('Referral Rocket Trigger paths', ['referral-rocket'], () => webhookBench(server, referralRocketPairOf(server), 'Referral Rocket'));
			}
			if (runs('bulk')) {
				sim.setFaults({ latencyMs: SIM_LATENCY_MS });
				const bulk: BulkResult[] = [];
				await phaseOf('bulk runs', ['bulk'], async () => {
					log(`bulk: ${BULK_ITEMS} items per run, simulator latency ${SIM_LATENCY_MS} ms per call, each run through \`n8n execute\``);
					for (const bulkCase of cases) bulk.push(await runBulk(server, sim!, bulkCase, inputs));
				});
				Object.assign(measured, { bulk, bulkItems: BULK_ITEMS, simLatencyMs: SIM_LATENCY_MS });
				sim.setFaults({ latencyMs: 0 });
			}
			if (runs('rate-limit')) {
				const rateRuns: RateResult[] = [];
				await phaseOf('UpPromote rate-limit runs', ['rate-limit'], async () => {
					log(`UpPromote rate limit: Return All over ${upSim!.state.affiliates.length} affiliates and ${getIds.length} Get Affiliate items, ${UP_LIMIT} calls per ${UP_WINDOW_MS / 1000} s window`);
					for (const rateCase of rateCases) {
						const store = rateCase.store === 'scaled' ? { sim: upSim!, windowMs: UP_WINDOW_MS } : { sim: upSimRealTime!, windowMs: 60_000 };
						rateRuns.push(await runRateCase(server, store.sim, store.windowMs, rateCase, getIds));
					}
				});
				measured.rateLimit = { timeScale: UP_TIME_SCALE, windowMs: UP_WINDOW_MS, limit: UP_LIMIT, affiliates: upSim!.state.affiliates.length, getItems: UP_GET_ITEMS, runs: rateRuns };
			}
			await n8n.stop();
		}

		if (triggerPhases.length) {
			// The webhook paths again on a second n8n that differs only by the lazy-isolate setting; a fresh store, so the
			// UpPromote Trigger subscribes again (the first n8n's subscription would hold referral.new).
			upSim?.reset();
			log(`starting a second n8n with ${LAZY_ACQUIRE}=true for the webhook paths`);
			n8n = await startN8n('n8n-lazy', webhookWorkflows, { [LAZY_ACQUIRE]: 'true' });
			const server = n8n;
			await phaseOf('webhook and rejection paths, lazy isolates', triggerPhases, async () => {
				if (runs('payram')) measured.webhookLazy = await webhookBench(server, payRamPairOf(server), 'PayRam');
				if (runs('uppromote')) measured.upWebhookLazy = await webhookBench(server, upPromotePairOf(server), 'UpPromote');
				if (runs('referral-rocket')) measured.rrWebhookLazy = await webhookBench(server, referralRocketPairOf(server), 'Referral Rocket');
			});
		}
	} finally {
		await n8n?.stop();
		await sim?.close();
		await upSim?.close();
		await upSimRealTime?.close();
	}

	if (runs('package-cost')) {
		log(`package cost: ${STARTS} starts each with and without the packages, ${IDLE_MS / 1000} s idle before reading VmRSS`);
		try {
			const cost = await phaseOf('package cost starts', ['package-cost'], () =>
				measurePackageCost({ version, nodeMajor, tarballs: packs.map((p) => p.tarball), workDir: WORK, install, starts: STARTS, idleMs: IDLE_MS, log }),
			);
			measured.cost = { ...cost, packages: packs.map((p) => p.name) };
		} finally {
			await Promise.all([...liveChildren].map(stopChild));
		}
	}
	cpu.push({ ...runTag, phase: 'whole bench', ...cpuBetween(benchMark, cpuMark()) });
	for (const c of cpu) log(`CPU during ${c.phase}: bench ${c.ownPct.toFixed(0)}%, other processes ${c.otherPct.toFixed(0)}% of the machine`);

	const date = new Date().toISOString();
	for (const tagged of [...cpu, ...quietWaits]) tagged.run = date;
	const fresh = {
		...measured,
		runs: [
			{
				date,
				runtimeMs: Date.now() - benchStarted,
				phases: PHASES,
				...(process.env.PAYRAM_BENCH_PHASES?.trim() ? { selected: PHASES.join(',') } : {}),
				packages: packs.map((p) => p.name),
				loadAtStart,
				...(Number.isFinite(QUIET_MAX_MS) ? { quietCapMin: QUIET_MAX_MS / 60_000 } : {}),
			},
		],
		phaseRun: Object.fromEntries(PHASES.map((phase) => [phase, date])),
		machine: machine(),
		versions: { n8n: n8nVersion, n8nNode, benchNode: process.version, packageName: pkg.name, packageVersion: pkg.version },
		lazyAcquireSetting: LAZY_ACQUIRE,
		// The saved results name tarballs without this machine's folders.
		pack: { ...pack, tarball: path.basename(pack.tarball) },
		packs: packs.map((p) => ({ ...p, tarball: path.basename(p.tarball) })),
		cpu,
		quietWaits,
		findings,
	} as BenchResults;
	const saved = existsSync(SAVED_RESULTS) ? (JSON.parse(readFileSync(SAVED_RESULTS, 'utf8')) as BenchResults) : undefined;
	const results = mergeResults(saved, fresh);
	// Per-request answers are not kept: the counts and percentiles they produced are.
	const json = JSON.stringify(results, (key, value) => (key === 'results' ? undefined : value), '\t') + '\n';
	// A quick run checks the bench itself: its figures never replace measured ones.
	const resultsFile = QUICK ? path.join(WORK, 'results.json') : SAVED_RESULTS;
	writeFileSync(resultsFile, json);
	log(`${QUICK ? 'wrote' : 'merged this run into'} ${path.relative(ROOT, resultsFile)}; bench took ${((Date.now() - benchStarted) / 60000).toFixed(1)} min`);
	const missing = missingPhases(results);
	if (missing.length) {
		log(`BENCHMARKS.md not written: no figures yet for ${missing.join(', ')} (run them with PAYRAM_BENCH_PHASES=${missing.join(',')})`);
		return;
	}
	const reportFile = QUICK ? path.join(WORK, 'BENCHMARKS.quick.md') : path.join(ROOT, 'BENCHMARKS.md');
	writeFileSync(reportFile, renderMarkdown(results));
	process.stdout.write(`\n${renderStdout(results)}\n`);
	log(`wrote ${path.relative(ROOT, reportFile)}`);
}

main().catch((error: Error) => {
	process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
	process.exitCode = 1;
});
