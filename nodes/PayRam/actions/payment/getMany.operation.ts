import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	collectPages,
	isoTime,
	MAX_SEARCH_PAGE,
	readSearchPage,
	SEARCH_CURRENCIES,
	SEARCH_NETWORKS,
	SEARCH_PAYMENT_STATES,
	SEARCH_WEBHOOK_STATUSES,
	type SearchPage,
} from '../../helpers/search';
import { PAYMENT_ROW_FIELDS } from '../../helpers/simplify';
import { payRamApiRequest, type PayRamContext } from '../../transport';
import { asText, isBlank, returnAllOrLimit, simplifiedIfAsked, simplifyProperty } from '../parameters';

const titleCase = (value: string) =>
	value
		.split('_')
		.map((word) => word.charAt(0) + word.slice(1).toLowerCase())
		.join(' ');

const properties: INodeProperties[] = [
	...returnAllOrLimit(MAX_SEARCH_PAGE),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Created By',
				name: 'createdBy',
				type: 'multiOptions',
				options: [
					{ name: 'System (API)', value: 'system' },
					{ name: 'User (Dashboard)', value: 'user' },
				],
				default: [],
				description: 'Who created the payment link',
			},
			{
				displayName: 'Created From',
				name: 'dateFrom',
				type: 'dateTime',
				default: '',
				description: 'Only payments created at or after this time',
			},
			{
				displayName: 'Created Until',
				name: 'dateTo',
				type: 'dateTime',
				default: '',
				description: 'Only payments created at or before this time',
			},
			{
				displayName: 'Currencies',
				name: 'currency',
				type: 'multiOptions',
				options: SEARCH_CURRENCIES.map((code) => ({ name: code, value: code })),
				default: [],
				description: 'Only payments in these currencies (an open payment has none until the customer picks one)',
			},
			{
				displayName: 'Networks',
				name: 'network',
				type: 'multiOptions',
				options: Object.entries(SEARCH_NETWORKS).map(([value, name]) => ({ name, value })),
				default: [],
				description: 'Only payments on these blockchains',
			},
			{
				displayName: 'Payment States',
				name: 'paymentStatus',
				type: 'multiOptions',
				options: SEARCH_PAYMENT_STATES.map((state) => ({ name: titleCase(state), value: state })),
				default: [],
				description: 'Only payments in these states; Cancelled includes expired links',
			},
			{
				displayName: 'Search Text',
				name: 'query',
				type: 'string',
				default: '',
				placeholder: 'e.g. jane@example.com',
				description: 'Part of the email, reference ID, customer ID, invoice ID or transaction hash',
			},
			{
				displayName: 'Webhook Statuses',
				name: 'webhookStatus',
				type: 'multiOptions',
				options: SEARCH_WEBHOOK_STATUSES.map((status) => ({ name: titleCase(status.toUpperCase()), value: status })),
				default: [],
				description: 'Only payments whose notification went this way, e.g. Failed for paid orders your webhook never got',
			},
		],
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
				description: 'How many matching payments to skip first',
			},
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Created Time', value: 'created_at' },
					{ name: 'Customer ID', value: 'customer_id' },
					{ name: 'Email', value: 'email' },
					{ name: 'Invoice ID', value: 'invoice_id' },
					{ name: 'Payment State', value: 'payment_status' },
					{ name: 'Reference ID', value: 'reference_id' },
					{ name: 'Updated Time', value: 'updated_at' },
				],
				default: 'created_at',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
				default: 'DESC',
			},
		],
	},
	simplifyProperty(
		true,
		'reference ID, invoice ID, customer ID, email, state, webhook status, amounts, network, currency, created and updated time',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['getMany'] } },
	properties,
);

/** One page of PayRam's payment search; a POST that only reads, so the transport may retry it. */
export async function searchPage(
	this: PayRamContext,
	body: IDataObject,
	itemIndex: number,
): Promise<SearchPage> {
	const answer = await payRamApiRequest.call(this, {
		method: 'POST',
		path: '/api/v1/payment/search',
		body,
		read: true,
		itemIndex,
	});
	const page = readSearchPage(answer);
	if (!page) {
		throw new NodeApiError(this.getNode(), { message: 'unexpected search answer' } as JsonObject, {
			message: 'PayRam answered the payment search with something that is not a list of payments',
			description: 'Check that the Server URL of the PayRam API credential points at PayRam itself, not at its dashboard',
			itemIndex,
		});
	}
	return page;
}

function filterBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const query = asText(filters.query);
	if (query !== '') body.query = query;
	for (const list of ['paymentStatus', 'network', 'currency', 'webhookStatus', 'createdBy']) {
		const values = filters[list];
		if (Array.isArray(values) && values.length > 0) body[list] = values;
	}
	for (const [field, label] of [
		['dateFrom', 'Created From'],
		['dateTo', 'Created Until'],
	]) {
		if (isBlank(filters[field])) continue;
		const at = isoTime(filters[field]);
		if (at === undefined) {
			throw new NodeOperationError(ctx.getNode(), `${label} is not a date and time (got "${String(filters[field])}")`, {
				itemIndex,
				description: 'Pick a date in the field or map an ISO 8601 time, e.g. 2026-01-31T00:00:00Z',
			});
		}
		body[field] = at;
	}
	return body;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = {
		...filterBody(this, itemIndex),
		sortBy: options.sortBy ?? 'created_at',
		sortDirection: options.sortDirection ?? 'DESC',
	};
	const rows = await collectPages(
		async (offset, limit) => await searchPage.call(this, { ...body, limit, offset }, itemIndex),
		{
			offset: Math.max(0, Math.floor(Number(options.offset ?? 0)) || 0),
			wanted: returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number),
		},
	);
	return rows.map((row) => simplifiedIfAsked(this, itemIndex, row, PAYMENT_ROW_FIELDS));
}
