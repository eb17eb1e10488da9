import type { INodeProperties } from 'n8n-workflow';

import * as linkReferee from './linkReferee.operation';
import * as logEvent from './logEvent.operation';
import * as registerReferrer from './registerReferrer.operation';

export { linkReferee, logEvent, registerReferrer };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['referral'] } },
		options: [
			{
				name: 'Link Referee',
				value: 'linkReferee',
				description: 'Link a new customer to the referrer whose code they used',
				action: 'Link a referee to a referrer',
			},
			{
				name: 'Log Event',
				value: 'logEvent',
				description: 'Record a campaign event (signup, deposit, purchase) for a member',
				action: 'Log a referral event',
			},
			{
				name: 'Register Referrer',
				value: 'registerReferrer',
				description: 'Register a referrer and get their referral code and dashboard URL',
				action: 'Register a referrer',
			},
		],
		default: 'registerReferrer',
	},
	...registerReferrer.description,
	...linkReferee.description,
	...logEvent.description,
];
