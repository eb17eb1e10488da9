#!/usr/bin/env node
// `npm run scan [-- <package dir>]`: n8n's community-package verification scan, lint leg, run locally on one package.
// It calls the scanner's own analyzePackage (its ESLint config, pinned plugin versions, inline disables ignored) on
// the package's source and on the JavaScript of the tarball `npm pack` makes from it, as the scanner does after it
// has checked provenance; any finding fails. Build the package first: the tarball ships `dist/`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const packageDir = path.resolve(process.argv[2] ?? '.');
// The scanner makes a temporary folder when it loads; keep it inside ours so it goes with it.
const work = mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
process.env.TMPDIR = work;
// The rules read file names differently when NODE_ENV is "test" (as under jest): scan as the scanner runs.
delete process.env.NODE_ENV;

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
	return result.stdout;
}

/** Packs the package as npm would publish it and unpacks it the way the scanner unpacks a download. */
function unpackedTarball() {
	const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], packageDir));
	const unpacked = path.join(work, 'package');
	mkdirSync(unpacked);
	run('tar', ['-xzf', path.join(work, packed[0].filename), '-C', unpacked, '--strip-components=1'], work);
	return { unpacked, name: `${packed[0].name}@${packed[0].version}` };
}

let passed = false;
try {
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const { unpacked, name } = unpackedTarball();
	const legs = [
		{ label: `source (${SOURCE_FILE_PATTERNS.join(', ')})`, result: await analyzePackage(packageDir, SOURCE_FILE_PATTERNS) },
		{ label: 'packed tarball (**/*.js, package.json)', result: await analyzePackage(unpacked, ['**/*.js', 'package.json']) },
	];
	for (const { label, result } of legs) {
		process.stdout.write(`${result.passed ? 'passed' : 'FAILED'}: ${name} ${label}${result.message ? `: ${result.message}` : ''}\n`);
		if (result.details) process.stdout.write(`${result.details}\n`);
	}
	passed = legs.every(({ result }) => result.passed);
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exitCode = passed ? 0 : 1;
