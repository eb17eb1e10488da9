import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem, type ItemOperation } from '../kit/itemRouter';

import * as affiliate from './affiliate/Affiliate.resource';
import * as coupon from './coupon/Coupon.resource';
import * as customApiCall from './customApiCall/CustomApiCall.resource';
import * as payment from './payment/Payment.resource';
import * as program from './program/Program.resource';
import * as referral from './referral/Referral.resource';

const operations: Record<string, Record<string, ItemOperation>> = {
	affiliate: {
		get: affiliate.get.execute,
		getMany: affiliate.getMany.execute,
		create: affiliate.create.execute,
		approveOrDeny: affiliate.approveOrDeny.execute,
	},
	referral: { get: referral.get.execute, getMany: referral.getMany.execute, addAdjustment: referral.addAdjustment.execute },
	coupon: { getMany: coupon.getMany.execute },
	payment: { get: payment.get.execute, getPaid: payment.getPaid.execute, getUnpaid: payment.getUnpaid.execute },
	program: { get: program.get.execute, getMany: program.getMany.execute, getExcluded: program.getExcluded.execute },
	customApiCall: { call: customApiCall.call.execute },
};

/** Runs the chosen operation for each input item in turn: one store's 120 requests a minute are shared by all of them. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, operations);
}
