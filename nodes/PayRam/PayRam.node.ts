import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as payment from './actions/payment/Payment.resource';
import * as payout from './actions/payout/Payout.resource';
import * as referral from './actions/referral/Referral.resource';
import { router } from './actions/router';
import { searchPayments, searchPayouts } from './methods/listSearch';

export class PayRam implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PayRam',
		name: 'payRam',
		icon: { light: 'file:payram.svg', dark: 'file:payram.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create and find crypto payment links, run referral campaigns and send payouts with PayRam',
		defaults: { name: 'PayRam' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'payRamApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Payment', value: 'payment' },
					{ name: 'Payout', value: 'payout' },
					{ name: 'Referral', value: 'referral' },
				],
				default: 'payment',
			},
			...payment.description,
			...referral.description,
			...payout.description,
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 1,
				description:
					'How many input items are sent to PayRam at the same time. Results keep the input order. Keep 1 when items for the same customer must reach PayRam in order.',
			},
		],
	};

	methods = { listSearch: { searchPayments, searchPayouts } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
