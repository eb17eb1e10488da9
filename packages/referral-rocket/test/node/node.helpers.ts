// Shared by the Referral Rocket node's suites (not a test file itself): workflows around one node, run by n8n-core.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunResult, WorkflowFixture } from '../../../../testing/engine/run-workflow';
import { runWorkflow } from '../../../../testing/engine/run-workflow';
import { callsSince as recordedCalls, jsonOf as outputOf, singleNodeWorkflow } from '../../../../testing/engine/single-node';
import type { ReferralRocketSimulator } from '../simulator/server';

export { withItems } from '../../../../testing/engine/single-node';

export const NODE = 'Referral Rocket';
export const NODE_TYPE = 'n8n-nodes-referral-rocket.referralRocket';

/** The credential as a builder fills it in against the simulator: Base URL only, unless a key is given. */
export function credentialsFor(sim: ReferralRocketSimulator, extra: IDataObject = {}) {
	return { referralRocketApi: { baseUrl: sim.baseUrl, headerName: 'X-API-Key', apiKey: '', webhookSecret: 'whsec_unused_here', ...extra } };
}

export function referralRocketWorkflow(parameters: INodeParameters, options: { items?: IDataObject[]; continueOnFail?: boolean } = {}): WorkflowFixture {
	return singleNodeWorkflow({ name: NODE, type: NODE_TYPE, credential: { type: 'referralRocketApi', name: 'Referral Rocket account' } }, parameters, options);
}

export function run(sim: ReferralRocketSimulator, workflow: string | WorkflowFixture, credential: IDataObject = {}): Promise<RunResult> {
	return runWorkflow(workflow, { credentials: credentialsFor(sim, credential) });
}

/** Runs one Referral Rocket node with these parameters (and input items) against the simulator. */
export function runNode(
	sim: ReferralRocketSimulator,
	parameters: INodeParameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean; credential?: IDataObject } = {},
): Promise<RunResult> {
	return run(sim, referralRocketWorkflow(parameters, options), options.credential);
}

export function jsonOf(result: RunResult, nodeName = NODE): IDataObject[] {
	return outputOf(result, nodeName);
}

/** `METHOD /path?query` of the API requests the simulator recorded from index `from` on. */
export function callsSince(sim: ReferralRocketSimulator, from = 0): string[] {
	return recordedCalls(sim.requests, from);
}
