import type { INodeProperties } from 'n8n-workflow';

import * as approveOrDeny from './approveOrDeny.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { approveOrDeny, create, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['affiliate'] } },
		options: [
			{ name: 'Approve or Deny', value: 'approveOrDeny', description: 'Approve or deny an affiliate', action: 'Approve or deny an affiliate' },
			{ name: 'Create', value: 'create', description: 'Add an affiliate to a program', action: 'Create an affiliate' },
			{ name: 'Get', value: 'get', description: 'Get an affiliate by ID', action: 'Get an affiliate' },
			{ name: 'Get Many', value: 'getMany', description: 'List affiliates', action: 'Get many affiliates' },
		],
		default: 'get',
	},
	...approveOrDeny.description,
	...create.description,
	...get.description,
	...getMany.description,
];
