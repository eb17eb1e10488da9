#!/usr/bin/env node
// `npm run kit`: copies the runtime kit (kit/*.ts: raw body, signatures, seen events, exact JSON, redaction) into every
// package's `nodes/<first node's folder>/kit/`, because a package may not depend on another at run time and the
// scanner lints each package's nodes/ as it is. `npm run kit -- --check` (run by npm test) fails when a copy is stale.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const kitDir = path.join(root, 'kit');
const check = process.argv.includes('--check');

/** The root package and packages/*, each with the folder its kit copy goes to. */
export function kitTargets() {
	const packagesDir = path.join(root, 'packages');
	const dirs = [root, ...(existsSync(packagesDir) ? readdirSync(packagesDir).sort().map((name) => path.join(packagesDir, name)) : [])];
	return dirs
		.filter((dir) => existsSync(path.join(dir, 'package.json')))
		.map((dir) => {
			const firstNode = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).n8n.nodes[0];
			return path.join(dir, path.dirname(firstNode.replace(/^dist\//, '')), 'kit');
		});
}

function copyOf(file) {
	const header = `// Copied from kit/${file} by \`npm run kit\`: edit that file, not this copy.\n`;
	return header + readFileSync(path.join(kitDir, file), 'utf8');
}

const files = readdirSync(kitDir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts')).sort();
const stale = [];
for (const target of kitTargets()) {
	const present = existsSync(target) ? readdirSync(target) : [];
	for (const file of files) {
		const destination = path.join(target, file);
		if (existsSync(destination) && readFileSync(destination, 'utf8') === copyOf(file)) continue;
		stale.push(path.relative(root, destination));
		if (!check) {
			mkdirSync(target, { recursive: true });
			writeFileSync(destination, copyOf(file));
		}
	}
	for (const file of present.filter((name) => !files.includes(name))) {
		stale.push(path.relative(root, path.join(target, file)));
		if (!check) rmSync(path.join(target, file));
	}
}
if (check && stale.length > 0) {
	process.stderr.write(`The kit copies are not current; run \`npm run kit\`:\n${stale.map((file) => `  ${file}`).join('\n')}\n`);
	process.exitCode = 1;
} else if (!check) {
	process.stdout.write(stale.length ? `Wrote ${stale.join(', ')}\n` : 'The kit copies are current\n');
}
