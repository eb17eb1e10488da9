import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { REFERRAL_FIELDS } from '../../helpers/simplify';
import {
	checkEmail,
	DATE_FILTERS,
	dateRange,
	filtersCollection,
	readList,
	readOptionalRecordId,
	recordLocator,
	REFERRAL_SIMPLIFY,
	returnAllOrLimit,
	simplifiedIfAsked,
	simplifyProperty,
} from '../parameters';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	simplifyProperty(REFERRAL_SIMPLIFY),
	filtersCollection([
		{
			displayName: 'Affiliate Email',
			name: 'affiliateEmail',
			type: 'string',
			placeholder: 'e.g. nora@example.com',
			default: '',
			description: 'Only referrals of the affiliate with this email address',
		},
		...DATE_FILTERS.map((filter) => ({
			...filter,
			description: `${filter.description as string}. UpPromote needs To Date whenever From Date is set.`,
		})),
		{
			displayName: 'Order ID',
			name: 'orderId',
			type: 'string',
			placeholder: 'e.g. 5012345678901',
			default: '',
			description: 'Only the referral of this Shopify order',
		},
		recordLocator({
			displayName: 'Program',
			name: 'programId',
			searchMethod: 'searchPrograms',
			required: false,
			description: 'Only referrals of this program',
		}),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['referral'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = dateRange(this, filters, itemIndex);
	// UpPromote refuses a From Date without a To Date (422); say so before sending.
	if (qs.from_date && !qs.to_date) {
		throw new NodeOperationError(this.getNode(), 'From Date needs a To Date on referrals', {
			itemIndex,
			description: 'Add the To Date filter too, e.g. today, or remove From Date',
		});
	}
	if (filters.affiliateEmail) qs.affiliate_email = checkEmail(this, filters.affiliateEmail, itemIndex, 'Affiliate Email');
	if (typeof filters.orderId === 'string' || typeof filters.orderId === 'number') {
		const orderId = String(filters.orderId).trim();
		if (orderId) qs.order_id = orderId;
	}
	const programId = filters.programId ? readOptionalRecordId(this, 'filters.programId', itemIndex, 'Program') : '';
	if (programId) qs.program_id = programId;
	const referrals = await readList(this, '/referrals', qs, itemIndex);
	return simplifiedIfAsked(this, itemIndex, referrals, REFERRAL_FIELDS);
}
