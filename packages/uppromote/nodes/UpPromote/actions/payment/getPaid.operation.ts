import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { DATE_FILTERS, dateRange, filtersCollection, readList, returnAllOrLimit } from '../parameters';
import { PAYMENT_METHODS } from './methods';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		...DATE_FILTERS,
		{ displayName: 'Payment Method', name: 'paymentMethod', type: 'options', options: PAYMENT_METHODS, default: 'paypal' },
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['getPaid'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = dateRange(this, filters, itemIndex);
	if (filters.paymentMethod) qs.payment_method = filters.paymentMethod;
	return await readList(this, '/payments/paid', qs, itemIndex);
}
