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
		description: 'Email of the referee (the person who was referred)',
	},
	{
		displayName: 'Referrer Code',
		name: 'referrerCode',
		type: 'string',
		placeholder: 'e.g. JANE2026',
		default: '',
		required: true,
		description: 'The referral code the referee signed up with',
	},
	{
		displayName: 'Referee ID',
		name: 'refereeId',
		type: 'string',
		placeholder: 'e.g. user_2002',
		default: '',
		required: true,
		description: 'Your ID for the referee; use it as Member Reference ID when logging their events',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['referral'], operation: ['linkReferee'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return (await payRamApiRequest.call(this, {
		method: 'POST',
		path: '/api/v1/referral/referee',
		body: {
			email: readEmail(this, 'email', itemIndex, 'Email'),
			referrerCode: readText(this, 'referrerCode', itemIndex, 'Referrer Code'),
			referenceID: readText(this, 'refereeId', itemIndex, 'Referee ID'),
		},
		statusMessages: { 409: 'This referee is already linked to a referrer' },
		itemIndex,
	})) as IDataObject;
}
