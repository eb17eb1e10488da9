// What the Referral Rocket parts of the real-n8n suites share: the simulator, the credentials and workflows, the
// trigger's URL, its items and signed deliveries.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Execution } from '../../../../testing/n8n/n8n';
import type { PackageImports, WorkflowJson } from '../../../../testing/n8n/suite-package';
import type { SignedDelivery } from '../../../../testing/n8n/trigger-reliability';
import { triggerItems } from '../../../../testing/n8n/trigger-runs';
import { webhookData } from '../simulator/records';
import { SEED_CAMPAIGN_ID, startReferralRocketSimulator, type ReferralRocketSimulator } from '../simulator/server';
import { newWebhookSecret, signatureFor, SIGNATURE_HEADER, webhookRequest, type KeyEncoding } from '../simulator/webhooks';

export const TRIGGER = 'Referral Rocket Trigger';
export const OUTPUTS = ['Event', 'Other Event'] as const;
export const CREDENTIALS = {
	/** A secret of 32 hex digits: both key readings apply. */
	hex: { id: 'RefRocketCred001', name: 'Referral Rocket account' },
	/** A `whsec_` secret: a lenient hex decoder makes it an empty key, which must never be accepted. */
	whsec: { id: 'RefRocketCred002', name: 'Referral Rocket account (whsec_ secret)' },
} as const;
export const WORKFLOWS = {
	trigger: 'RefRocketE2ETrg1',
	whsec: 'RefRocketE2ETrg2',
	node: 'RefRocketE2ENod1',
	reliability: 'RefRocketRelTrg1',
} as const;

const FILES: Record<string, string> = {
	[WORKFLOWS.trigger]: 'trigger-e2e.json',
	[WORKFLOWS.whsec]: 'trigger-whsec.json',
	[WORKFLOWS.node]: 'node-get-participants.json',
	[WORKFLOWS.reliability]: 'trigger-reliability.json',
};

export function workflow(id: string): WorkflowJson {
	return JSON.parse(readFileSync(path.join(__dirname, 'workflows', FILES[id]), 'utf8')) as WorkflowJson;
}

export function webhookIdOf(workflowId: string): string {
	return (workflow(workflowId).nodes.find((node) => node.name === TRIGGER) as { webhookId: string }).webhookId;
}

/** The trigger's production URL: `<webhook base>/webhook/<webhookId>/referral-rocket`. */
export function triggerUrl(webhookBaseUrl: string, workflowId: string): string {
	return `${webhookBaseUrl}/webhook/${webhookIdOf(workflowId)}/referral-rocket`;
}

/** The simulator and the two credentials' secrets, fresh for each run. */
export interface ReferralRocketInSuite {
	sim: ReferralRocketSimulator;
	secrets: { hex: string; whsec: string };
}

export async function startReferralRocket(workflowIds: string[]): Promise<ReferralRocketInSuite & { imports: PackageImports }> {
	// No retries: a delivery n8n did not take shows as undeliverable at once instead of being sent again later.
	const sim = await startReferralRocketSimulator({ host: '127.0.0.1', webhooks: { retryDelaysMs: [] } });
	const secrets = { hex: newWebhookSecret(), whsec: `whsec_${randomBytes(18).toString('base64url')}` };
	const credential = (which: keyof typeof CREDENTIALS) => ({
		...CREDENTIALS[which],
		type: 'referralRocketApi',
		data: { baseUrl: sim.baseUrl, webhookSecret: secrets[which], headerName: 'X-API-Key', apiKey: '' },
	});
	return {
		sim,
		secrets,
		imports: { credentials: [credential('hex'), credential('whsec')], workflows: workflowIds.map(workflow) },
	};
}

/** The trigger's items of an execution, with the output each left by. */
export function itemsOf(execution: Execution): Array<{ output: (typeof OUTPUTS)[number]; json: Record<string, unknown> }> {
	return OUTPUTS.flatMap((output, index) => triggerItems(execution, TRIGGER, index).map((json) => ({ output, json })));
}

/** The participant ids an execution ran. */
export function participantIdsOf(execution: Execution): string[] {
	return itemsOf(execution).map((item) => String(item.json.participantId));
}

/** Which reading of the secret signed a delivery. */
export function keyEncodingOf(secret: string, rawBody: string, signature: string): KeyEncoding | undefined {
	return (['utf8', 'hex'] as const).find((encoding) => signatureFor(secret, rawBody, encoding) === signature);
}

/** The literal digits of a money field in a raw body, e.g. `"rewardDue":40` → `40`. */
export function amountIn(rawBody: string, key: string): string | undefined {
	return new RegExp(`"${key}":(-?[0-9][0-9.eE+-]*)`).exec(rawBody)?.[1];
}

/**
 * `count` distinct signed referrer_added deliveries (participant ids from `firstId`), as Referral Rocket sends them,
 * signed in turn with the UTF-8 and the hex reading of the secret.
 */
export function referrerDeliveries(rr: ReferralRocketInSuite, url: string, count: number, firstId: number): SignedDelivery[] {
	const template = webhookData(rr.sim.state, rr.sim.state.participants.find((p) => p.campaignId === SEED_CAMPAIGN_ID)!);
	const createdAt = Date.now();
	return Array.from({ length: count }, (_, i) => {
		const participantId = firstId + i;
		const data = { ...template, participantId, email: `load-${participantId}@example.com`, code: `L${participantId}`, referredByCode: null };
		const event = { eventType: 'referrer_added', data, createdAt: createdAt + i, updatedAt: createdAt + i };
		const request = webhookRequest({ url, secret: rr.secrets.hex, keyEncoding: i % 2 === 0 ? 'utf8' : 'hex' }, event);
		return { id: String(participantId), request: { method: request.method, headers: { ...request.headers }, body: request.rawBody } };
	});
}

export { SIGNATURE_HEADER };
