import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { AFFILIATE_FIELDS } from '../../helpers/simplify';
import { AFFILIATE_SIMPLIFY, getRecord, readRecordId, recordLocator, simplifiedIfAsked, simplifyProperty } from '../parameters';

const properties: INodeProperties[] = [
	recordLocator({ displayName: 'Affiliate', name: 'affiliateId', searchMethod: 'searchAffiliates', description: 'The affiliate to read' }),
	simplifyProperty(AFFILIATE_SIMPLIFY),
];

export const description = updateDisplayOptions({ show: { resource: ['affiliate'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const affiliateId = readRecordId(this, 'affiliateId', itemIndex, 'Affiliate');
	const affiliate = await getRecord(this, `/affiliates/${affiliateId}`, `Affiliate ${affiliateId}`, itemIndex);
	return simplifiedIfAsked(this, itemIndex, [affiliate], AFFILIATE_FIELDS);
}
