// Shared by referrals.test.ts, payouts.test.ts and cross-cutting.test.ts (not a test file itself).
import type { IDataObject } from 'n8n-workflow';

import type { RunResult, WorkflowFixture } from '../../testing/engine/run-workflow';
import { loadWorkflowFixture, runWorkflow } from '../../testing/engine/run-workflow';
import type { PayRamSimulator, RecordedRequest } from '../simulator/server';

/** The Manual Trigger's name in every fixture, as n8n names it. */
export const TRIGGER = "When clicking 'Execute workflow'";

export function credentialsFor(sim: PayRamSimulator, apiKey: string = sim.apiKey) {
	return { payRamApi: { url: sim.url, apiKey, allowInsecure: true } };
}

/** A fixture whose Manual Trigger pins these items instead of its own, like a builder editing the pinned data. */
export function withItems(fixture: string, items: IDataObject[]): WorkflowFixture {
	const workflow = loadWorkflowFixture(fixture);
	workflow.pinData = { ...workflow.pinData, [TRIGGER]: items.map((json) => ({ json })) };
	return workflow;
}

/** Runs a fixture (by file name, or given items) against the simulator with the right key. */
export function run(
	sim: PayRamSimulator,
	fixture: string | WorkflowFixture,
	options: { apiKey?: string } = {},
): Promise<RunResult> {
	return runWorkflow(fixture, { credentials: credentialsFor(sim, options.apiKey) });
}

/** The JSON of every item the node output on its main output. */
export function jsonOf(result: RunResult, nodeName: string): IDataObject[] {
	return result.output(nodeName).map((item) => item.json);
}

/** Requests the simulator recorded from index `from` on. */
export function requestsSince(sim: PayRamSimulator, from: number): RecordedRequest[] {
	return sim.requests.slice(from);
}

async function api(sim: PayRamSimulator, path: string, body: IDataObject): Promise<IDataObject> {
	const response = await fetch(`${sim.url}${path}`, {
		method: 'POST',
		headers: { 'API-Key': sim.apiKey, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	const json = (await response.json()) as IDataObject;
	if (!response.ok) throw new Error(`seeding ${path} failed: HTTP ${response.status} ${JSON.stringify(json)}`);
	return json;
}

/** Registers a referrer straight through the API (set-up, not the node under test); returns the referral code. */
export async function seedReferrer(sim: PayRamSimulator, referenceID: string, email: string): Promise<string> {
	const answer = await api(sim, '/api/v1/referral/referrers/authenticate', { email, referenceID });
	return (answer.referrer as IDataObject).code as string;
}

/** Links a referee straight through the API. */
export async function seedReferee(sim: PayRamSimulator, referrerCode: string, referenceID: string, email: string): Promise<void> {
	await api(sim, '/api/v1/referral/referee', { email, referrerCode, referenceID });
}

/** Creates payouts straight through the API, one per amount, to ETH/USDC wallets. */
export async function seedPayouts(sim: PayRamSimulator, amounts: string[]): Promise<void> {
	for (const [index, amount] of amounts.entries()) {
		await api(sim, '/api/v1/withdrawal/merchant', {
			email: `payee${index + 1}@example.com`,
			blockchainCode: 'ETH',
			currencyCode: 'USDC',
			amount,
			toAddress: `0x${String(index + 1).padStart(40, '0')}`,
		});
	}
}
