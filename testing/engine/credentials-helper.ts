import './env';

import { getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	deepCopy,
	isExpression,
} from 'n8n-workflow';

import type { HarnessCredentialTypes } from './node-types';

// n8n resolves credential expressions outside a run against a one-node workflow of an unknown type; these mirror its mock node.
const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const mockNodeTypes: INodeTypes = {
	getByName: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getKnownTypes: () => ({}),
};

/** A stored credential kept in clear: n8n 2.x encrypts through a key provider only its CLI configures, and no engine code reads this. */
class InMemoryCredentials extends ICredentials {
	private plain: ICredentialDataDecryptedObject = {};

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return deepCopy(this.plain);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.plain) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.plain = deepCopy(data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: Array<keyof ICredentialDataDecryptedObject> = [],
	): Promise<void> {
		this.plain = { ...this.plain, ...(toUpdate as ICredentialDataDecryptedObject) };
		for (const key of toDelete) delete this.plain[key];
	}
}

type RequestOptionsRecord = Record<string, Record<string, unknown> | undefined>;

/**
 * What n8n's CLI CredentialsHelper does for a node at run time, with credentials kept in memory by type
 * instead of in the database: defaults and expressions applied on read, declared `authenticate` applied to requests.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private stored: Record<string, ICredentialDataDecryptedObject>;

	constructor(
		private readonly credentialTypes: HarnessCredentialTypes,
		credentialsByType: Record<string, ICredentialDataDecryptedObject> = {},
	) {
		super();
		this.stored = deepCopy(credentialsByType);
	}

	setCredentials(credentialsByType: Record<string, ICredentialDataDecryptedObject>): void {
		this.stored = deepCopy(credentialsByType);
	}

	/** The credential data as it is stored now, e.g. after a preAuthentication refreshed a token. */
	storedCredentials(type: string): ICredentialDataDecryptedObject | undefined {
		return this.stored[type];
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		const typeDef = this.credentialTypes.getByName(credentialType);
		if (!typeDef.restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (typeof authenticate === 'object') {
			if (!workflow || !node) {
				throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
			}
			requestOptions.headers ??= {};
			if (authenticate.type === 'generic') {
				const target = requestOptions as unknown as RequestOptionsRecord;
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
						const keyResolved = this.resolveValue(key, credentials, workflow, node);
						const valueResolved = this.resolveValue(value, credentials, workflow, node);
						target[outerKey] ??= {};
						target[outerKey][keyResolved] = valueResolved;
					}
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;

		// n8n recognises a credential test by its temporary No Operation node.
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirableProperty.name] === '' || credentialsExpired || isTestingCredentials) {
			const output = await credentialType.preAuthentication.call(helpers, credentials);
			if (output[expirableProperty.name] === undefined) return undefined;
			if (node.credentials) {
				const nodeCredentials = node.credentials[credentialType.name];
				await this.updateCredentials(nodeCredentials, credentialType.name, {
					...(this.stored[credentialType.name] ?? {}),
					...output,
				} as ICredentialDataDecryptedObject);
				return Object.assign(credentials, output);
			}
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const credentials = new InMemoryCredentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type);
		await credentials.setData(this.storedOrThrow(nodeCredentials, type));
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = deepCopy(this.storedOrThrow(nodeCredentials, type));
		if (raw === true) return data;
		return await this.applyDefaultsAndOverwrites(additionalData, data, type, mode, executeData, expressionResolveValues);
	}

	/** Fills the credential type's defaults and resolves expressions in the data, as n8n does before a node or a credential test sees it. */
	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credentialsProperties = this.getCredentialsProperties(type);
		let decryptedData = NodeHelpers.getNodeParameters(
			credentialsProperties,
			decryptedDataOriginal as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;

		// Fields that are not declared properties survive the defaults step in n8n too.
		for (const kept of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
			if (decryptedData[kept] === undefined && decryptedDataOriginal[kept] !== undefined) {
				decryptedData[kept] = decryptedDataOriginal[kept];
			}
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			try {
				decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} catch (error) {
				(error as Error).message += ' [Error resolving credentials]';
				throw error;
			}
		} else {
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: mockNodeTypes,
			});
			decryptedData = this.resolveCredentialExpressions(
				workflow,
				credentialsProperties,
				decryptedData,
				mode,
				additionalKeys,
			);
		}
		return decryptedData;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.stored[type] = deepCopy(data);
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.stored[type] = { ...(this.stored[type] ?? {}), oauthTokenData: deepCopy(data.oauthTokenData) };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.credentialTypes.getByName(type);
		if (credentialType.extends === undefined) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		// Properties declared on the credential itself win over its parents', as in n8n.
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	private storedOrThrow(nodeCredentials: INodeCredentialsDetails, type: string): ICredentialDataDecryptedObject {
		const data = this.stored[type];
		if (data === undefined) {
			// Same words as n8n's CredentialNotFoundError, so tests read like a real missing credential.
			throw new UserError(`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`);
		}
		return data;
	}

	private resolveValue(
		parameterValue: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(parameterValue)) return parameterValue;
		const returnValue = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			{ $credentials: credentials } as IWorkflowDataProxyAdditionalKeys,
			undefined,
			'',
		);
		if (!returnValue) return '';
		return returnValue.toString();
	}

	private resolveCredentialExpressions(
		workflow: Workflow,
		credentialsProperties: INodeProperties[],
		decryptedData: ICredentialDataDecryptedObject,
		mode: WorkflowExecuteMode,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
	): ICredentialDataDecryptedObject {
		try {
			return workflow.expression.getComplexParameterValue(
				mockNode,
				decryptedData as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		} catch (originalError) {
			// n8n retries field by field and drops only fields that opted into ignoring resolve errors.
			const resolved: ICredentialDataDecryptedObject = {};
			for (const [name, value] of Object.entries(decryptedData)) {
				try {
					const single = workflow.expression.getComplexParameterValue(
						mockNode,
						{ [name]: value } as INodeParameters,
						mode,
						additionalKeys,
						undefined,
						undefined,
						decryptedData,
					) as IDataObject;
					if (Object.prototype.hasOwnProperty.call(single, name)) resolved[name] = single[name] as never;
				} catch {
					const property = credentialsProperties.find((p) => p.name === name);
					if (property?.typeOptions?.ignoreCredentialExpressionResolveError === true) continue;
					throw originalError;
				}
			}
			return resolved;
		}
	}
}
