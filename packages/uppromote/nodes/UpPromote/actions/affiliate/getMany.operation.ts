import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { AFFILIATE_FIELDS } from '../../helpers/simplify';
import {
	AFFILIATE_SIMPLIFY,
	checkEmail,
	DATE_FILTERS,
	dateRange,
	filtersCollection,
	readList,
	returnAllOrLimit,
	simplifiedIfAsked,
	simplifyProperty,
} from '../parameters';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	simplifyProperty(AFFILIATE_SIMPLIFY),
	filtersCollection([
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. nora@example.com',
			default: '',
			description: 'Only the affiliate with this email address',
		},
		{
			displayName: 'Email Verified',
			name: 'emailVerified',
			type: 'options',
			options: [
				{ name: 'Verified', value: 'verified' },
				{ name: 'Unverified', value: 'unverified' },
			],
			default: 'verified',
			description: 'Only affiliates who did, or did not, confirm their email address',
		},
		...DATE_FILTERS,
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Active', value: 'active' },
				{ name: 'Inactive', value: 'inactive' },
				{ name: 'Pending', value: 'pending' },
			],
			default: 'active',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['affiliate'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = dateRange(this, filters, itemIndex);
	if (filters.email) qs.affiliate_email = checkEmail(this, filters.email, itemIndex, 'Email');
	if (filters.status) qs.status = filters.status;
	if (filters.emailVerified) qs.email_verified = filters.emailVerified;
	const affiliates = await readList(this, '/affiliates', qs, itemIndex);
	return simplifiedIfAsked(this, itemIndex, affiliates, AFFILIATE_FIELDS);
}
