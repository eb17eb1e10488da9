import axios, { type AxiosInstance } from 'axios';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { repositoryPackages } from '../packages';

/**
 * The two n8n lines the package supports, each on the Node it needs (newest that install here). 2.41.3 does not
 * install: it pins 21 of n8n's own packages at patch releases the registry does not serve (n8n-core 2.41.2, ...).
 */
export const N8N_TARGETS = [
	{ version: '2.41.1', nodeMajor: '24' },
	{ version: '1.123.81', nodeMajor: '20' },
] as const;

export const OWNER = { email: 'owner@example.com', password: 'PayRam-demo-1', firstName: 'Pay', lastName: 'Ram' };
// bcrypt hash of OWNER.password, so n8n creates the owner from the environment without a browser.
const OWNER_PASSWORD_HASH = '$2a$10$DjBlHYWjpt4QEr45deEGNef6KTj1dGpPsWgN4evuX6mRY8d7OJYh6';

const repoRoot = path.resolve(__dirname, '../..');

/** Installs (or reuses from the cache) a pinned n8n and returns where it is. */
export function installN8n(version: string, nodeMajor: string): { dir: string; node: string; bin: string } {
	const result = spawnSync('bash', [path.join(__dirname, 'install-n8n.sh'), version, nodeMajor], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	if (result.status !== 0) throw new Error(`installing n8n ${version} failed`);
	const dir = result.stdout.trim().split('\n').pop()!;
	return {
		dir,
		node: readFileSync(path.join(dir, 'node-bin'), 'utf8').trim(),
		bin: path.join(dir, 'node_modules/n8n/bin/n8n'),
	};
}

/** Packs one package folder exactly as npm would publish it (once per process) and returns the tarball. */
const packed = new Map<string, string>();
export function packPackage(packageDir = repoRoot): string {
	const done = packed.get(packageDir);
	if (done) return done;
	mkdirSync(path.join(repoRoot, '.e2e'), { recursive: true });
	const out = spawnSync('npm', ['pack', '--silent', '--pack-destination', path.join(repoRoot, '.e2e')], {
		cwd: packageDir,
		encoding: 'utf8',
	});
	if (out.status !== 0) throw new Error(`npm pack in ${packageDir} failed: ${out.stderr}`);
	const tarball = path.join(repoRoot, '.e2e', out.stdout.trim().split('\n').pop()!);
	packed.set(packageDir, tarball);
	return tarball;
}

/** Every package of this repository packed (build them first: `npm run build && npm run build:packages`). */
export function packRepositoryPackages(): string[] {
	return repositoryPackages().map((pkg) => packPackage(pkg.dir));
}

export interface N8nOptions {
	version: string;
	nodeMajor: string;
	port: number;
	/** Folder for this instance's data; wiped first. */
	userFolder: string;
	extraEnv?: Record<string, string>;
	/** Which n8n process to run: the main instance (default), a webhook processor or a queue worker. */
	role?: 'main' | 'webhook' | 'worker';
}

let serverCount = 0;

/** A real n8n server with this package installed the way n8n installs community packages. */
export class N8nServer {
	readonly baseUrl: string;
	readonly logFile: string;
	private process?: ChildProcess;
	private install: { dir: string; node: string; bin: string };
	private rest?: AxiosInstance;
	private apiKey?: string;

	constructor(private readonly options: N8nOptions) {
		this.baseUrl = `http://127.0.0.1:${options.port}`;
		this.logFile = path.join(options.userFolder, `n8n-${options.role ?? 'main'}-${options.port}-${++serverCount}.log`);
		this.install = installN8n(options.version, options.nodeMajor);
	}

	get env(): NodeJS.ProcessEnv {
		return this.envFor(this.options.port + 1);
	}

	/** Each n8n process needs its own task-broker port, even with runners off. */
	private envFor(brokerPort: number): NodeJS.ProcessEnv {
		const { port, userFolder, extraEnv } = this.options;
		return {
			PATH: `${path.dirname(this.install.node)}:${process.env.PATH ?? ''}`,
			HOME: userFolder,
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_ENCRYPTION_KEY: 'payram-e2e-encryption-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_ENABLED: 'false',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: OWNER_PASSWORD_HASH,
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			DB_TYPE: 'sqlite',
			GENERIC_TIMEZONE: 'UTC',
			...(this.options.role === 'worker'
				? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) }
				: {}),
			// n8n 1.123's default "vm" engine needs isolated-vm 6, which has no build for Node 20: use its legacy engine there.
			...(this.options.nodeMajor === '20' ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
			...extraEnv,
		};
	}

	/** Fresh user folder with the packed packages unpacked where n8n keeps community packages (this package by default). */
	prepare(tarballs: string | string[] = packPackage()): void {
		const { userFolder } = this.options;
		rmSync(userFolder, { recursive: true, force: true });
		const dependencies: Record<string, string> = {};
		for (const tarball of Array.isArray(tarballs) ? tarballs : [tarballs]) {
			const unpacked = path.join(userFolder, '.n8n/nodes/.unpacking');
			mkdirSync(unpacked, { recursive: true });
			const untar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
			if (untar.status !== 0) throw new Error(`unpacking ${tarball} failed`);
			const { name, version } = JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
			const target = path.join(userFolder, '.n8n/nodes/node_modules', name);
			mkdirSync(path.dirname(target), { recursive: true });
			renameSync(unpacked, target);
			dependencies[name] = version;
		}
		writeFileSync(
			path.join(userFolder, '.n8n/nodes/package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies }),
		);
	}

	/**
	 * Runs an n8n CLI command against this instance's database (server stopped or running).
	 * Asynchronous on purpose: the simulator the workflow calls may live in this same process.
	 */
	async cli(args: string[], options: { allowFailure?: boolean } = {}): Promise<{ status: number; stdout: string; stderr: string }> {
		const child = spawn(this.install.node, [this.install.bin, ...args], {
			env: this.envFor(this.options.port + 2),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
		const status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
		clearTimeout(timer);
		if (status !== 0 && !options.allowFailure) {
			throw new Error(`n8n ${args.join(' ')} failed (${status}): ${stderr.slice(-2000)}`);
		}
		return { status, stdout, stderr };
	}

	async importCredentials(file: string): Promise<void> {
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(file: string): Promise<void> {
		await this.cli(['import:workflow', `--input=${file}`]);
	}

	/** Runs a saved workflow once, as a manual run from the CLI; returns n8n's run data. */
	async executeWorkflow(id: string): Promise<{ ok: boolean; run: RunData | undefined; output: string }> {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { allowFailure: true });
		const output = result.stdout;
		const start = output.indexOf('{');
		let run: RunData | undefined;
		try {
			run = start >= 0 ? (JSON.parse(output.slice(start, output.lastIndexOf('}') + 1)) as RunData) : undefined;
		} catch {
			run = undefined;
		}
		return { ok: result.status === 0, run, output: `${output}\n${result.stderr}` };
	}

	async start(): Promise<void> {
		const role = this.options.role ?? 'main';
		const log = createWriteStream(this.logFile, { flags: 'w' });
		const command = role === 'main' ? 'start' : role;
		const child = spawn(this.install.node, [this.install.bin, command], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout!.pipe(log);
		child.stderr!.pipe(log);
		this.process = child;
		// Readiness turns green before the REST routes are mounted (n8n 1.x), so the main instance waits for both.
		const probes =
			role === 'main'
				? [`${this.baseUrl}/healthz/readiness`, `${this.baseUrl}/rest/settings`]
				: [`${this.baseUrl}/healthz`];
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`n8n ${command} exited early (${child.exitCode}); see ${this.logFile}`);
			const answers = await Promise.all(
				probes.map((url) =>
					axios
						.get(url, { timeout: 2000, validateStatus: () => true })
						.then((res) => res.status)
						.catch(() => 0),
				),
			);
			// A webhook processor answers /healthz before it has loaded the webhooks it serves.
			const listening = role !== 'webhook' || this.log().includes('Webhook listener waiting for requests');
			if (answers.every((status) => status === 200) && listening) return;
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(`n8n ${command} did not become ready; see ${this.logFile}`);
	}

	async stop(): Promise<void> {
		const child = this.process;
		this.process = undefined;
		this.rest = undefined;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
	}

	get version(): string {
		return this.options.version;
	}

	get pid(): number | undefined {
		return this.process?.pid;
	}

	/** The editor's REST API, logged in as the owner. */
	async restApi(): Promise<AxiosInstance> {
		if (this.rest) return this.rest;
		const logIn = () =>
			axios.post(
				`${this.baseUrl}/rest/login`,
				{ emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password },
				{ validateStatus: () => true },
			);
		let login = await logIn();
		if (login.status === 401) {
			// n8n 1.x cannot create the owner from the environment: set it up as the first visitor would.
			const setup = await axios.post(`${this.baseUrl}/rest/owner/setup`, OWNER, { validateStatus: () => true });
			if (setup.status !== 200) throw new Error(`owner setup: ${setup.status} ${JSON.stringify(setup.data)}`);
			login = await logIn();
		}
		if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.data)}`);
		const cookie = (login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
		this.rest = axios.create({ baseURL: `${this.baseUrl}/rest`, headers: { cookie }, validateStatus: () => true });
		return this.rest;
	}

	/** The public API (X-N8N-API-KEY), with a key created through the owner's session. */
	async publicApi(): Promise<AxiosInstance> {
		const rest = await this.restApi();
		if (!this.apiKey) {
			const scopes = await rest.get('/api-keys/scopes');
			const wanted = ((scopes.data?.data as string[] | undefined) ?? []).filter((s) =>
				/^(workflow|execution|credential):/.test(s),
			);
			const created = await rest.post('/api-keys', { label: `e2e-${Date.now()}`, scopes: wanted, expiresAt: null });
			if (created.status !== 200) throw new Error(`API key: ${created.status} ${JSON.stringify(created.data)}`);
			this.apiKey = created.data.data.rawApiKey as string;
		}
		return axios.create({
			baseURL: `${this.baseUrl}/api/v1`,
			headers: { 'X-N8N-API-KEY': this.apiKey },
			validateStatus: () => true,
		});
	}

	/** Publishes (2.x) or activates (1.x) a workflow so its production webhooks listen. */
	async publish(workflowId: string): Promise<void> {
		const api = await this.publicApi();
		let res = await api.post(`/workflows/${workflowId}/publish`, {});
		if (res.status === 404 || res.status === 405) res = await api.post(`/workflows/${workflowId}/activate`, {});
		if (res.status !== 200) throw new Error(`publishing ${workflowId}: ${res.status} ${JSON.stringify(res.data)}`);
	}

	/** Unpublishes (2.x) or deactivates (1.x) a workflow: n8n removes its production webhooks (the triggers' delete hooks run). */
	async unpublish(workflowId: string): Promise<void> {
		const api = await this.publicApi();
		let res = await api.post(`/workflows/${workflowId}/unpublish`, {});
		if (res.status === 404 || res.status === 405) res = await api.post(`/workflows/${workflowId}/deactivate`, {});
		if (res.status !== 200) throw new Error(`unpublishing ${workflowId}: ${res.status} ${JSON.stringify(res.data)}`);
	}

	/** Executions of a workflow, newest first, with their data. */
	async executions(workflowId: string): Promise<Execution[]> {
		const api = await this.publicApi();
		const all: Execution[] = [];
		let cursor: string | undefined;
		do {
			const res = await api.get('/executions', {
				params: { workflowId, includeData: true, limit: 250, ...(cursor ? { cursor } : {}) },
			});
			if (res.status !== 200) throw new Error(`executions: ${res.status} ${JSON.stringify(res.data)}`);
			all.push(...(res.data.data as Execution[]));
			cursor = res.data.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}

	/** Tests credential data through n8n's own credentials code, as the editor's Test button does. */
	async testCredential(id: string, name: string, data: Record<string, unknown>): Promise<{ status: string; message: string }> {
		const rest = await this.restApi();
		const res = await rest.post('/credentials/test', { credentials: { id, name, type: 'payRamApi', data } });
		if (res.status !== 200) throw new Error(`credential test: ${res.status} ${JSON.stringify(res.data)}`);
		return res.data.data;
	}

	/** Runs a node's listSearch method as the editor's "From list" picker does, through n8n's REST API. */
	async listSearch(
		methodName: string,
		currentNodeParameters: Record<string, unknown>,
		credentials: Record<string, { id: string; name: string }>,
		filter?: string,
	): Promise<{ results: Array<{ name: string; value: string }>; paginationToken?: string }> {
		const rest = await this.restApi();
		const res = await rest.post('/dynamic-node-parameters/resource-locator-results', {
			nodeTypeAndVersion: { name: 'n8n-nodes-payram.payRam', version: 1 },
			path: 'parameters',
			methodName,
			currentNodeParameters,
			credentials,
			filter,
		});
		if (res.status !== 200) throw new Error(`list search ${methodName}: ${res.status} ${JSON.stringify(res.data)}`);
		return res.data.data;
	}

	log(): string {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}
}

export interface RunData {
	data?: { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: { message?: string; description?: string } }>>; error?: { message?: string } } };
	status?: string;
}

export interface Execution {
	id: string | number;
	finished: boolean;
	mode: string;
	status: string;
	workflowId: string;
	data?: RunData['data'];
}
