import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getPaid from './getPaid.operation';
import * as getUnpaid from './getUnpaid.operation';

export { get, getPaid, getUnpaid };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a paid commission payment by ID', action: 'Get a payment' },
			{ name: 'Get Paid', value: 'getPaid', description: 'List commission payments made', action: 'Get paid payments' },
			{
				name: 'Get Unpaid',
				value: 'getUnpaid',
				description: 'List the commission each affiliate is owed',
				action: 'Get unpaid payments',
			},
		],
		default: 'getUnpaid',
	},
	...get.description,
	...getPaid.description,
	...getUnpaid.description,
];
