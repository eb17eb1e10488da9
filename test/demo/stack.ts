import path from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { startUpPromoteSimulator, type UpPromoteSimulator } from '../../packages/uppromote/test/simulator/server';
import { N8N_TARGETS, N8nServer, OWNER, packRepositoryPackages } from '../../testing/n8n/n8n';
import { TRIGGER_WORKFLOW_ID, triggerUrl, writeCredentialFile, writeExamplesFile } from '../e2e/support';

export const PAY_AFFILIATES_WORKFLOW_ID = 'UpPromoteExmpl01';
export const REFERRAL_WORKFLOW_ID = 'UpPromoteExmpl02';
export const UPPROMOTE_CREDENTIAL = { id: 'UpPromoteCred001', name: 'UpPromote account' };

export interface DemoStack {
	sim: PayRamSimulator;
	upPromote: UpPromoteSimulator;
	n8n: N8nServer;
	hookUrl: string;
	stop(): Promise<void>;
}

export interface DemoOptions {
	simPort: number;
	/** 0 picks a free port. */
	upPromotePort?: number;
	n8nPort: number;
	/** n8n's data folder: wiped on every start, so each start is a fresh n8n. */
	folder: string;
}

/** The demo's n8n (newest supported 2.x, SQLite), also for `npm run demo:pay-affiliates`, which runs a workflow in it. */
export function demoN8n(options: { n8nPort: number; folder: string }): N8nServer {
	const { version, nodeMajor } = N8N_TARGETS[0];
	return new N8nServer({ version, nodeMajor, port: options.n8nPort, userFolder: options.folder });
}

/**
 * The PayRam and UpPromote simulators and a real n8n with every package of the repository packed and installed, the
 * example workflows and their two credentials, the PayRam Trigger and UpPromote Trigger workflows published.
 */
export async function startDemoStack(options: DemoOptions): Promise<DemoStack> {
	const sim = await startSimulator({ port: options.simPort });
	// The pay-affiliates example marks commissions paid at a path UpPromote does not document: the simulator's guess.
	const upPromote = await startUpPromoteSimulator({ port: options.upPromotePort ?? 0, guessedEndpoints: true });
	const n8n = demoN8n(options);
	n8n.prepare(packRepositoryPackages());
	mkdirSync(options.folder, { recursive: true });
	const credentials = path.join(options.folder, 'credentials.json');
	writeCredentialFile(credentials, sim.url, sim.apiKey);
	const both = [...JSON.parse(readFileSync(credentials, 'utf8')), { ...UPPROMOTE_CREDENTIAL, type: 'upPromoteApi', data: { apiKey: upPromote.apiKey, baseUrl: upPromote.baseUrl } }];
	writeFileSync(credentials, JSON.stringify(both));
	const workflows = writeExamplesFile(path.join(options.folder, 'workflows.json'));
	await n8n.importCredentials(credentials);
	await n8n.importWorkflows(path.join(options.folder, 'workflows.json'));
	await n8n.start();
	await n8n.publish(TRIGGER_WORKFLOW_ID);
	// The UpPromote Trigger subscribes referral.new at the simulator, which pings n8n before it agrees.
	await n8n.publish(REFERRAL_WORKFLOW_ID);
	const hookUrl = triggerUrl(n8n.baseUrl, workflows.find((w) => w.id === TRIGGER_WORKFLOW_ID)!);
	sim.setWebhook({ url: hookUrl, mode: 'current' });
	return {
		sim,
		upPromote,
		n8n,
		hookUrl,
		async stop() {
			await n8n.stop();
			await Promise.all([sim.close(), upPromote.close()]);
		},
	};
}

export { OWNER, TRIGGER_WORKFLOW_ID };
