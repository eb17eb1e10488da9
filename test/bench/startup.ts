// n8n start-to-ready time and resident memory, with and without the repository's packages installed.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import path from 'node:path';

import { N8nServer } from '../../testing/n8n/n8n';
import { freePort } from '../e2e/support';

/** Children this module started and has not stopped yet (stopped by the bench on a signal too). */
export const liveChildren = new Set<ChildProcess>();

export async function stopChild(child: ChildProcess): Promise<void> {
	liveChildren.delete(child);
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
	await exited;
	clearTimeout(timer);
}

function status(url: string): Promise<number> {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: 2000, agent: false }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(0));
	});
}

/** VmRSS of a process in kB, from /proc/<pid>/status. */
export function rssKb(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8')
		.split('\n')
		.find((l) => l.startsWith('VmRSS:'));
	if (!line) throw new Error(`no VmRSS for ${pid}`);
	return Number(line.replace(/\D+/g, ''));
}

export interface StartSample {
	readyMs: number;
	rssKb: number;
}

/**
 * Starts n8n for the folder N8nServer prepared, waits until ready (readiness and the REST settings route,
 * as N8nServer.start does, but polled every 100 ms), idles, reads VmRSS, stops it.
 */
async function startOnce(server: N8nServer, install: { node: string; bin: string }, idleMs: number): Promise<StartSample> {
	const log = createWriteStream(server.logFile, { flags: 'a' });
	const started = process.hrtime.bigint();
	const child = spawn(install.node, [install.bin, 'start'], { env: server.env, stdio: ['ignore', 'pipe', 'pipe'] });
	liveChildren.add(child);
	child.stdout!.pipe(log);
	child.stderr!.pipe(log);
	try {
		const deadline = Date.now() + 180_000;
		let readyMs: number | undefined;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`n8n exited early (${child.exitCode}); see ${server.logFile}`);
			const [ready, settings] = await Promise.all([status(`${server.baseUrl}/healthz/readiness`), status(`${server.baseUrl}/rest/settings`)]);
			if (ready === 200 && settings === 200) {
				readyMs = Number(process.hrtime.bigint() - started) / 1e6;
				break;
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		if (readyMs === undefined) throw new Error(`n8n did not become ready; see ${server.logFile}`);
		await new Promise((r) => setTimeout(r, idleMs));
		return { readyMs, rssKb: rssKb(child.pid!) };
	} finally {
		await stopChild(child);
		log.end();
	}
}

export interface PackageCost {
	withPackage: StartSample[];
	withoutPackage: StartSample[];
	idleMs: number;
}

/**
 * Two fresh user folders, one with the packed packages unpacked where n8n keeps community packages and one
 * without. One uncounted start each creates the SQLite database; then `starts` counted starts each, alternating.
 */
export async function measurePackageCost(options: {
	version: string;
	nodeMajor: string;
	tarballs: string[];
	workDir: string;
	install: { node: string; bin: string };
	starts: number;
	idleMs: number;
	log: (line: string) => void;
}): Promise<PackageCost> {
	const make = async (name: string, withPackage: boolean) => {
		const server = new N8nServer({
			version: options.version,
			nodeMajor: options.nodeMajor,
			port: await freePort(),
			userFolder: path.join(options.workDir, name),
		});
		server.prepare(options.tarballs);
		if (!withPackage) rmSync(path.join(options.workDir, name, '.n8n/nodes'), { recursive: true, force: true });
		return server;
	};
	const withServer = await make('start-with-package', true);
	const withoutServer = await make('start-without-package', false);
	options.log('package cost: first start of each folder (database creation, not counted)');
	await startOnce(withServer, options.install, 0);
	await startOnce(withoutServer, options.install, 0);
	const result: PackageCost = { withPackage: [], withoutPackage: [], idleMs: options.idleMs };
	for (let i = 0; i < options.starts; i++) {
		// Alternate which goes first, so drift falls on both alike.
		const order: Array<[N8nServer, StartSample[], string]> = [
			[withServer, result.withPackage, 'with'],
			[withoutServer, result.withoutPackage, 'without'],
		];
		if (i % 2 === 1) order.reverse();
		for (const [server, samples, label] of order) {
			const sample = await startOnce(server, options.install, options.idleMs);
			samples.push(sample);
			options.log(`package cost: start ${i + 1} ${label} package: ready ${(sample.readyMs / 1000).toFixed(2)} s, RSS ${(sample.rssKb / 1024).toFixed(0)} MiB`);
		}
	}
	return result;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
