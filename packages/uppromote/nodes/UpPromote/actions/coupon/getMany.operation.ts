import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { DATE_FILTERS, dateRange, filtersCollection, readList, returnAllOrLimit } from '../parameters';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection(DATE_FILTERS),
];

export const description = updateDisplayOptions({ show: { resource: ['coupon'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await readList(this, '/coupons', dateRange(this, filters, itemIndex), itemIndex);
}
