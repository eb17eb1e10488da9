import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { referralRocketApiRequest } from '../../transport';
import { campaignIdProperty, readCampaignId, readToken } from '../parameters';

const properties: INodeProperties[] = [
	campaignIdProperty,
	{
		displayName: 'Referral Code',
		name: 'code',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 8Mnu09TD',
		description: 'The code to check, e.g. one a customer typed at checkout (Referral Rocket may compare it case-sensitively)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['referralCode'], operation: ['validate'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const campaignId = readCampaignId(this, itemIndex);
	const code = readToken(this, 'code', itemIndex, 'Referral Code', '8Mnu09TD');
	// This endpoint alone names the campaign `campaignId` instead of `id`.
	const answer = await referralRocketApiRequest.call(this, { method: 'GET', path: '/api/v1/validateCode', qs: { campaignId, code }, itemIndex });
	if (typeof answer !== 'boolean') {
		throw new NodeApiError(this.getNode(), { message: 'not a boolean' } as JsonObject, {
			message: 'Referral Rocket answered the code check with something other than true or false',
			description: 'Check the Base URL of the Referral Rocket API credential.',
			itemIndex,
		});
	}
	return { campaignId, code, valid: answer };
}
