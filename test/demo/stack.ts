import path from 'node:path';
import { mkdirSync } from 'node:fs';

import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { N8N_TARGETS, N8nServer, OWNER } from '../../testing/n8n/n8n';
import { TRIGGER_WORKFLOW_ID, triggerUrl, writeCredentialFile, writeExamplesFile } from '../e2e/support';

export interface DemoStack {
	sim: PayRamSimulator;
	n8n: N8nServer;
	hookUrl: string;
	stop(): Promise<void>;
}

/**
 * The PayRam simulator and a real n8n (newest supported 2.x, SQLite) with the packed package,
 * the example workflows and their credential, the trigger workflow published and wired to the simulator.
 */
export async function startDemoStack(options: { simPort: number; n8nPort: number; folder: string }): Promise<DemoStack> {
	const { version, nodeMajor } = N8N_TARGETS[0];
	const sim = await startSimulator({ port: options.simPort });
	const n8n = new N8nServer({ version, nodeMajor, port: options.n8nPort, userFolder: options.folder });
	n8n.prepare();
	mkdirSync(options.folder, { recursive: true });
	writeCredentialFile(path.join(options.folder, 'credentials.json'), sim.url, sim.apiKey);
	const workflows = writeExamplesFile(path.join(options.folder, 'workflows.json'));
	await n8n.importCredentials(path.join(options.folder, 'credentials.json'));
	await n8n.importWorkflows(path.join(options.folder, 'workflows.json'));
	await n8n.start();
	await n8n.publish(TRIGGER_WORKFLOW_ID);
	const hookUrl = triggerUrl(n8n.baseUrl, workflows.find((w) => w.id === TRIGGER_WORKFLOW_ID)!);
	sim.setWebhook({ url: hookUrl, mode: 'current' });
	return {
		sim,
		n8n,
		hookUrl,
		async stop() {
			await n8n.stop();
			await sim.close();
		},
	};
}

export { OWNER, TRIGGER_WORKFLOW_ID };
