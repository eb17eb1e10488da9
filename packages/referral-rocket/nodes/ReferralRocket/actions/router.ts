import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as campaign from './campaign/Campaign.resource';
import * as customApiCall from './customApiCall/CustomApiCall.resource';
import * as participant from './participant/Participant.resource';
import * as referralCode from './referralCode/ReferralCode.resource';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

const operations: Record<string, Record<string, Operation>> = {
	participant: {
		add: participant.add.execute,
		get: participant.get.execute,
		getMany: participant.getMany.execute,
		getReferrals: participant.getReferrals.execute,
	},
	campaign: { get: campaign.get.execute },
	referralCode: { validate: referralCode.validate.execute },
	customApiCall: { call: customApiCall.call.execute },
};

/** Runs the chosen operation for each input item in turn (so a busy answer slows the run instead of piling up), each result paired with its item. */
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
			if (!this.continueOnFail()) {
				throw error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
			returnData.push({
				json: { error: (error as Error).message, description: (error as NodeOperationError).description ?? undefined },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}
