import path from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { startUpPromoteSimulator, type UpPromoteSimulator } from '../../packages/uppromote/test/simulator/server';
import { startReferralRocketSimulator, type ReferralRocketSimulator } from '../../packages/referral-rocket/test/simulator/server';
import { N8N_TARGETS, N8nServer, OWNER, packRepositoryPackages } from '../../testing/n8n/n8n';
import { TRIGGER_WORKFLOW_ID, triggerUrl, writeCredentialFile, writeExamplesFile } from '../e2e/support';

export const PAY_AFFILIATES_WORKFLOW_ID = 'UpPromoteExmpl01';
export const REFERRAL_WORKFLOW_ID = 'UpPromoteExmpl02';
export const UPPROMOTE_CREDENTIAL = { id: 'UpPromoteCred001', name: 'UpPromote account' };
export const REWARD_WORKFLOW_ID = 'RefRocketExmpl01';
export const REFERRAL_ROCKET_CREDENTIAL = { id: 'RefRocketCred001', name: 'Referral Rocket account' };
/** The endpoint secret the demo "pastes" into both Referral Rocket's Settings > Webhooks and the credential. */
export const REFERRAL_ROCKET_SECRET = '7c4e2a9f1b3d5e6f8a0b2c4d6e8f0a1b';

export interface DemoStack {
	sim: PayRamSimulator;
	upPromote: UpPromoteSimulator;
	referralRocket: ReferralRocketSimulator;
	n8n: N8nServer;
	hookUrl: string;
	/** The published reward workflow's production URL, registered in the Referral Rocket simulator for reward_unlocked. */
	rewardUrl: string;
	stop(): Promise<void>;
}

export interface DemoOptions {
	simPort: number;
	/** 0 picks a free port. */
	upPromotePort?: number;
	/** 0 picks a free port. */
	referralRocketPort?: number;
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
 * The PayRam, UpPromote and Referral Rocket simulators and a real n8n with every package of the repository packed and
 * installed, the example workflows and their three credentials, the PayRam Trigger, UpPromote Trigger and Referral
 * Rocket reward workflows published.
 */
export async function startDemoStack(options: DemoOptions): Promise<DemoStack> {
	const sim = await startSimulator({ port: options.simPort });
	// The pay-affiliates example marks commissions paid at a path UpPromote does not document: the simulator's guess.
	const upPromote = await startUpPromoteSimulator({ port: options.upPromotePort ?? 0, guessedEndpoints: true });
	const referralRocket = await startReferralRocketSimulator({ port: options.referralRocketPort ?? 0 });
	const n8n = demoN8n(options);
	n8n.prepare(packRepositoryPackages());
	mkdirSync(options.folder, { recursive: true });
	const credentials = path.join(options.folder, 'credentials.json');
	writeCredentialFile(credentials, sim.url, sim.apiKey);
	const all = [
		...JSON.parse(readFileSync(credentials, 'utf8')),
		{ ...UPPROMOTE_CREDENTIAL, type: 'upPromoteApi', data: { apiKey: upPromote.apiKey, baseUrl: upPromote.baseUrl } },
		{ ...REFERRAL_ROCKET_CREDENTIAL, type: 'referralRocketApi', data: { baseUrl: referralRocket.baseUrl, webhookSecret: REFERRAL_ROCKET_SECRET, headerName: 'X-API-Key', apiKey: '' } },
	];
	writeFileSync(credentials, JSON.stringify(all));
	const workflows = writeExamplesFile(path.join(options.folder, 'workflows.json'));
	await n8n.importCredentials(credentials);
	await n8n.importWorkflows(path.join(options.folder, 'workflows.json'));
	await n8n.start();
	await n8n.publish(TRIGGER_WORKFLOW_ID);
	// The UpPromote Trigger subscribes referral.new at the simulator, which pings n8n before it agrees.
	await n8n.publish(REFERRAL_WORKFLOW_ID);
	await n8n.publish(REWARD_WORKFLOW_ID);
	const hookUrl = triggerUrl(n8n.baseUrl, workflows.find((w) => w.id === TRIGGER_WORKFLOW_ID)!);
	sim.setWebhook({ url: hookUrl, mode: 'current' });
	// Referral Rocket has no webhook API: the builder pastes the URL into its dashboard, as this registration does.
	const rewardTrigger = workflows.find((w) => w.id === REWARD_WORKFLOW_ID)!.nodes.find((n) => n.type === 'n8n-nodes-referral-rocket.referralRocketTrigger')!;
	const rewardUrl = `${n8n.baseUrl}/webhook/${rewardTrigger.webhookId as string}/referral-rocket`;
	referralRocket.webhooks.register({ url: rewardUrl, events: ['reward_unlocked'], secret: REFERRAL_ROCKET_SECRET });
	return {
		sim,
		upPromote,
		referralRocket,
		n8n,
		hookUrl,
		rewardUrl,
		async stop() {
			await n8n.stop();
			await Promise.all([sim.close(), upPromote.close(), referralRocket.close()]);
		},
	};
}

export { OWNER, TRIGGER_WORKFLOW_ID };
