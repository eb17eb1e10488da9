import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as campaign from './actions/campaign/Campaign.resource';
import * as customApiCall from './actions/customApiCall/CustomApiCall.resource';
import * as participant from './actions/participant/Participant.resource';
import * as referralCode from './actions/referralCode/ReferralCode.resource';
import { router } from './actions/router';

export class ReferralRocket implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Referral Rocket',
		name: 'referralRocket',
		icon: { light: 'file:referralrocket.svg', dark: 'file:referralrocket.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Add and read participants, referrals, campaigns and referral codes in Referral Rocket',
		defaults: { name: 'Referral Rocket' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'referralRocketApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Custom API Call', value: 'customApiCall' },
					{ name: 'Participant', value: 'participant' },
					{ name: 'Referral Code', value: 'referralCode' },
				],
				default: 'participant',
			},
			...participant.description,
			...campaign.description,
			...referralCode.description,
			...customApiCall.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
