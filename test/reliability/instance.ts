// One real n8n 2.x (SQLite, defaults plus what a headless start needs) with the packed package, and the PayRam simulator.
import axios from 'axios';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { N8N_TARGETS, N8nServer, packRepositoryPackages, type Execution } from '../../testing/n8n/n8n';
import type { PackageImports } from '../../testing/n8n/suite-package';
import { freePort, triggerUrl, writeCredentialFile } from '../e2e/support';
import { startSimulator, type PayRamSimulator } from '../simulator/server';

export const WORKFLOWS_DIR = path.join(__dirname, 'workflows');
export const WORK_DIR = path.resolve(__dirname, '../../.e2e/reliability');

export const WORKFLOW = {
	load: 'PayRamRelLoad001',
	signedOnly: 'PayRamRelSigned1',
	paymentCreateGet: 'PayRamRelPayGet1',
	payout: 'PayRamRelPayout1',
	continueOnFail: 'PayRamRelCOF0001',
} as const;

export interface WorkflowFixture {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
}

/** Replaces %%NAME%% tokens inside every string of a fixture. */
function substitute(value: unknown, tokens: Record<string, string>): unknown {
	if (typeof value === 'string') return value.replace(/%%([A-Z_]+)%%/g, (match, name: string) => tokens[name] ?? match);
	if (Array.isArray(value)) return value.map((v) => substitute(v, tokens));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, tokens)]));
	}
	return value;
}

export function loadFixtures(tokens: Record<string, string>): WorkflowFixture[] {
	return readdirSync(WORKFLOWS_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => substitute(JSON.parse(readFileSync(path.join(WORKFLOWS_DIR, f), 'utf8')), tokens) as WorkflowFixture);
}

export interface ReliabilityInstance {
	n8n: N8nServer;
	sim: PayRamSimulator;
	workflows: WorkflowFixture[];
	hookUrl: string;
	signedOnlyHookUrl: string;
	/** Reference ids of the payments the Continue On Fail workflow reads, in item order. */
	continueOnFailPayments: string[];
	stop(): Promise<void>;
}

async function createPayment(sim: PayRamSimulator, customerId: string): Promise<string> {
	const res = await axios.post(
		`${sim.url}/api/v1/payment`,
		{ customerEmail: `${customerId}@example.com`, customerId, amountInUSD: 12.5, invoiceID: `order-${customerId}` },
		{ headers: { 'API-Key': sim.apiKey } },
	);
	return res.data.reference_id as string;
}

/** Starts the simulator and n8n; on any failure everything started so far is stopped before rethrowing. */
/** `tarball` replaces this package's own (the sister packages are packed from this tree); `others`: their imports. */
export async function startInstance(extraEnv: Record<string, string> = {}, tarball?: string, others?: PackageImports): Promise<ReliabilityInstance> {
	const { version, nodeMajor } = N8N_TARGETS[0];
	let sim: PayRamSimulator | undefined;
	let n8n: N8nServer | undefined;
	const stop = async () => {
		await n8n?.stop();
		await sim?.close();
	};
	try {
		sim = await startSimulator({ port: 0, host: '127.0.0.1' });
		const userFolder = path.join(WORK_DIR, `n8n-${version}`);
		// As in n8n's Docker image: without it n8n adds a stack trace to its own error answers (development mode).
		n8n = new N8nServer({ version, nodeMajor, port: await freePort(), userFolder, extraEnv: { NODE_ENV: 'production', ...extraEnv } });
		const [own, ...sisters] = packRepositoryPackages();
		n8n.prepare([tarball ?? own, ...sisters]);
		mkdirSync(userFolder, { recursive: true });

		// Items 2 and 4 get their own reference ids so faults can be aimed at them by path.
		const continueOnFailPayments = [
			await createPayment(sim, 'cust_cof_1'),
			'rel-fault-item-2',
			await createPayment(sim, 'cust_cof_3'),
			'rel-fault-item-4',
			await createPayment(sim, 'cust_cof_5'),
		];
		const workflows = loadFixtures({ PAYMENTS: JSON.stringify(continueOnFailPayments.map((referenceId) => ({ referenceId }))) });
		writeFileSync(path.join(userFolder, 'workflows.json'), JSON.stringify([...workflows, ...(others?.workflows ?? [])], null, 2));
		writeCredentialFile(path.join(userFolder, 'credentials.json'), sim.url, sim.apiKey, others?.credentials);
		await n8n.importCredentials(path.join(userFolder, 'credentials.json'));
		await n8n.importWorkflows(path.join(userFolder, 'workflows.json'));
		await n8n.start();
		await n8n.publish(WORKFLOW.load);
		await n8n.publish(WORKFLOW.signedOnly);
		const byId = (id: string) => workflows.find((w) => w.id === id)!;
		return {
			n8n,
			sim,
			workflows,
			hookUrl: triggerUrl(n8n.baseUrl, byId(WORKFLOW.load)),
			signedOnlyHookUrl: triggerUrl(n8n.baseUrl, byId(WORKFLOW.signedOnly)),
			continueOnFailPayments,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** /healthz answers 200 and the n8n process is still the one started. */
export async function n8nHealthy(n8n: N8nServer): Promise<{ ok: boolean; detail: string }> {
	const pid = n8n.pid;
	let alive = false;
	try {
		alive = pid !== undefined && process.kill(pid, 0);
	} catch {
		alive = false;
	}
	let status = 0;
	try {
		status = (await axios.get(`${n8n.baseUrl}/healthz`, { timeout: 10_000, validateStatus: () => true })).status;
	} catch (error) {
		return { ok: false, detail: `process ${alive ? 'alive' : 'gone'}, /healthz unreachable: ${(error as Error).message}` };
	}
	return { ok: alive && status === 200, detail: `process ${alive ? 'alive' : 'gone'}, /healthz ${status}` };
}

/** Waits (at most two minutes) until /healthz/readiness says n8n and its database are ready; returns the wait in ms. */
export async function waitUntilReady(n8n: N8nServer): Promise<number> {
	const started = Date.now();
	while (Date.now() - started < 120_000) {
		const status = await axios
			.get(`${n8n.baseUrl}/healthz/readiness`, { timeout: 5000, validateStatus: () => true })
			.then((res) => res.status)
			.catch(() => 0);
		if (status === 200) return Date.now() - started;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error('n8n did not become ready again within two minutes');
}

/** How often n8n answered the suite's own API calls with 503 "Database is not ready!" (its DB ping timed out under load). */
export const databaseNotReady = { answers: 0 };

/** An n8n API call, repeated (for at most two minutes) while n8n says its database is not ready. */
async function whileDatabaseBusy<T extends { status: number; data: unknown }>(call: () => Promise<T>): Promise<T> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const res = await call();
		if (res.status !== 503 || Date.now() > deadline) return res;
		databaseNotReady.answers++;
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/** The n8n process's resident memory in MB (Linux /proc), or undefined when it cannot be read. */
export function n8nRssMb(n8n: N8nServer): number | undefined {
	try {
		const status = readFileSync(`/proc/${String(n8n.pid)}/status`, 'utf8');
		const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
		return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
	} catch {
		return undefined;
	}
}

/** Every execution status n8n 2.x knows: without a status filter its REST API counts only finished executions. */
const ALL_STATUSES = ['new', 'running', 'waiting', 'success', 'error', 'crashed', 'canceled', 'unknown'];
const FINISHED_STATUSES = ['success', 'error', 'crashed', 'canceled'];

/** How many executions of a workflow n8n has recorded (any status), and how many have finished, from the editor's REST API (no data). */
export async function executionCounts(n8n: N8nServer, workflowId: string): Promise<{ total: number; finished: number }> {
	const rest = await n8n.restApi();
	const count = async (status: string[]) => {
		const filter = JSON.stringify({ workflowId, status });
		const res = await whileDatabaseBusy(() => rest.get('/executions', { params: { filter, limit: 1 } }));
		if (res.status !== 200) throw new Error(`executions count: ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`);
		return Number(res.data.data.count);
	};
	const [total, finished] = await Promise.all([count(ALL_STATUSES), count(FINISHED_STATUSES)]);
	return { total, finished };
}

/**
 * Executions of a workflow through the public API, newest first, paginated; with `afterId`, only those with a
 * larger (newer) id.
 */
export async function fetchExecutions(
	n8n: N8nServer,
	workflowId: string,
	options: { includeData: boolean; afterId?: number },
): Promise<Execution[]> {
	const api = await n8n.publicApi();
	const all: Execution[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 1000; page++) {
		const res = await whileDatabaseBusy(() =>
			api.get('/executions', {
				params: { workflowId, includeData: options.includeData, limit: 250, ...(cursor ? { cursor } : {}) },
				timeout: 120_000,
			}),
		);
		if (res.status !== 200) throw new Error(`executions of ${workflowId}: ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`);
		const data = res.data.data as Execution[];
		const fresh = options.afterId === undefined ? data : data.filter((e) => Number(e.id) > options.afterId!);
		all.push(...fresh);
		cursor = res.data.nextCursor ?? undefined;
		if (!cursor || fresh.length < data.length) break;
	}
	return all;
}

/** The id of the newest execution of a workflow (0 when there is none). */
export async function newestExecutionId(n8n: N8nServer, workflowId: string): Promise<number> {
	const api = await n8n.publicApi();
	const res = await whileDatabaseBusy(() => api.get('/executions', { params: { workflowId, limit: 1 } }));
	if (res.status !== 200) throw new Error(`executions of ${workflowId}: ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`);
	const [newest] = res.data.data as Execution[];
	return newest ? Number(newest.id) : 0;
}

/** Ids of every workflow in the instance. */
export async function workflowIds(n8n: N8nServer): Promise<string[]> {
	const api = await n8n.publicApi();
	const ids: string[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 100; page++) {
		const res = await whileDatabaseBusy(() => api.get('/workflows', { params: { limit: 250, ...(cursor ? { cursor } : {}) } }));
		if (res.status !== 200) throw new Error(`workflows: ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`);
		ids.push(...(res.data.data as Array<{ id: string }>).map((w) => w.id));
		cursor = res.data.nextCursor ?? undefined;
		if (!cursor) break;
	}
	return ids;
}

export type { Execution };
