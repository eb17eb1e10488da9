import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getExcluded from './getExcluded.operation';
import * as getMany from './getMany.operation';

export { get, getExcluded, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['program'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a program by ID', action: 'Get a program' },
			{
				name: 'Get Excluded',
				value: 'getExcluded',
				description: "Get the products and collections that earn no commission in a program",
				action: 'Get excluded products of a program',
			},
			{ name: 'Get Many', value: 'getMany', description: 'List programs', action: 'Get many programs' },
		],
		default: 'getMany',
	},
	...get.description,
	...getExcluded.description,
	...getMany.description,
];
