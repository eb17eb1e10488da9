import type { INodeProperties } from 'n8n-workflow';

import * as addAdjustment from './addAdjustment.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { addAdjustment, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['referral'] } },
		options: [
			{
				name: 'Add Adjustment',
				value: 'addAdjustment',
				description: "Raise or lower a referral's commission",
				action: 'Add an adjustment to a referral',
			},
			{ name: 'Get', value: 'get', description: 'Get a referral by ID', action: 'Get a referral' },
			{ name: 'Get Many', value: 'getMany', description: 'List referrals', action: 'Get many referrals' },
		],
		default: 'get',
	},
	...addAdjustment.description,
	...get.description,
	...getMany.description,
];
