// Shared by the Referral Rocket Trigger's tests: the simulator delivering to the trigger, served by the harness's
// live-webhook host (n8n-core's WebhookContext, then the workflow run).
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunResult, WorkflowFixture } from '../../../../testing/engine/run-workflow';
import { loadWorkflowFixture } from '../../../../testing/engine/run-workflow';
import type { WebhookHost } from '../../../../testing/engine/webhook-server';
import { startWebhookHost } from '../../../../testing/engine/webhook-server';
import type { ReferralRocketSimulator } from '../simulator/server';
import { startReferralRocketSimulator } from '../simulator/server';

export const TRIGGER = 'Referral Rocket Trigger';
export const EVENT_ID = /^rr_[0-9a-f]{24}$/;
export const CONTENT_ID = /^rrc_[0-9a-f]{24}$/;
export type Output = 'Event' | 'Other Event';

let workflows = 0;

/** The trigger's workflow with these parameters, under a workflow id of its own (seen events are remembered per workflow). */
export function triggerWorkflow(parameters: INodeParameters = {}): WorkflowFixture {
	const workflow = loadWorkflowFixture('referral-rocket-trigger.json');
	workflows += 1;
	const nodes = workflow.nodes.map((node) => (node.name === TRIGGER ? { ...node, parameters: { ...node.parameters, ...parameters } } : node));
	return { ...workflow, nodes, id: `${workflow.id ?? 'referral-rocket'}-${process.pid}-${workflows}` };
}

/** Publishes the trigger with a credential holding this Webhook Signing Secret (and static data stored before, if any). */
export async function publish(webhookSecret: string, parameters: INodeParameters = {}, staticData?: IDataObject): Promise<WebhookHost> {
	return await startWebhookHost({
		workflow: triggerWorkflow(parameters),
		staticData,
		credentials: { referralRocketApi: { baseUrl: 'https://app.referralrocket.io', webhookSecret, apiKeyHeader: 'X-API-Key', apiKey: '' } },
	});
}

/** A simulator whose failed deliveries are retried at once (twice), so tests wait for no clock. */
export async function startSimulator(): Promise<ReferralRocketSimulator> {
	return await startReferralRocketSimulator({ webhooks: { retryDelaysMs: [1, 1] } });
}

/** Waits until the simulator's deliveries (retries included) are answered and every execution they started has finished. */
export async function settle(sim: ReferralRocketSimulator, host: WebhookHost): Promise<void> {
	await sim.idle();
	await sim.webhooks.idle();
	await host.idle();
}

/** The one item the trigger emitted in an execution, on the output it left by (the other output stays empty). */
export function itemOf(execution: RunResult, output: Output = 'Event'): IDataObject {
	const other: Output = output === 'Event' ? 'Other Event' : 'Event';
	expect(execution.ran(other)).toBe(false);
	const items = execution.output(output);
	expect(items).toHaveLength(1);
	return items[0].json;
}
