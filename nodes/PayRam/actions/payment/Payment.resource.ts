import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getSummary from './getSummary.operation';

export { create, get, getMany, getSummary };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a payment link for a customer',
				action: 'Create a payment link',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a payment and its state by reference ID',
				action: 'Get a payment',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Search payments by state, network, currency, webhook status, date or text',
				action: 'Get many payments',
			},
			{
				name: 'Get Summary',
				value: 'getSummary',
				description: 'Count open, paid and cancelled payments',
				action: 'Get a payment summary',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...getSummary.description,
];
