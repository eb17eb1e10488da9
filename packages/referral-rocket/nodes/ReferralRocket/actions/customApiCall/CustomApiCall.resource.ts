import type { INodeProperties } from 'n8n-workflow';

import * as call from './call.operation';

export { call };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customApiCall'] } },
		options: [
			{
				name: 'Custom API Call',
				value: 'call',
				description: "Call any Referral Rocket API v1 endpoint with this node's credential",
				action: 'Make a custom API call',
			},
		],
		default: 'call',
	},
	...call.description,
];
