import './env';

import { mock } from 'jest-mock-extended';
import type { ExecutionLifecycleHooks } from 'n8n-core';
import type { ICredentialsHelper, INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

/** The n8n instance the runs pretend to belong to; nothing listens there, it only shapes the URLs nodes can read. */
export const INSTANCE_BASE_URL = 'http://127.0.0.1:5678/';

export interface AdditionalDataOptions {
	credentialsHelper: ICredentialsHelper;
	hooks?: ExecutionLifecycleHooks;
	executionId?: string;
	/** Base of production webhook URLs, without the trailing slash (n8n: `<instance>/webhook`). */
	webhookBaseUrl?: string;
	currentNodeParameters?: INodeParameters;
}

/**
 * The per-run services n8n's CLI hands the engine (WorkflowExecuteAdditionalData.getBase). Everything the engine
 * only reads when a feature is switched on is set to undefined explicitly, because a mock would answer with a function.
 */
export function createAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const webhookBaseUrl = options.webhookBaseUrl ?? `${INSTANCE_BASE_URL}webhook`;
	const additionalData = mock<IWorkflowExecuteAdditionalData>({
		executionId: options.executionId,
		currentNodeParameters: options.currentNodeParameters,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${INSTANCE_BASE_URL}rest`,
		instanceBaseUrl: INSTANCE_BASE_URL,
		formBaseUrl: `${INSTANCE_BASE_URL}form`,
		formTestBaseUrl: `${INSTANCE_BASE_URL}form-test`,
		formWaitingBaseUrl: `${INSTANCE_BASE_URL}form-waiting`,
		webhookBaseUrl,
		webhookTestBaseUrl: `${INSTANCE_BASE_URL}webhook-test`,
		webhookWaitingBaseUrl: `${INSTANCE_BASE_URL}webhook-waiting`,
		mcpBaseUrl: `${INSTANCE_BASE_URL}mcp`,
		mcpTestBaseUrl: `${INSTANCE_BASE_URL}mcp-test`,
		userId: undefined,
		projectId: undefined,
		executionTimeoutTimestamp: undefined,
		restartExecutionId: undefined,
		rootExecutionMode: undefined,
		streamingEnabled: undefined,
		httpRequest: undefined,
		httpResponse: undefined,
		evalLlmMockHandler: undefined,
		otel: undefined,
		ssrfBridge: undefined,
		executionContext: undefined,
		encryptedRunnerIdentity: undefined,
		parentCallbackManager: undefined,
		dataTableProjectId: undefined,
		evaluationRunId: undefined,
		workflowSettings: undefined,
		'data-table': undefined,
		'dynamic-credentials': undefined,
		'oauth-jwe': undefined,
	});
	// Objects are assigned after creation: passed to mock() they would be wrapped in mocks themselves.
	additionalData.credentialsHelper = options.credentialsHelper;
	additionalData.hooks = options.hooks;
	additionalData.variables = {};
	return additionalData;
}
