import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { REFERRAL_FIELDS } from '../../helpers/simplify';
import { signedDecimal } from '../../helpers/validation';
import { upPromoteApiRequest } from '../../transport';
import { notFound, READ_REFERRAL_ID, readRecordId, REFERRAL_SIMPLIFY, simplifiedIfAsked, simplifyProperty } from '../parameters';

const properties: INodeProperties[] = [
	{ ...READ_REFERRAL_ID, description: "The referral whose commission changes" },
	{
		displayName: 'Adjustment',
		name: 'adjustment',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. -5 or 12.50',
		description:
			'Amount added to the commission, in the store currency: negative to claw back (e.g. on a refund). Sent digit for digit, never rounded.',
	},
	simplifyProperty(REFERRAL_SIMPLIFY),
];

export const description = updateDisplayOptions({ show: { resource: ['referral'], operation: ['addAdjustment'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const referralId = readRecordId(this, 'referralId', itemIndex, 'Referral ID');
	const raw = this.getNodeParameter('adjustment', itemIndex) as unknown;
	const adjustment = signedDecimal(raw);
	if (adjustment === undefined) {
		throw new NodeOperationError(this.getNode(), `Adjustment must be a number other than 0, like -5 or 12.50 (got "${String(raw)}")`, {
			itemIndex,
			description: 'Use a plain decimal number with a dot, negative to claw commission back',
		});
	}
	const referral = await upPromoteApiRequest.call(this, {
		method: 'POST',
		path: `/referral/${referralId}/adjustment`,
		body: { adjustment },
		decimalFields: ['adjustment'],
		itemIndex,
	});
	if (referral === null || typeof referral !== 'object') throw notFound(this, `Referral ${referralId}`, itemIndex);
	return simplifiedIfAsked(this, itemIndex, [referral as IDataObject], REFERRAL_FIELDS);
}
