import './env';

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeTypes,
	IPinData,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData, deepCopy } from 'n8n-workflow';

import { repositoryPackages } from '../packages';
import { createAdditionalData } from './additional-data';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { HarnessTypes } from './node-types';
import { defaultHarnessTypes } from './node-types';

/** A workflow as n8n exports it (Download / Copy), the parts a run needs. */
export interface WorkflowFixture {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	pinData?: IPinData;
	settings?: IWorkflowSettings;
	staticData?: IDataObject;
}

/** Where fixtures live: each package's `test/fixtures/workflows/`, and the harness's own. */
export const WORKFLOW_FIXTURE_DIRS = [
	...repositoryPackages().map((pkg) => join(pkg.dir, 'test', 'fixtures', 'workflows')),
	join(__dirname, 'fixtures'),
].filter((dir) => existsSync(dir));

/** The one fixture file of that name in any package; names are unique across the repository (prefix them with the service). */
export function workflowFixturePath(name: string): string {
	const found = WORKFLOW_FIXTURE_DIRS.map((dir) => join(dir, name)).filter((file) => existsSync(file));
	if (found.length !== 1) {
		throw new Error(`${found.length === 0 ? 'No' : 'More than one'} workflow fixture named ${name} in ${WORKFLOW_FIXTURE_DIRS.join(', ')}`);
	}
	return found[0];
}

/** A fresh copy of a fixture (n8n's Workflow writes parameter defaults into the nodes it is given). */
export function loadWorkflowFixture(workflow: WorkflowFixture | string): WorkflowFixture {
	if (typeof workflow !== 'string') return deepCopy(workflow);
	return JSON.parse(readFileSync(workflowFixturePath(workflow), 'utf8')) as WorkflowFixture;
}

export interface RunResult {
	run: IRun;
	/** Node names in the order they finished. */
	executedNodes: string[];
	/** The execution's error, when the run failed. */
	error?: ExecutionError;
	/** Items of the node's last run on one output; throws, naming what did run, when the node never ran. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error recorded on the node's last run, if any. */
	nodeError(nodeName: string): ExecutionError | undefined;
	ran(nodeName: string): boolean;
}

export function toRunResult(run: IRun, executedNodes: string[]): RunResult {
	const { runData } = run.data.resultData;
	const lastTask = (nodeName: string) => runData[nodeName]?.at(-1);
	return {
		run,
		executedNodes,
		error: run.data.resultData.error,
		ran: (nodeName) => lastTask(nodeName) !== undefined,
		nodeError: (nodeName) => lastTask(nodeName)?.error,
		output(nodeName, outputIndex = 0) {
			const task = lastTask(nodeName);
			if (task === undefined) {
				const errors = Object.entries(runData)
					.filter(([, tasks]) => tasks.at(-1)?.error)
					.map(([name, tasks]) => `${name}: ${tasks.at(-1)?.error?.message}`);
				throw new Error(
					`Node "${nodeName}" did not run. Ran: ${Object.keys(runData).join(', ') || 'nothing'}.` +
						(errors.length ? ` Errors: ${errors.join('; ')}` : ''),
				);
			}
			return task.data?.main?.[outputIndex] ?? [];
		},
	};
}

let executionCounter = 0;

export function nextExecutionId(): string {
	executionCounter += 1;
	return String(executionCounter);
}

export function toWorkflowBase(fixture: WorkflowFixture, workflowId: string): IWorkflowBase {
	return {
		id: workflowId,
		name: fixture.name ?? 'Harness workflow',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(0),
		updatedAt: new Date(0),
		nodes: fixture.nodes,
		connections: fixture.connections,
		settings: fixture.settings,
		staticData: fixture.staticData,
		pinData: fixture.pinData,
	};
}

/** The workflow as n8n loads it from its database for an active workflow: fresh nodes and the stored static data. */
export function activeWorkflow(fixture: WorkflowFixture, workflowId: string, nodeTypes: INodeTypes, staticData: IDataObject): Workflow {
	const copy = loadWorkflowFixture(fixture);
	return new Workflow({
		id: workflowId,
		name: copy.name,
		nodes: copy.nodes,
		connections: copy.connections,
		active: true,
		nodeTypes,
		staticData,
		settings: copy.settings,
	});
}

export interface ExecuteRunOptions {
	workflow: Workflow;
	workflowData: IWorkflowBase;
	mode: WorkflowExecuteMode;
	runExecutionData: IRunExecutionData;
	credentialsHelper: HarnessCredentialsHelper;
	webhookBaseUrl?: string;
	executionId?: string;
}

export interface ExecutedRun {
	result: RunResult;
	/** Static data as n8n's workflowExecuteAfter hook receives it: set only when the run changed it. */
	newStaticData?: IDataObject;
}

/** Runs prepared execution data the way n8n's WorkflowRunner does in the main process, finishing on workflowExecuteAfter. */
export async function executeRun(options: ExecuteRunOptions): Promise<ExecutedRun> {
	const executionId = options.executionId ?? nextExecutionId();
	const hooks = new ExecutionLifecycleHooks(options.mode, executionId, options.workflowData);
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executedNodes.push(nodeName);
	});
	const finished = new Promise<{ run: IRun; newStaticData?: IDataObject }>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run, newStaticData) => resolve({ run, newStaticData }));
	});

	const additionalData = createAdditionalData({
		credentialsHelper: options.credentialsHelper,
		hooks,
		executionId,
		webhookBaseUrl: options.webhookBaseUrl,
	});
	const workflowExecute = new WorkflowExecute(additionalData, options.mode, options.runExecutionData);
	await workflowExecute.processRunExecutionData(options.workflow);
	const { run, newStaticData } = await finished;
	return {
		result: toRunResult(run, executedNodes),
		// n8n stores static data as JSON, so a round trip is what the next execution would load.
		newStaticData: newStaticData === undefined ? undefined : (JSON.parse(JSON.stringify(newStaticData)) as IDataObject),
	};
}

export interface RunWorkflowOptions {
	/** Credential data by credential type, e.g. `{ payRamApi: { url, apiKey } }`; fixtures reference credentials by id and name only. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Items given to the start node (n8n gives it one empty item). */
	startItems?: INodeExecutionData[];
	/** Execution mode, 'manual' by default like a run from the editor; n8n honours pinData only in 'manual' and 'evaluation'. */
	mode?: WorkflowExecuteMode;
	/** Name of the node to start from; otherwise n8n's own choice (a trigger, then Manual Trigger and the like). */
	startNode?: string;
	/** Node and credential types; this package's plus n8n stand-ins by default. */
	types?: HarnessTypes;
}

/** Runs a workflow fixture in n8n-core's real engine, like "Execute workflow" in the editor. */
export async function runWorkflow(
	workflowOrFixture: WorkflowFixture | string,
	options: RunWorkflowOptions = {},
): Promise<RunResult> {
	const fixture = loadWorkflowFixture(workflowOrFixture);
	const types = options.types ?? defaultHarnessTypes();
	const mode = options.mode ?? 'manual';
	const workflowId = fixture.id ?? 'harness';
	const pinData = ['manual', 'evaluation'].includes(mode) ? fixture.pinData : undefined;

	const workflow = new Workflow({
		id: workflowId,
		name: fixture.name,
		nodes: fixture.nodes,
		connections: fixture.connections,
		active: false,
		nodeTypes: types.nodeTypes,
		staticData: fixture.staticData,
		settings: fixture.settings,
		pinData,
	});

	const startNode = options.startNode ? workflow.getNode(options.startNode) : workflow.getStartNode();
	if (!startNode) {
		throw new Error(options.startNode ? `No node named "${options.startNode}"` : 'No node to start the workflow from');
	}

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: startNode, data: { main: [options.startItems ?? [{ json: {} }]] }, source: null },
			],
		},
		resultData: { runData: {}, pinData },
	});

	const { result } = await executeRun({
		workflow,
		workflowData: toWorkflowBase(fixture, workflowId),
		mode,
		runExecutionData,
		credentialsHelper: new HarnessCredentialsHelper(types.credentialTypes, options.credentials ?? {}),
	});
	return result;
}
