import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

// The scanner refuses a package without a node: this stub stands until the operations (issue 11, item 3) replace it.
export class UpPromote implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UpPromote',
		name: 'upPromote',
		icon: { light: 'file:uppromote.svg', dark: 'file:uppromote.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: 'Affiliate marketing',
		description: 'Manage affiliates, referrals, coupons and commission payments in UpPromote',
		defaults: { name: 'UpPromote' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'upPromoteApi', required: true }],
		properties: [
			{
				displayName: 'This version has no operations yet; it passes its input through unchanged',
				name: 'stubNotice',
				type: 'notice',
				default: '',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}
