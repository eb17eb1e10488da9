import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Debian's PostgreSQL and Redis, installed on first use (CI machines start without them). */
export function ensureServicesInstalled(): void {
	if (postgresBin('postgres') && existsSync('/usr/bin/redis-server')) return;
	const run = (args: string[]) => {
		const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
	};
	run(['update', '-qq']);
	run(['install', '-y', '-qq', 'postgresql', 'redis-server']);
}

function postgresBin(name: string): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const version = readdirSync(root).sort().pop();
	const bin = version && path.join(root, version, 'bin', name);
	return bin && existsSync(bin) ? bin : undefined;
}

async function waitUntil(what: string, ready: () => boolean, timeoutMs = 30000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!ready()) {
		if (Date.now() > deadline) throw new Error(`${what} did not start`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

export interface Service {
	port: number;
	stop(): Promise<void>;
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
	if (child.exitCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill(signal);
	});
}

/** A throwaway PostgreSQL cluster on loopback with a database `n8n` (trust auth, no fsync: test data only). */
export async function startPostgres(port: number): Promise<Service> {
	const dir = mkdtempSync(path.join(tmpdir(), 'payram-queue-pg-'));
	const { uid, gid } = postgresUser();
	chownSync(dir, uid, gid);
	// PostgreSQL refuses to run as root: setpriv runs it as the postgres user in this same process tree.
	const asPostgres = ['--reuid=postgres', '--regid=postgres', '--init-groups'];
	const init = spawnSync('setpriv', [...asPostgres, postgresBin('initdb')!, '-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres'], {
		encoding: 'utf8',
	});
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
	const server = spawn(
		'setpriv',
		[...asPostgres, postgresBin('postgres')!, '-D', path.join(dir, 'data'), '-p', String(port), '-k', dir,
			'-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_connections=200'],
		{ stdio: 'ignore' },
	);
	const isReady = () => spawnSync(postgresBin('pg_isready')!, ['-h', '127.0.0.1', '-p', String(port)]).status === 0;
	await waitUntil('PostgreSQL', isReady);
	const created = spawnSync(postgresBin('psql')!, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE n8n'], {
		encoding: 'utf8',
	});
	if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr}`);
	return {
		port,
		async stop() {
			await stopChild(server, 'SIGINT');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

function postgresUser(): { uid: number; gid: number } {
	const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
	return { uid: id('-u'), gid: id('-g') };
}

/** A Redis on loopback without persistence. */
export async function startRedis(port: number): Promise<Service> {
	const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
		stdio: 'ignore',
	});
	const isReady = () => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG';
	await waitUntil('Redis', isReady);
	return { port, stop: () => stopChild(server, 'SIGTERM') };
}
