import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { campaignIdProperty, emailProperty, getRecord, readCampaignId, readEmail, simplifiedIfAsked, simplifyProperty } from '../parameters';

const properties: INodeProperties[] = [campaignIdProperty, emailProperty("The participant's e-mail address"), simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['participant'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = readCampaignId(this, itemIndex);
	const email = readEmail(this, 'email', itemIndex, 'Email');
	const participant = await getRecord(this, '/api/v1/getParticipant', { email, id }, `Participant ${email}`, itemIndex);
	return simplifiedIfAsked(this, itemIndex, [participant]);
}
