import './env';

import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialsDecrypted,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IDataObject,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createEmptyRunExecutionData, deepCopy } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { HarnessTypes } from './node-types';
import { NO_OP_NODE_TYPE, defaultHarnessTypes } from './node-types';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface TestCredentialOptions {
	/** Node and credential types; this package's plus n8n stand-ins by default. */
	types?: HarnessTypes;
}

type CredentialTest = ICredentialTestFunction | { nodeType?: INodeType; testRequest: ICredentialTestRequest };

/** Where n8n finds a credential's test: its own `test`, else a node that declares it with `testedBy`. */
function findCredentialTest(types: HarnessTypes, credentialTypeName: string): CredentialTest | undefined {
	const credentialType = types.credentialTypes.getByName(credentialTypeName);
	if (credentialType.test) return { testRequest: credentialType.test };

	for (const nodeTypeName of types.credentialTypes.getSupportedNodes(credentialTypeName)) {
		const node = types.nodeTypes.getByName(nodeTypeName);
		const versions: INodeType[] = 'nodeVersions' in node ? Object.values(node.nodeVersions) : [node];
		for (const nodeType of versions) {
			for (const { name, testedBy } of nodeType.description.credentials ?? []) {
				if (name !== credentialTypeName || !testedBy) continue;
				if (typeof testedBy === 'string') {
					const test = nodeType.methods?.credentialTest?.[testedBy];
					if (test) return test;
					continue;
				}
				return { nodeType, testRequest: testedBy };
			}
		}
	}
	return undefined;
}

/**
 * Tests credential data the way n8n's "Test" button does (CredentialsTester): defaults and expressions applied,
 * then the declared test request run through n8n-core's real RoutingNode and the credential's own authenticate.
 */
export async function testCredential(
	credentialTypeName: string,
	data: ICredentialDataDecryptedObject,
	options: TestCredentialOptions = {},
): Promise<CredentialTestResult> {
	const types = options.types ?? defaultHarnessTypes();
	const credentialTest = findCredentialTest(types, credentialTypeName);
	if (credentialTest === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsHelper = new HarnessCredentialsHelper(types.credentialTypes, { [credentialTypeName]: data });
	const baseAdditionalData = createAdditionalData({ credentialsHelper });
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'harness-credential',
		name: 'Harness credential',
		type: credentialTypeName,
		data: deepCopy(data),
	};
	try {
		credentialsDecrypted.data = await credentialsHelper.applyDefaultsAndOverwrites(
			baseAdditionalData,
			deepCopy(data),
			credentialTypeName,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	if (typeof credentialTest === 'function') {
		const result = await credentialTest.call(new CredentialTestContext(baseAdditionalData), credentialsDecrypted);
		return { status: result.status, message: result.message };
	}

	// n8n runs the test request as the routing of a single temporary No Operation node.
	const baseNodeType = credentialTest.nodeType ?? types.nodeTypes.getByNameAndVersion(NO_OP_NODE_TYPE);
	const tempNodeTypeName = credentialTest.nodeType ? baseNodeType.description.name : NO_OP_NODE_TYPE;
	const version = baseNodeType.description.version;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: tempNodeTypeName,
		typeVersion: Array.isArray(version) ? version.slice(-1)[0] : version,
		position: [0, 0],
		credentials: { [credentialTypeName]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const nodeTypeCopy: INodeType = {
		description: {
			...baseNodeType.description,
			credentials: [{ name: credentialTypeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: credentialTest.testRequest.request },
					default: '',
				},
			],
		},
	};
	const tempNodeTypes: INodeTypes = {
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: (nodeType, nodeVersion) => NodeHelpers.getVersionedNodeType(nodeTypeCopy, nodeVersion),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: tempNodeTypes });
	const additionalData = createAdditionalData({ credentialsHelper, currentNodeParameters: node.parameters });
	const executeFunctions = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);
	const rules = credentialTest.testRequest.rules ?? [];

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } })
			.cause;
		if (cause?.response) {
			const statusCode = cause.response.status;
			for (const rule of rules) {
				if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: cause.response.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}

	for (const rule of rules) {
		if (rule.type !== 'responseSuccessBody') continue;
		const responseData = response?.[0]?.[0]?.json;
		if (readPath(responseData, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** lodash `get` for the dotted keys a responseSuccessBody rule names. */
function readPath(data: IDataObject | undefined, path: string): unknown {
	let current: unknown = data;
	for (const key of path.replace(/\[(\w+)\]/g, '.$1').split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}
