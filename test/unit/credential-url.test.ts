import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

import { Expression, Workflow } from 'n8n-workflow';
import type { IDataObject, INode, INodeType, INodeTypes, IWorkflowDataProxyAdditionalKeys } from 'n8n-workflow';

import { BASE_URL_EXPRESSION } from '../../credentials/PayRamApi.credentials';
import { normaliseServerUrl } from '../../nodes/PayRam/helpers/serverUrl';

/**
 * BASE_URL_EXPRESSION is evaluated by n8n's real expression engine (n8n-workflow 2.40.1) with
 * $credentials = { url, allowInsecure }, as n8n resolves a credential test request, and must equal
 * normaliseServerUrl(url) with one extra rule: without allowInsecure, http: becomes https:.
 *
 * Two engines are used: "legacy" (in-process) and "quickjs" (the sandboxed engine; run in a child
 * Node process because Jest refuses the dynamic import() n8n-workflow uses to load it).
 * n8n 2.40's server default, "vm", needs the isolated-vm native addon, which is not built here.
 */

type Credentials = IDataObject;

const userFolder = mkdtempSync(join(tmpdir(), 'n8n-payram-credential-url-'));
process.env.N8N_USER_FOLDER = userFolder;

afterAll(() => {
	rmSync(userFolder, { recursive: true, force: true });
});

/** For the child process: one n8n workflow with one dummy node, the least n8n-workflow needs to resolve an expression. */
const EVALUATOR_SOURCE = `
const { Workflow } = require('n8n-workflow');
const dummyType = {
	description: {
		displayName: 'Dummy', name: 'dummy', group: ['transform'], version: 1,
		description: 'Dummy node for expression tests', defaults: { name: 'Dummy' },
		inputs: [], outputs: [], properties: [],
	},
};
const nodeTypes = { getByName: () => dummyType, getByNameAndVersion: () => dummyType, getKnownTypes: () => ({}) };
const node = {
	id: '00000000-0000-0000-0000-000000000001', name: 'Dummy', type: 'test.dummy',
	typeVersion: 1, position: [0, 0], parameters: {},
};
function newWorkflow() {
	return new Workflow({ id: 'wf-1', nodes: [node], connections: {}, active: false, nodeTypes });
}
function evaluate(workflow, expression, credentials) {
	try {
		const value = workflow.expression.getSimpleParameterValue(
			node, expression, 'internal', { $credentials: credentials }, undefined, '',
		);
		return { value };
	} catch (error) {
		return { error: String(error && error.message ? error.message : error) };
	}
}
`;

interface Outcome {
	value?: unknown;
	error?: string;
}

// The same workflow, typed, for the legacy engine in this process.
const dummyType: INodeType = {
	description: {
		displayName: 'Dummy',
		name: 'dummy',
		group: ['transform'],
		version: 1,
		description: 'Dummy node for expression tests',
		defaults: { name: 'Dummy' },
		inputs: [],
		outputs: [],
		properties: [],
	},
};
const nodeTypes: INodeTypes = {
	getByName: () => dummyType,
	getByNameAndVersion: () => dummyType,
	getKnownTypes: () => ({}),
};
const node: INode = {
	id: '00000000-0000-0000-0000-000000000001',
	name: 'Dummy',
	type: 'test.dummy',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function evaluateLegacy(cases: Credentials[]): { engine: string; outcomes: Outcome[] } {
	Expression.setExpressionEngine('legacy');
	const workflow = new Workflow({ id: 'wf-1', nodes: [node], connections: {}, active: false, nodeTypes });
	const outcomes = cases.map((credentials): Outcome => {
		const additionalKeys = { $credentials: credentials } as unknown as IWorkflowDataProxyAdditionalKeys;
		try {
			return {
				value: workflow.expression.getSimpleParameterValue(node, BASE_URL_EXPRESSION, 'internal', additionalKeys, undefined, ''),
			};
		} catch (error) {
			return { error: (error as Error).message };
		}
	});
	return { engine: Expression.getActiveImplementation(), outcomes };
}

function evaluateQuickJs(cases: Credentials[]): { engine: string; outcomes: Outcome[] } {
	const script = `${EVALUATOR_SOURCE}
const { Expression } = require('n8n-workflow');
(async () => {
	const { expression, cases } = JSON.parse(require('fs').readFileSync(0, 'utf8'));
	await Expression.initExpressionEngine({
		engine: 'quickjs', bridgeTimeout: 5000, bridgeMemoryLimit: 128, poolSize: 1, maxCodeCacheSize: 1024,
	});
	const workflow = newWorkflow();
	const outcomes = await workflow.expression.withIsolate(async () =>
		cases.map((credentials) => evaluate(workflow, expression, credentials)),
	);
	const engine = Expression.getActiveImplementation();
	await Expression.disposeExpressionEngine();
	process.stdout.write(JSON.stringify({ engine, outcomes }));
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;
	const child = spawnSync(process.execPath, ['-e', script], {
		cwd: resolve(__dirname, '../..'),
		input: JSON.stringify({ expression: BASE_URL_EXPRESSION, cases }),
		env: { ...process.env, N8N_USER_FOLDER: userFolder },
		encoding: 'utf8',
		timeout: 60000,
	});
	if (child.status !== 0) throw new Error(`quickjs evaluator failed (${child.status}): ${child.stderr}`);
	return JSON.parse(child.stdout) as { engine: string; outcomes: Outcome[] };
}

/** What the nodes use as base URL, plus the credential's own rule for allowInsecure = false. */
function expected(url: string, allowInsecure: boolean): string {
	const clean = normaliseServerUrl(url);
	return allowInsecure ? clean : clean.replace(/^http:/i, 'https:');
}

const table: Array<[string, boolean, string]> = [
	['  https://pay.example.com/ ', false, 'https://pay.example.com'],
	['pay.example.com', false, 'https://pay.example.com'],
	['https://pay.example.com/api/v1', false, 'https://pay.example.com'],
	['https://pay.example.com/api/v1/payment', false, 'https://pay.example.com'],
	['https://pay.example.com:8443///', false, 'https://pay.example.com:8443'],
	['http://10.0.0.5:8080', true, 'http://10.0.0.5:8080'],
	['http://10.0.0.5:8080', false, 'https://10.0.0.5:8080'],
	['HTTPS://Pay.Example.com/API/V1/', false, 'HTTPS://Pay.Example.com'],
	['https://pay.example.com/?x=1#y', false, 'https://pay.example.com'],
	['pay.example.com/api/v1/payment?x=1#y', true, 'https://pay.example.com'],
	['https://pay.example.com/api', false, 'https://pay.example.com'],
	['https://pay.example.com/payram/api/v1/', false, 'https://pay.example.com/payram'],
	['https://pay.example.com/api/v10', false, 'https://pay.example.com/api/v10'],
	['localhost:8080', true, 'https://localhost:8080'],
	['HTTP://PAY.example.com', false, 'https://PAY.example.com'],
	['\thttps://pay.example.com\n', false, 'https://pay.example.com'],
];

const extraCases: Record<string, Credentials> = {
	missingAllowInsecure: { url: 'http://10.0.0.5:8080' },
	upperHttpInsecure: { url: 'HTTP://PAY.example.com', allowInsecure: true },
	empty: { url: '', allowInsecure: false },
	blank: { url: '   ', allowInsecure: false },
	missingUrl: { allowInsecure: false },
};

const allCases: Credentials[] = [
	...table.map(([url, allowInsecure]) => ({ url, allowInsecure })),
	...Object.values(extraCases),
];

it('the expected table agrees with normaliseServerUrl plus the http→https rule', () => {
	for (const [url, allowInsecure, result] of table) expect(expected(url, allowInsecure)).toBe(result);
});

describe.each([
	['legacy', evaluateLegacy],
	['quickjs', evaluateQuickJs],
] as const)('BASE_URL_EXPRESSION in the %s expression engine', (engine, run) => {
	let actualEngine: string;
	const outcome: Map<Credentials, Outcome> = new Map();

	beforeAll(() => {
		const result = run(allCases);
		actualEngine = result.engine;
		allCases.forEach((credentials, i) => outcome.set(credentials, result.outcomes[i]));
	});

	const at = (credentials: Credentials): Outcome => outcome.get(credentials)!;

	it(`runs in the ${engine} engine`, () => {
		expect(actualEngine).toBe(engine);
	});

	it.each(table.map((row, i) => [...row, allCases[i]] as const))(
		'cleans %p (allowInsecure %p) to %p like normaliseServerUrl',
		(url, allowInsecure, result, credentials) => {
			expect(at(credentials)).toEqual({ value: result });
			expect(at(credentials)).toEqual({ value: expected(url, allowInsecure) });
		},
	);

	it('treats a missing allowInsecure as false (credentials saved before the option existed)', () => {
		expect(at(extraCases.missingAllowInsecure)).toEqual({ value: 'https://10.0.0.5:8080' });
	});

	it('writes an upper-case HTTP scheme in lower case when insecure connections are allowed (same URL, other text)', () => {
		expect(at(extraCases.upperHttpInsecure)).toEqual({ value: 'http://PAY.example.com' });
		expect(normaliseServerUrl('HTTP://PAY.example.com')).toBe('HTTP://PAY.example.com');
	});

	// Regression (was a bug): normaliseServerUrl('') is '' (the nodes then say "no Server URL"), but the expression
	// prefixes https:// to the empty string and strips the slashes, giving "https:"; a url that was
	// never set becomes "https://undefined". Flip to `it` once the expression is fixed.
	it('cleans an empty or blank Server URL to "" like normaliseServerUrl', () => {
		expect(at(extraCases.empty)).toEqual({ value: '' });
		expect(at(extraCases.blank)).toEqual({ value: '' });
	});

	it('cleans a missing Server URL to "" like normaliseServerUrl', () => {
		expect(at(extraCases.missingUrl)).toEqual({ value: normaliseServerUrl(undefined as unknown as string) });
	});
});
