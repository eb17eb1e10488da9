import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { payRamApiRequest } from '../../transport';

const PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: PAGE_SIZE },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Offset',
				name: 'offset',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'How many payouts to skip first',
			},
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
				default: 'DESC',
			},
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Amount', value: 'amount' },
					{ name: 'Created At', value: 'createdAt' },
					{ name: 'ID', value: 'id' },
				],
				default: 'createdAt',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payout'], operation: ['getMany'] } },
	properties,
);

/** PayRam answers a bare array; some versions wrap it as {data, total}. */
function payoutsOf(ctx: IExecuteFunctions, page: unknown, itemIndex: number): IDataObject[] {
	if (Array.isArray(page)) return page as IDataObject[];
	const data = (page as IDataObject | undefined)?.data;
	if (Array.isArray(data)) return data as IDataObject[];
	throw new NodeApiError(ctx.getNode(), { message: 'unexpected list' }, {
		message: 'PayRam answered the payout list with something that is not a list',
		itemIndex,
	});
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let offset = Number(options.offset ?? 0);
	const payouts: IDataObject[] = [];
	while (payouts.length < limit) {
		const pageSize = Math.min(PAGE_SIZE, limit - payouts.length);
		const page = payoutsOf(
			this,
			await payRamApiRequest.call(this, {
				method: 'GET',
				path: '/api/v1/withdrawal/merchant',
				qs: { limit: pageSize, offset, order: options.order ?? 'DESC', sortBy: options.sortBy ?? 'createdAt' },
				itemIndex,
			}),
			itemIndex,
		);
		payouts.push(...page);
		offset += page.length;
		if (page.length < pageSize) break;
	}
	return payouts;
}
