import './env';

import { LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INode, INodeListSearchResult, INodeParameters, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { HarnessCredentialsHelper } from './credentials-helper';
import { defaultHarnessTypes } from './node-types';

export interface ListSearchOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The node's parameters while the builder edits it (resource, operation, ...). */
	parameters: INodeParameters;
	filter?: string;
	paginationToken?: string;
	/** Full node type, e.g. `n8n-nodes-payram.payRam`. */
	nodeType: string;
}

/**
 * Runs a node's listSearch method as n8n's editor does when a "From list" picker opens or the builder types:
 * n8n-core's LoadOptionsContext on a one-node workflow, with the node's credentials.
 */
export async function listSearch(method: string, options: ListSearchOptions): Promise<INodeListSearchResult> {
	const types = defaultHarnessTypes();
	const typeName = options.nodeType;
	const nodeType = types.nodeTypes.getByNameAndVersion(typeName) as INodeType;
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`${typeName} has no listSearch method ${method}`);
	const node: INode = {
		id: 'list-search',
		name: 'Node With Picker',
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(Object.keys(options.credentials).map((type) => [type, { id: '1', name: `${type} account` }])),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: types.nodeTypes });
	const credentialsHelper = new HarnessCredentialsHelper(types.credentialTypes, options.credentials);
	const additionalData = createAdditionalData({ credentialsHelper, currentNodeParameters: options.parameters });
	const context = new LoadOptionsContext(workflow, node, additionalData, '');
	return await search.call(context, options.filter, options.paginationToken);
}
