import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getReferrals from './getReferrals.operation';

export { add, get, getMany, getReferrals };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['participant'] } },
		options: [
			{ name: 'Add', value: 'add', description: 'Add a referrer, or a referee through their referrer', action: 'Add a participant' },
			{ name: 'Get', value: 'get', description: 'Get a participant by e-mail', action: 'Get a participant' },
			{ name: 'Get Many', value: 'getMany', description: "List a campaign's participants", action: 'Get many participants' },
			{ name: 'Get Referrals', value: 'getReferrals', description: 'List the participants a referrer referred', action: 'Get the referrals of a participant' },
		],
		default: 'add',
	},
	...add.description,
	...get.description,
	...getMany.description,
	...getReferrals.description,
];
