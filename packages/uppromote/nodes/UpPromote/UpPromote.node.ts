import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as affiliate from './actions/affiliate/Affiliate.resource';
import * as coupon from './actions/coupon/Coupon.resource';
import * as customApiCall from './actions/customApiCall/CustomApiCall.resource';
import * as payment from './actions/payment/Payment.resource';
import * as program from './actions/program/Program.resource';
import * as referral from './actions/referral/Referral.resource';
import { router } from './actions/router';
import { searchAffiliates, searchPrograms } from './methods/listSearch';

export class UpPromote implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UpPromote',
		name: 'upPromote',
		icon: { light: 'file:uppromote.svg', dark: 'file:uppromote.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage affiliates, referrals, coupons, commission payments and programs in UpPromote',
		defaults: { name: 'UpPromote' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'upPromoteApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Affiliate', value: 'affiliate' },
					{ name: 'Coupon', value: 'coupon' },
					{ name: 'Custom API Call', value: 'customApiCall' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Program', value: 'program' },
					{ name: 'Referral', value: 'referral' },
				],
				default: 'affiliate',
			},
			...affiliate.description,
			...referral.description,
			...coupon.description,
			...payment.description,
			...program.description,
			...customApiCall.description,
		],
	};

	methods = { listSearch: { searchAffiliates, searchPrograms } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
