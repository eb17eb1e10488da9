import type { INodeProperties } from 'n8n-workflow';

import * as validate from './validate.operation';

export { validate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['referralCode'] } },
		options: [{ name: 'Validate', value: 'validate', description: 'Check whether a referral code belongs to a participant of a campaign', action: 'Validate a referral code' }],
		default: 'validate',
	},
	...validate.description,
];
