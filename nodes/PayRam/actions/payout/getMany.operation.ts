import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { PAYOUT_FIELDS } from '../../helpers/simplify';
import { payRamApiRequest, type PayRamContext } from '../../transport';
import { PAYOUT_SIMPLIFY, returnAllOrLimit, simplifiedIfAsked, simplifyProperty } from '../parameters';

const PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	...returnAllOrLimit(PAGE_SIZE),
	// Off by default: workflows saved before Simplify existed read fields it leaves out.
	simplifyProperty(false, PAYOUT_SIMPLIFY),
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

/** One page of payouts; PayRam answers a bare array, some versions wrap it as {data, total}. */
export async function payoutPage(this: PayRamContext, qs: IDataObject, itemIndex: number): Promise<IDataObject[]> {
	const page = await payRamApiRequest.call(this, { method: 'GET', path: '/api/v1/withdrawal/merchant', qs, itemIndex });
	if (Array.isArray(page)) return page as IDataObject[];
	const data = (page as IDataObject | undefined)?.data;
	if (Array.isArray(data)) return data as IDataObject[];
	throw new NodeApiError(this.getNode(), { message: 'unexpected list' } as JsonObject, {
		message: 'PayRam answered the payout list with something that is not a list',
		description: 'Check that the Server URL of the credential points at PayRam itself, not at its dashboard',
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
		const qs = { limit: pageSize, offset, order: options.order ?? 'DESC', sortBy: options.sortBy ?? 'createdAt' };
		const page = await payoutPage.call(this, qs, itemIndex);
		payouts.push(...page);
		offset += page.length;
		if (page.length < pageSize) break;
	}
	return payouts.map((payout) => simplifiedIfAsked(this, itemIndex, payout, PAYOUT_FIELDS));
}
