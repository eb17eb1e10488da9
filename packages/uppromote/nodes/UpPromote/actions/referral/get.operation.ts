import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { REFERRAL_FIELDS } from '../../helpers/simplify';
import { getRecord, READ_REFERRAL_ID, readRecordId, REFERRAL_SIMPLIFY, simplifiedIfAsked, simplifyProperty } from '../parameters';

const properties: INodeProperties[] = [{ ...READ_REFERRAL_ID, description: 'The referral to read' }, simplifyProperty(REFERRAL_SIMPLIFY)];

export const description = updateDisplayOptions({ show: { resource: ['referral'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const referralId = readRecordId(this, 'referralId', itemIndex, 'Referral ID');
	const referral = await getRecord(this, `/referrals/${referralId}`, `Referral ${referralId}`, itemIndex);
	return simplifiedIfAsked(this, itemIndex, [referral], REFERRAL_FIELDS);
}
