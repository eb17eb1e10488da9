import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { N8N_TARGETS, N8nServer } from './n8n';
import { e2eScenarios } from './scenarios';
import { TRIGGER_WORKFLOW_ID, freePort, triggerUrl, writeCredentialFile, writeExamplesFile } from './support';

const selected = (process.env.PAYRAM_E2E_N8N ?? '').split(',').filter(Boolean);
const targets = N8N_TARGETS.filter((t) => selected.length === 0 || selected.includes(t.version));
const workDir = path.resolve(__dirname, '../../.e2e');

describe.each(targets)('n8n $version (Node $nodeMajor) with the packed package', ({ version, nodeMajor }) => {
	let sim: PayRamSimulator;
	let n8n: N8nServer;
	let hookUrl: string;

	beforeAll(async () => {
		sim = await startSimulator({ port: 0 });
		const userFolder = path.join(workDir, `n8n-${version}`);
		n8n = new N8nServer({ version, nodeMajor, port: await freePort(), userFolder });
		n8n.prepare();
		mkdirSync(userFolder, { recursive: true });
		writeCredentialFile(path.join(userFolder, 'credentials.json'), sim.url, sim.apiKey);
		const workflows = writeExamplesFile(path.join(userFolder, 'workflows.json'));
		await n8n.importCredentials(path.join(userFolder, 'credentials.json'));
		await n8n.importWorkflows(path.join(userFolder, 'workflows.json'));
		await n8n.start();
		await n8n.publish(TRIGGER_WORKFLOW_ID);
		hookUrl = triggerUrl(n8n.baseUrl, workflows.find((w) => w.id === TRIGGER_WORKFLOW_ID)!);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.close();
	});

	e2eScenarios(() => ({ sim, n8n, version, hookUrl, logs: () => n8n.log() }));
});
