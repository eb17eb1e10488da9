import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { create, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payout'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Send crypto to a wallet (payouts over $500 wait for approval in PayRam)',
				action: 'Create a payout',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a payout and its status',
				action: 'Get a payout',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List payouts',
				action: 'Get many payouts',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
];
