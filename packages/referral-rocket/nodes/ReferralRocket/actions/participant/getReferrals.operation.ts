import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	campaignIdProperty,
	emailProperty,
	readCampaignId,
	readEmail,
	readPaged,
	returnAllOrLimit,
	simplifiedIfAsked,
	simplifyProperty,
	sortProperty,
} from '../parameters';

const properties: INodeProperties[] = [
	campaignIdProperty,
	emailProperty('The e-mail of the referrer whose referred participants to list'),
	...returnAllOrLimit,
	sortProperty,
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['participant'], operation: ['getReferrals'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs: IDataObject = { id: readCampaignId(this, itemIndex), email: readEmail(this, 'email', itemIndex, 'Email') };
	const sort = this.getNodeParameter('sort', itemIndex, '') as string;
	if (sort) qs.sort = sort;
	return simplifiedIfAsked(this, itemIndex, await readPaged(this, '/api/v1/getReferrals', qs, itemIndex));
}
