import './env';

import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { HarnessTypes } from './node-types';
import { defaultHarnessTypes } from './node-types';
import type { RunResult, WorkflowFixture } from './run-workflow';
import { activeWorkflow, executeRun, loadWorkflowFixture, toWorkflowBase } from './run-workflow';

export interface PollHostOptions {
	/** The workflow, as an exported fixture or a path relative to test/fixtures/workflows. */
	workflow: WorkflowFixture | string;
	/** Credential data by credential type. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The polling node; by default the first node whose type has poll(). */
	nodeName?: string;
	/** Static data as stored before activation (e.g. what an earlier instance saved). */
	staticData?: IDataObject;
	/** Node and credential types; a fresh set is a freshly started n8n with new node instances. */
	types?: HarnessTypes;
}

export interface PollTick {
	/** What poll() returned. */
	emitted: INodeExecutionData[][] | null;
	/** The execution n8n started with the emitted items. */
	execution?: RunResult;
	/** An error poll() threw; n8n records it as an error execution and polls again at the next tick. */
	error?: Error;
}

export interface PollHost {
	/** The result of the poll n8n runs when it activates the workflow (errors there fail the activation). */
	activation: PollTick;
	/** One scheduled poll, as the cron tick runs it. */
	tick(): Promise<PollTick>;
	/** The workflow's static data as n8n has stored it now (a copy). */
	readonly staticData: IDataObject;
	/** The workflow's static data in n8n's memory, including what was not saved (a copy). */
	readonly memoryStaticData: IDataObject;
}

function copyJson<T>(value: T): T {
	return JSON.parse(JSON.stringify(value ?? {})) as T;
}

/**
 * Activates a workflow with a polling trigger the way n8n's ActiveWorkflowManager and ActiveWorkflows do: one
 * Workflow and one n8n-core PollContext for the activation, a first poll at once (its error fails the activation),
 * static data saved when poll() emits (before the execution runs) and after activation, not after an empty poll;
 * emitted items run the workflow in n8n-core's WorkflowExecute in 'trigger' mode.
 */
export async function activatePollWorkflow(
	options: PollHostOptions,
	activationMode: WorkflowActivateMode = 'activate',
): Promise<PollHost> {
	const fixture = loadWorkflowFixture(options.workflow);
	const types = options.types ?? defaultHarnessTypes();
	const workflowId = fixture.id ?? 'harness-poll';
	const credentialsHelper = new HarnessCredentialsHelper(types.credentialTypes, options.credentials ?? {});
	let storedStaticData: IDataObject = copyJson(options.staticData ?? fixture.staticData ?? {});

	const newWorkflow = (staticData: IDataObject) => activeWorkflow(fixture, workflowId, types.nodeTypes, staticData);
	const workflow = newWorkflow(copyJson(storedStaticData));
	// n8n's WorkflowStaticDataService.saveStaticData: only data marked changed is written.
	const saveStaticData = () => {
		if (workflow.staticData.__dataChanged === true) {
			storedStaticData = copyJson(workflow.staticData);
			workflow.staticData.__dataChanged = false;
		}
	};

	const node = (
		options.nodeName
			? workflow.getNode(options.nodeName)
			: Object.values(workflow.nodes).find((candidate) => types.nodeTypes.getByNameAndVersion(candidate.type, candidate.typeVersion).poll)
	) as INode | null;
	if (!node) throw new Error('The workflow has no polling node');
	const nodeType = types.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);

	let pending: Promise<RunResult> | undefined;
	const __emit = (data: INodeExecutionData[][]) => {
		saveStaticData();
		// WorkflowExecutionService.runWorkflow: the poll node starts the run with the items it emitted.
		const runWorkflow = newWorkflow(copyJson(storedStaticData));
		const startNode = runWorkflow.getNode(node.name) as INode;
		pending = executeRun({
			workflow: runWorkflow,
			workflowData: toWorkflowBase(loadWorkflowFixture(fixture), workflowId),
			mode: 'trigger',
			runExecutionData: createRunExecutionData({
				executionData: { nodeExecutionStack: [{ node: startNode, data: { main: data }, source: null }] },
			}),
			credentialsHelper,
		}).then(({ result, newStaticData }) => {
			if (newStaticData !== undefined) storedStaticData = newStaticData;
			return result;
		});
	};
	let emittedError: Error | undefined;
	const __emitError = (error: Error) => {
		emittedError = error;
	};
	const context = new PollContext(
		workflow,
		node,
		createAdditionalData({ credentialsHelper }),
		'trigger',
		activationMode,
		__emit,
		__emitError,
	);

	// ActiveWorkflows' executeTrigger: emit what poll() returned unless it is null; errors go to __emitError.
	const runPoll = async (testingTrigger: boolean): Promise<PollTick> => {
		pending = undefined;
		emittedError = undefined;
		let emitted: INodeExecutionData[][] | null = null;
		try {
			emitted = await nodeType.poll!.call(context);
			if (emitted !== null) context.__emit(emitted);
		} catch (error) {
			if (testingTrigger) throw error;
			context.__emitError(error as Error);
		}
		const execution = pending ? await pending : undefined;
		return { emitted, execution, error: emittedError };
	};

	const activation = await runPoll(true);
	// ActiveWorkflowManager.add saves the static data once the workflow is active.
	saveStaticData();

	return {
		activation,
		tick: () => runPoll(false),
		get staticData() {
			return copyJson(storedStaticData);
		},
		get memoryStaticData() {
			return copyJson(workflow.staticData);
		},
	};
}
