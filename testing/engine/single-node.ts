// A workflow a builder would make around one action node (Manual Trigger → the node), and what its runs sent.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RecordedRequest } from '../simulator/http';
import type { RunResult, WorkflowFixture } from './run-workflow';
import { loadWorkflowFixture } from './run-workflow';

/** The Manual Trigger's name, as n8n names it. */
export const MANUAL_TRIGGER = "When clicking 'Execute workflow'";

export interface SingleNode {
	/** The node's name in the workflow, e.g. `UpPromote`. */
	name: string;
	/** `<package>.<node>`, e.g. `n8n-nodes-uppromote.upPromote`. */
	type: string;
	/** The credential type the node uses, with the name the workflow gives it. */
	credential: { type: string; name: string };
}

/** Manual Trigger (its pinned items, or one empty item) → the node with these parameters. */
export function singleNodeWorkflow(
	node: SingleNode,
	parameters: INodeParameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean } = {},
): WorkflowFixture {
	return {
		name: `${node.name} node`,
		nodes: [
			{ id: 'n-1', name: MANUAL_TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'n-2',
				name: node.name,
				type: node.type,
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials: { [node.credential.type]: { id: '1', name: node.credential.name } },
				...(options.continueOnFail && { onError: 'continueRegularOutput' as const }),
			},
		],
		connections: { [MANUAL_TRIGGER]: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		pinData: options.items ? { [MANUAL_TRIGGER]: options.items.map((json) => ({ json })) } : undefined,
		settings: { executionOrder: 'v1' },
	};
}

/** A fixture whose Manual Trigger pins these items instead of its own. */
export function withItems(fixture: string, items: IDataObject[]): WorkflowFixture {
	const workflow = loadWorkflowFixture(fixture);
	workflow.pinData = { ...workflow.pinData, [MANUAL_TRIGGER]: items.map((json) => ({ json })) };
	return workflow;
}

/** The JSON of every item a node output. */
export function jsonOf(result: RunResult, nodeName: string): IDataObject[] {
	return result.output(nodeName).map((item) => item.json);
}

/** `METHOD /path?query` of recorded API requests from index `from` on. */
export function callsSince(requests: readonly RecordedRequest[], from = 0): string[] {
	return requests.slice(from).map((request) => {
		const query = new URLSearchParams(
			Object.entries(request.query).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v])),
		).toString();
		return `${request.method} ${request.path}${query ? `?${query}` : ''}`;
	});
}
