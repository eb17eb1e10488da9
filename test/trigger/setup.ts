// Shared by the trigger's integration tests: the PayRam simulator delivering webhooks to the PayRam Trigger,
// served by the harness's live-webhook host (n8n-core's WebhookContext, then the workflow run).
import axios from 'axios';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { HarnessTypes } from '../../testing/engine/node-types';
import type { RunResult, WorkflowFixture } from '../../testing/engine/run-workflow';
import { loadWorkflowFixture } from '../../testing/engine/run-workflow';
import type { WebhookHost } from '../../testing/engine/webhook-server';
import { startWebhookHost } from '../../testing/engine/webhook-server';
import type { DeliveryResult, PayRamSimulator, SimulatorOptions, WebhookMode } from '../simulator/server';
import { startSimulator } from '../simulator/server';
import { signatureFor } from '../simulator/webhooks';
import type { WebhookReceiver } from '../simulator/testkit';
import { startWebhookReceiver } from '../simulator/testkit';

export const ACK_MESSAGE = 'Webhook received successfully';
export const TRIGGER = 'PayRam Trigger';
/** The per-state fixture's outputs, in order, each connected to a No Operation node of the same name. */
export const PER_STATE_BRANCHES = ['Open', 'Partially Filled', 'Filled', 'Over Filled', 'Cancelled', 'Payout', 'Other State'];

export type Fixture = 'trigger-per-state.json' | 'trigger-single.json' | 'trigger-dedupe.json' | 'trigger-signed-only.json';

let workflowCounter = 0;

/**
 * The fixture under a workflow id of its own. The trigger remembers seen events per workflow id for the life of the
 * process (like one n8n instance), so each test gets its own workflow to stay independent of the others.
 */
export function uniqueWorkflow(fixture: Fixture): WorkflowFixture {
	const workflow = loadWorkflowFixture(fixture);
	workflowCounter += 1;
	return { ...workflow, id: `${workflow.id ?? 'trigger'}-${process.pid}-${workflowCounter}` };
}

export function payRamCredentials(url: string, apiKey: string): Record<string, ICredentialDataDecryptedObject> {
	return { payRamApi: { url, apiKey, allowInsecure: true } };
}

export interface TriggerSetup {
	sim: PayRamSimulator;
	host: WebhookHost;
	workflow: WorkflowFixture;
	close(): Promise<void>;
}

export interface TriggerSetupOptions {
	mode?: WebhookMode;
	/** Simulator options (e.g. another apiKey than the credential's). */
	simulator?: SimulatorOptions;
	/** The Project API Key in the n8n credential; the simulator's own key by default. */
	credentialApiKey?: string;
	/** Static data stored before the first request, as after a restart. */
	staticData?: IDataObject;
	/** A workflow to serve instead of a fresh copy of the fixture. */
	workflow?: WorkflowFixture;
	/** startWebhookHost to use (a freshly loaded harness and trigger simulate an n8n restart). */
	startHost?: typeof startWebhookHost;
	/** Node and credential types for the host (default: this package's plus n8n stand-ins). */
	types?: HarnessTypes;
}

/** A simulator whose webhook target is the trigger's production URL, and the host serving the workflow. */
export async function startTrigger(fixture: Fixture, options: TriggerSetupOptions = {}): Promise<TriggerSetup> {
	const sim = await startSimulator({ port: 0, ...options.simulator });
	const workflow = options.workflow ?? uniqueWorkflow(fixture);
	const host = await (options.startHost ?? startWebhookHost)({
		workflow,
		credentials: payRamCredentials(sim.url, options.credentialApiKey ?? sim.apiKey),
		staticData: options.staticData,
		types: options.types,
	});
	sim.setWebhook({ url: host.url, mode: options.mode ?? 'current' });
	return {
		sim,
		host,
		workflow,
		async close() {
			await host.close();
			await sim.close();
		},
	};
}

let customerCounter = 0;

/** Creates a payment link through the simulator's merchant API and returns its reference id. */
export async function createPayment(
	sim: PayRamSimulator,
	amountInUSD: number,
	customer?: { customerId: string; customerEmail: string },
): Promise<{ referenceId: string; customerId: string; customerEmail: string }> {
	customerCounter += 1;
	// PayRam cancels a customer's earlier OPEN link when a new one is created, so each link gets its own customer.
	const who = customer ?? { customerId: `cust_${customerCounter}`, customerEmail: `buyer${customerCounter}@example.com` };
	const response = await axios.post<{ reference_id: string }>(
		`${sim.url}/api/v1/payment`,
		{ customerEmail: who.customerEmail, customerId: who.customerId, amountInUSD },
		{ headers: { 'API-Key': sim.apiKey } },
	);
	expect(response.status).toBe(200);
	expect(typeof response.data.reference_id).toBe('string');
	return { referenceId: response.data.reference_id, ...who };
}

/** Creates a merchant payout through the simulator's API and returns its id. */
export async function createPayout(sim: PayRamSimulator, amount: string): Promise<number> {
	const response = await axios.post<{ id: number; status: string }>(
		`${sim.url}/api/v1/withdrawal/merchant`,
		{
			email: 'payee@example.com',
			blockchainCode: 'ETH',
			currencyCode: 'USDC',
			amount,
			toAddress: '0x1111111111111111111111111111111111111111',
		},
		{ headers: { 'API-Key': sim.apiKey } },
	);
	expect(response.status).toBe(201);
	return response.data.id;
}

/**
 * Runs `act` with the simulator delivering to a plain receiver instead of the trigger, and returns the webhook
 * request it sent: a real delivery (headers, signature, exact body) the trigger has not seen yet.
 */
export async function captureDelivery(
	sim: PayRamSimulator,
	act: () => Promise<DeliveryResult | null>,
): Promise<DeliveryResult['request']> {
	const previous = sim.webhook;
	const receiver: WebhookReceiver = await startWebhookReceiver();
	try {
		sim.setWebhook({ url: receiver.url, mode: previous?.mode ?? 'current' });
		const delivery = await act();
		expect(delivery?.status).toBe(200);
		return delivery!.request;
	} finally {
		sim.setWebhook(previous);
		await receiver.close();
	}
}

/** Waits until every execution started so far has finished (and nothing more is about to start). */
export async function settle(host: WebhookHost): Promise<void> {
	await host.idle();
	await new Promise((resolve) => setTimeout(resolve, 20));
	await host.idle();
}

export function json(delivery: DeliveryResult): IDataObject {
	return JSON.parse(delivery.body) as IDataObject;
}

export function payloadOf(delivery: DeliveryResult): IDataObject {
	return JSON.parse(delivery.request.rawBody) as IDataObject;
}

/** The one item the trigger emitted in an execution, read from the branch node that received it. */
export function itemOf(execution: RunResult, branch: string): IDataObject {
	const items = execution.output(branch);
	expect(items).toHaveLength(1);
	return items[0].json;
}

/** The headers of a delivery with Content-Length dropped (deliverRaw sets it for the body it sends). */
export function headersOf(request: DeliveryResult['request']): Record<string, string> {
	return Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'content-length'));
}

export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const PAYMENT_EVENT_ID = /^payment_[0-9a-f]{24}$/;
export const PAYOUT_EVENT_ID = /^payout_[0-9a-f]{24}$/;

/** Sends a body as PayRam's current servers do (POST, JSON, API-Key and a valid signature), exactly as given. */
export async function deliverSigned(sim: PayRamSimulator, body: string): Promise<DeliveryResult> {
	return await sim.deliverRaw({
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'API-Key': sim.apiKey, 'X-Payram-Signature': signatureFor(sim.apiKey, body) },
		body,
	});
}
