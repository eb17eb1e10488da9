import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem, type ItemOperation } from '../kit/itemRouter';

import * as campaign from './campaign/Campaign.resource';
import * as customApiCall from './customApiCall/CustomApiCall.resource';
import * as participant from './participant/Participant.resource';
import * as referralCode from './referralCode/ReferralCode.resource';

const operations: Record<string, Record<string, ItemOperation>> = {
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

/** Runs the chosen operation for each input item in turn, so a busy answer slows the run instead of piling up. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, operations);
}
