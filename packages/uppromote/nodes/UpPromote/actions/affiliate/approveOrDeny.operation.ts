import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { AFFILIATE_FIELDS } from '../../helpers/simplify';
import { upPromoteApiRequest } from '../../transport';
import { AFFILIATE_SIMPLIFY, notFound, readRecordId, recordLocator, simplifiedIfAsked, simplifyProperty } from '../parameters';

const properties: INodeProperties[] = [
	recordLocator({
		displayName: 'Affiliate',
		name: 'affiliateId',
		searchMethod: 'searchAffiliates',
		description: 'The affiliate to approve or deny',
	}),
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'options',
		options: [
			{ name: 'Approve', value: 'approved', description: 'The affiliate becomes active' },
			{ name: 'Deny', value: 'denied', description: 'The affiliate becomes inactive' },
		],
		default: 'approved',
	},
	simplifyProperty(AFFILIATE_SIMPLIFY),
];

export const description = updateDisplayOptions({ show: { resource: ['affiliate'], operation: ['approveOrDeny'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const affiliateId = readRecordId(this, 'affiliateId', itemIndex, 'Affiliate');
	const status = this.getNodeParameter('decision', itemIndex, 'approved') as string;
	const affiliate = await upPromoteApiRequest.call(this, {
		method: 'POST',
		path: '/affiliate/active',
		body: { affiliate_id: Number(affiliateId), status },
		itemIndex,
	});
	if (affiliate === null || typeof affiliate !== 'object') throw notFound(this, `Affiliate ${affiliateId}`, itemIndex);
	return simplifiedIfAsked(this, itemIndex, [affiliate as IDataObject], AFFILIATE_FIELDS);
}
