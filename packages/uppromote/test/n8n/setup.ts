// What the UpPromote parts of the real-n8n suites share: the simulator, the imports, the trigger's URLs and executions.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Execution } from '../../../../testing/n8n/n8n';
import type { SignedDelivery } from '../../../../testing/n8n/trigger-reliability';
import { triggerItems as triggerItemsOf } from '../../../../testing/n8n/trigger-runs';
import type { PackageImports, WorkflowJson } from '../../../../testing/n8n/suite-package';
import { eventRequest } from '../simulator/events';
import { referralJson } from '../simulator/records';
import { startUpPromoteSimulator, type UpPromoteSimulator, type UpPromoteSimulatorOptions, type WebhookEvent } from '../simulator/server';

export const CREDENTIAL = { id: 'UpPromoteCred001', name: 'UpPromote account' };
export const TRIGGER = 'UpPromote Trigger';
export const WORKFLOWS = {
	trigger: 'UpPromoteE2ETrg1',
	node: 'UpPromoteE2ENod1',
	reliability: 'UpPromoteRelTrg1',
} as const;

const FILES: Record<string, string> = {
	[WORKFLOWS.trigger]: 'trigger-e2e.json',
	[WORKFLOWS.node]: 'node-get-affiliates.json',
	[WORKFLOWS.reliability]: 'trigger-reliability.json',
};

export function workflow(id: string): WorkflowJson {
	return JSON.parse(readFileSync(path.join(__dirname, 'workflows', FILES[id]), 'utf8')) as WorkflowJson;
}

/** The events a workflow's trigger subscribes. */
export function chosenEvents(id: string): WebhookEvent[] {
	const trigger = workflow(id).nodes.find((node) => node.name === TRIGGER) as { parameters: { events: WebhookEvent[] } };
	return trigger.parameters.events;
}

/** The trigger's production URL for an event: `<webhook base>/webhook/<webhookId>/uppromote/<event with a dash>`. */
export function eventUrl(webhookBaseUrl: string, workflowId: string, event: string): string {
	const trigger = workflow(workflowId).nodes.find((node) => node.name === TRIGGER) as { webhookId: string };
	return `${webhookBaseUrl}/webhook/${trigger.webhookId}/uppromote/${event.replace('.', '-')}`;
}

/** The simulator, plus every webhook secret it ever handed out (subscriptions are gone after unpublishing). */
export interface UpPromoteInSuite {
	sim: UpPromoteSimulator;
	secretsSeen: Set<string>;
	/** Records the secrets of the current subscriptions; call after each publish. */
	noteSecrets(): void;
}

export async function startUpPromote(workflowIds: string[], options: UpPromoteSimulatorOptions = {}): Promise<UpPromoteInSuite & { imports: PackageImports }> {
	const sim = await startUpPromoteSimulator({ host: '127.0.0.1', ...options });
	const secretsSeen = new Set<string>();
	return {
		sim,
		secretsSeen,
		noteSecrets: () => sim.state.subscriptions.forEach((subscription) => secretsSeen.add(subscription.secretKey)),
		imports: {
			credentials: [{ ...CREDENTIAL, type: 'upPromoteApi', data: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } }],
			workflows: workflowIds.map(workflow),
		},
	};
}

/** The trigger's items of an execution (one item per delivery). */
export function triggerItems(execution: Execution): Array<Record<string, unknown>> {
	return triggerItemsOf(execution, TRIGGER);
}

/** The referral ids an execution ran. */
export function referralIdsOf(execution: Execution): string[] {
	return triggerItems(execution).map((item) => String(item.referralId));
}

/** `count` distinct signed referral.new deliveries (ids from `firstId`), as UpPromote sends them to the event's URL. */
export function referralDeliveries(up: UpPromoteInSuite, url: string, count: number, firstId: number): SignedDelivery[] {
	const { sim } = up;
	const subscription = sim.state.subscriptions.find((s) => s.event === 'referral.new');
	if (!subscription) throw new Error('referral.new is not subscribed');
	const template = referralJson(sim.state, sim.state.referrals[0]);
	return Array.from({ length: count }, (_, i) => {
		const request = eventRequest(url, subscription.secretKey, { ...template, id: firstId + i, order_id: firstId + i, status: 'pending' });
		return { id: String(firstId + i), request: { method: request.method, headers: { ...request.headers }, body: request.rawBody } };
	});
}
