import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as affiliate from './affiliate/Affiliate.resource';
import * as coupon from './coupon/Coupon.resource';
import * as customApiCall from './customApiCall/CustomApiCall.resource';
import * as payment from './payment/Payment.resource';
import * as program from './program/Program.resource';
import * as referral from './referral/Referral.resource';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

const operations: Record<string, Record<string, Operation>> = {
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

/**
 * Runs the chosen operation for each input item in turn (one store's 120 requests a minute are shared by all
 * of them, so items are not sent in parallel), each result paired with its item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// Resource and operation cannot be expressions, so one read serves every item.
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `Unknown operation "${resource} → ${operation}"`, {
			description: "Pick the resource and the operation again in the node's settings",
		});
	}
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await run.call(this, itemIndex);
			returnData.push(...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), { itemData: { item: itemIndex } }));
		} catch (error) {
			const failure = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (!this.continueOnFail()) throw failure;
			// With "Continue (using error output)" n8n sends an item to the error output by its `error` (and then keeps only the message).
			const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
			returnData.push({
				json: { error: (error as Error).message, description: (error as NodeOperationError).description ?? undefined },
				...(toErrorOutput ? { error: failure } : {}),
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}
