import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as payment from './payment/Payment.resource';
import * as payout from './payout/Payout.resource';
import * as referral from './referral/Referral.resource';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

const operations: Record<string, Record<string, Operation>> = {
	payment: { create: payment.create.execute, get: payment.get.execute },
	referral: {
		registerReferrer: referral.registerReferrer.execute,
		linkReferee: referral.linkReferee.execute,
		logEvent: referral.logEvent.execute,
	},
	payout: { create: payout.create.execute, get: payout.get.execute, getMany: payout.getMany.execute },
};

/** Runs the chosen operation once per input item, keeping each result paired with its item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const run = operations[resource]?.[operation];
		if (!run) {
			throw new NodeOperationError(this.getNode(), `Unknown operation "${resource} → ${operation}"`, {
				itemIndex,
			});
		}
		try {
			const result = await run.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (!this.continueOnFail()) {
				throw error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
			returnData.push({
				json: { error: (error as Error).message, description: (error as NodeOperationError).description ?? undefined },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}
