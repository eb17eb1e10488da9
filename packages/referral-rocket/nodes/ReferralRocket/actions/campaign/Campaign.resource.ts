import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [{ name: 'Get', value: 'get', description: "Get a campaign's details and rewards", action: 'Get a campaign' }],
		default: 'get',
	},
	...get.description,
];
