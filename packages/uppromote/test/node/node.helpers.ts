// Shared by the UpPromote node's suites (not a test file itself): workflows around one UpPromote node, run by n8n-core.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunResult, WorkflowFixture } from '../../../../testing/engine/run-workflow';
import { runWorkflow } from '../../../../testing/engine/run-workflow';
import { callsSince as recordedCalls, jsonOf as outputOf, MANUAL_TRIGGER, singleNodeWorkflow } from '../../../../testing/engine/single-node';
import type { UpPromoteSimulator } from '../simulator/server';

export { withItems } from '../../../../testing/engine/single-node';

/** The Manual Trigger's name, as n8n names it. */
export const TRIGGER = MANUAL_TRIGGER;
export const NODE = 'UpPromote';
export const NODE_TYPE = 'n8n-nodes-uppromote.upPromote';

export function credentialsFor(sim: UpPromoteSimulator, apiKey: string = sim.apiKey) {
	return { upPromoteApi: { apiKey, baseUrl: sim.baseUrl } };
}

/** A workflow a builder would make: Manual Trigger (its pinned items, or one empty item) → UpPromote with these parameters. */
export function upPromoteWorkflow(parameters: INodeParameters, options: { items?: IDataObject[]; continueOnFail?: boolean } = {}): WorkflowFixture {
	return singleNodeWorkflow({ name: NODE, type: NODE_TYPE, credential: { type: 'upPromoteApi', name: 'UpPromote account' } }, parameters, options);
}

export function run(sim: UpPromoteSimulator, workflow: string | WorkflowFixture, apiKey?: string): Promise<RunResult> {
	return runWorkflow(workflow, { credentials: credentialsFor(sim, apiKey) });
}

/** Runs one UpPromote node with these parameters (and input items) against the simulator. */
export function runNode(
	sim: UpPromoteSimulator,
	parameters: INodeParameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean; apiKey?: string } = {},
): Promise<RunResult> {
	return run(sim, upPromoteWorkflow(parameters, options), options.apiKey);
}

/** The JSON of every item the node output. */
export function jsonOf(result: RunResult, nodeName = NODE): IDataObject[] {
	return outputOf(result, nodeName);
}

/** `METHOD /path?query` of the API requests the simulator recorded from index `from` on. */
export function callsSince(sim: UpPromoteSimulator, from = 0): string[] {
	return recordedCalls(sim.requests, from);
}

/** A locator value as the editor stores it. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
export const fromList = (value: string | number) => ({ __rl: true, mode: 'list', value: String(value) });
