// Shared by the UpPromote node's suites (not a test file itself): workflows around one UpPromote node, run by n8n-core.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunResult, WorkflowFixture } from '../../../../testing/engine/run-workflow';
import { loadWorkflowFixture, runWorkflow } from '../../../../testing/engine/run-workflow';
import type { UpPromoteSimulator } from '../simulator/server';

/** The Manual Trigger's name, as n8n names it. */
export const TRIGGER = "When clicking 'Execute workflow'";
export const NODE = 'UpPromote';
export const NODE_TYPE = 'n8n-nodes-uppromote.upPromote';

export function credentialsFor(sim: UpPromoteSimulator, apiKey: string = sim.apiKey) {
	return { upPromoteApi: { apiKey, baseUrl: sim.baseUrl } };
}

/** A workflow a builder would make: Manual Trigger (its pinned items, or one empty item) → UpPromote with these parameters. */
export function upPromoteWorkflow(parameters: INodeParameters, options: { items?: IDataObject[]; continueOnFail?: boolean } = {}): WorkflowFixture {
	return {
		name: 'UpPromote node',
		nodes: [
			{ id: 'u-1', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'u-2',
				name: NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials: { upPromoteApi: { id: '1', name: 'UpPromote account' } },
				...(options.continueOnFail && { onError: 'continueRegularOutput' as const }),
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
		pinData: options.items ? { [TRIGGER]: options.items.map((json) => ({ json })) } : undefined,
		settings: { executionOrder: 'v1' },
	};
}

/** A fixture whose Manual Trigger pins these items instead of its own. */
export function withItems(fixture: string, items: IDataObject[]): WorkflowFixture {
	const workflow = loadWorkflowFixture(fixture);
	workflow.pinData = { ...workflow.pinData, [TRIGGER]: items.map((json) => ({ json })) };
	return workflow;
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
	return result.output(nodeName).map((item) => item.json);
}

/** `METHOD /path?query` of the API requests the simulator recorded from index `from` on. */
export function callsSince(sim: UpPromoteSimulator, from = 0): string[] {
	return sim.requests.slice(from).map((request) => {
		const query = new URLSearchParams(Object.entries(request.query).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]))).toString();
		return `${request.method} ${request.path}${query ? `?${query}` : ''}`;
	});
}

/** A locator value as the editor stores it. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
export const fromList = (value: string | number) => ({ __rl: true, mode: 'list', value: String(value) });
