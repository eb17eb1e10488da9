// Shared by the UpPromote Trigger's tests: the UpPromote simulator subscribing and delivering to the trigger, served by
// the harness's live-webhook host (activation through webhookMethods, n8n-core's WebhookContext, then the workflow run).
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import type { RunResult, WorkflowFixture } from '../../../../testing/engine/run-workflow';
import { loadWorkflowFixture } from '../../../../testing/engine/run-workflow';
import type { WebhookHost } from '../../../../testing/engine/webhook-server';
import { startWebhookHost } from '../../../../testing/engine/webhook-server';
import type { UpPromoteSimulator, WebhookEvent } from '../simulator/server';
import { startUpPromoteSimulator } from '../simulator/server';

export type Fixture = 'uppromote-trigger-all-events.json' | 'uppromote-trigger-dedupe.json' | 'uppromote-trigger-replace.json';

export const TRIGGER = 'UpPromote Trigger';
export const EVENT_ID = /^uppromote_[0-9a-f]{24}$/;

let workflows = 0;

/** The fixture under a workflow id of its own: seen events are remembered per workflow for the life of the process. */
export function uniqueWorkflow(fixture: Fixture): WorkflowFixture {
	const workflow = loadWorkflowFixture(fixture);
	workflows += 1;
	return { ...workflow, id: `${workflow.id ?? 'uppromote'}-${process.pid}-${workflows}` };
}

export function credentialsFor(sim: UpPromoteSimulator) {
	return { upPromoteApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } };
}

/** Publishes the workflow against the simulator: the trigger subscribes its events while the host already serves them. */
export async function publish(sim: UpPromoteSimulator, fixture: Fixture): Promise<WebhookHost> {
	return await startWebhookHost({ workflow: uniqueWorkflow(fixture), credentials: credentialsFor(sim) });
}

/** Calls UpPromote's API on the simulator as another integration would. */
export async function upPromoteApi(sim: UpPromoteSimulator, method: string, path: string, data?: IDataObject) {
	return await axios.request<{ data: unknown; message: string }>({
		method,
		url: `${sim.baseUrl}${path}`,
		data,
		headers: { Authorization: sim.apiKey },
		validateStatus: () => true,
	});
}

export interface SimSubscription {
	event: string;
	target_url: string;
	secret_key: string;
}

export async function subscriptions(sim: UpPromoteSimulator): Promise<SimSubscription[]> {
	return (await upPromoteApi(sim, 'GET', '/webhook-subscriptions?per_page=100')).data.data as SimSubscription[];
}

/** This trigger's URL for an event, as the host serves it. */
export function urlOf(host: WebhookHost, event: WebhookEvent): string {
	const path = `uppromote/${event.replace('.', '-')}`;
	const endpoint = host.endpoints.find((candidate) => candidate.path.endsWith(`/${path}`));
	if (!endpoint) throw new Error(`no endpoint for ${event}`);
	return endpoint.url;
}

/** Waits until every delivery the simulator queued is answered and every execution it started has finished. */
export async function settle(sim: UpPromoteSimulator, host: WebhookHost): Promise<void> {
	await sim.idle();
	await host.idle();
}

/** The one item the trigger emitted in an execution. */
export function itemOf(execution: RunResult): IDataObject {
	const items = execution.output('Event');
	expect(items).toHaveLength(1);
	return items[0].json;
}

export function startSimulator(): Promise<UpPromoteSimulator> {
	return startUpPromoteSimulator();
}
