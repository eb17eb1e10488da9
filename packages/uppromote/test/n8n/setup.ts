// What the UpPromote parts of the real-n8n suites share: the simulator, the imports, the trigger's URLs and executions.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { LoadRequest } from '../../../../testing/n8n/load';
import type { Execution, N8nServer } from '../../../../testing/n8n/n8n';
import { waitFor } from '../../../../testing/n8n/wait';
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

/** The trigger's item of an execution (one item per delivery). */
export function triggerItems(execution: Execution): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData?.runData?.[TRIGGER];
	return (runs?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
}

/** Waits until the workflow has `count` finished executions and returns them all. */
export async function finishedExecutions(n8n: N8nServer, workflowId: string, count: number, timeoutMs = 60_000): Promise<Execution[]> {
	return await waitFor(`${count} executions of ${workflowId}`, async () => {
		const all = await n8n.executions(workflowId);
		return all.length >= count && all.every((execution) => execution.finished || execution.status === 'success') ? all : undefined;
	}, timeoutMs);
}

/** Every secret and the API key, as found in a text (empty when none). */
export function secretsIn(text: string, secrets: Iterable<string>): string[] {
	return [...secrets].filter((secret) => secret.length >= 8 && text.includes(secret)).map((secret) => `${secret.slice(0, 4)}…(${secret.length} chars)`);
}

/** `count` distinct signed referral.new deliveries (ids from `firstId`), as UpPromote sends them to the event's URL. */
export function referralDeliveries(up: UpPromoteInSuite, url: string, count: number, firstId: number): Array<{ referralId: string; request: LoadRequest }> {
	const { sim } = up;
	const subscription = sim.state.subscriptions.find((s) => s.event === 'referral.new');
	if (!subscription) throw new Error('referral.new is not subscribed');
	const template = referralJson(sim.state, sim.state.referrals[0]);
	return Array.from({ length: count }, (_, i) => {
		const request = eventRequest(url, subscription.secretKey, { ...template, id: firstId + i, order_id: firstId + i, status: 'pending' });
		return { referralId: String(firstId + i), request: { method: request.method, headers: { ...request.headers }, body: request.rawBody } };
	});
}

/** How the sent referral ids map onto executions: each must have run exactly once, and nothing else. */
export function lostAndDuplicated(sent: string[], executions: Execution[]): { lost: number; duplicated: number; unexpected: number; examples: string[] } {
	const runs = new Map<string, number>();
	for (const item of executions.flatMap(triggerItems)) runs.set(String(item.referralId), (runs.get(String(item.referralId)) ?? 0) + 1);
	const expected = new Set(sent);
	const lost = sent.filter((id) => !runs.has(id));
	const duplicated = [...runs].filter(([id, n]) => expected.has(id) && n > 1);
	const unexpected = [...runs.keys()].filter((id) => !expected.has(id));
	return {
		lost: lost.length,
		duplicated: duplicated.length,
		unexpected: unexpected.length,
		examples: [...lost.slice(0, 3).map((id) => `lost ${id}`), ...duplicated.slice(0, 3).map(([id, n]) => `${id}×${n}`), ...unexpected.slice(0, 3)],
	};
}
