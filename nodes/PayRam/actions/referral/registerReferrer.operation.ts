import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { payRamApiRequest } from '../../transport';
import { readEmail, readText } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. nathan@example.com',
		default: '',
		required: true,
		description: 'Email of the referrer (your customer or affiliate)',
	},
	{
		displayName: 'Referrer ID',
		name: 'referrerId',
		type: 'string',
		placeholder: 'e.g. user_1001',
		default: '',
		required: true,
		description: 'Your ID for this referrer. Registering the same ID again returns the same referral code.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['referral'], operation: ['registerReferrer'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = (await payRamApiRequest.call(this, {
		method: 'POST',
		path: '/api/v1/referral/referrers/authenticate',
		body: {
			email: readEmail(this, 'email', itemIndex, 'Email'),
			referenceID: readText(this, 'referrerId', itemIndex, 'Referrer ID'),
		},
		itemIndex,
	})) as IDataObject;
	const referrer = (response.referrer ?? {}) as IDataObject;
	// The two values builders use next: the code to share and the dashboard to embed.
	return { referralCode: referrer.code, dashboardUrl: response.redirectURL, ...response };
}
