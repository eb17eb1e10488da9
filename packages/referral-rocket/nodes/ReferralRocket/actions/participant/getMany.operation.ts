import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { campaignIdProperty, readCampaignId, readPaged, returnAllOrLimit, simplifiedIfAsked, simplifyProperty, sortProperty } from '../parameters';

const properties: INodeProperties[] = [campaignIdProperty, ...returnAllOrLimit, sortProperty, simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['participant'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs: IDataObject = { id: readCampaignId(this, itemIndex) };
	const sort = this.getNodeParameter('sort', itemIndex, '') as string;
	if (sort) qs.sort = sort;
	return simplifiedIfAsked(this, itemIndex, await readPaged(this, '/api/v1/getAllParticipants', qs, itemIndex));
}
