#!/usr/bin/env node
// `node scripts/release-target.mjs <tag>`, run from the repository root: which package a release tag such as
// `n8n-nodes-payram@1.2.3` publishes. The root package and each `packages/<name>/` are candidates, found by the
// `name` in their package.json. Prints `directory=`, `name=` and `version=` lines (GitHub step outputs); fails
// when no package has that name or when the tag's version is not the one in the package's package.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function fail(message) {
	process.stderr.write(`release-target: ${message}\n`);
	process.exit(1);
}

const tag = process.argv[2] ?? '';
const at = tag.lastIndexOf('@');
if (at <= 0 || at === tag.length - 1) fail(`"${tag}" is not a release tag like n8n-nodes-payram@1.2.3`);
const name = tag.slice(0, at);
const version = tag.slice(at + 1);

const candidates = ['.'];
if (existsSync('packages')) {
	for (const entry of readdirSync('packages', { withFileTypes: true })) {
		if (entry.isDirectory()) candidates.push(path.posix.join('packages', entry.name));
	}
}
const found = candidates
	.filter((directory) => existsSync(path.join(directory, 'package.json')))
	.map((directory) => ({ directory, manifest: JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) }))
	.find(({ manifest }) => manifest.name === name);
if (!found) fail(`no package named ${name} here (looked in ${candidates.join(', ')})`);
if (found.manifest.version !== version) {
	fail(`tag ${tag} does not match ${path.posix.join(found.directory, 'package.json')}, which says version ${found.manifest.version}`);
}
process.stdout.write(`directory=${found.directory}\nname=${name}\nversion=${version}\n`);
