#!/usr/bin/env node
// `node testing/each-package.mjs <script>...`: runs each npm script in every packages/<name>/ (in name order), stopping at
// the first failure. The root `npm test` calls it, so a new folder under packages/ is built, linted, scanned and tested
// without being listed anywhere. The packages have no node_modules of their own: their tools resolve the root's.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packagesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'packages');
const scripts = process.argv.slice(2);
const packages = existsSync(packagesDir)
	? readdirSync(packagesDir)
			.filter((name) => existsSync(path.join(packagesDir, name, 'package.json')))
			.sort()
	: [];

for (const name of packages) {
	for (const script of scripts) {
		process.stdout.write(`\n> packages/${name}: npm run ${script}\n`);
		const { status } = spawnSync('npm', ['run', script], { cwd: path.join(packagesDir, name), stdio: 'inherit' });
		if (status !== 0) {
			process.stderr.write(`packages/${name}: npm run ${script} failed (${status})\n`);
			process.exit(status ?? 1);
		}
	}
}
