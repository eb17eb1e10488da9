import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { campaignIdProperty, getRecord, readCampaignId } from '../parameters';

const properties: INodeProperties[] = [campaignIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['get'] } }, properties);

/** The campaign as Referral Rocket sends it: fields it does not document are passed through. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readCampaignId(this, itemIndex);
	return await getRecord(this, '/api/v1/getCampaign', { id }, `Campaign ${id}`, itemIndex);
}
