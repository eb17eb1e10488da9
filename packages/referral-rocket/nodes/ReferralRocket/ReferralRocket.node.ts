import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

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
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
