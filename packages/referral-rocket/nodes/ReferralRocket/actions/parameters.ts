import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MAX_PAGES, PAGE_SIZE, pageVerdict, readPage } from '../helpers/pages';
import { PARTICIPANT_FIELDS, simplify } from '../helpers/simplify';
import { isEmail, isToken, jsonObject } from '../helpers/values';
import { referralRocketApiRequest } from '../transport';

/** The campaign every operation works in: a plain field, so it can come from an expression or the input item. */
export const campaignIdProperty: INodeProperties = {
	displayName: 'Campaign ID',
	name: 'campaignId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. JCu82f30F1',
	description: "The campaign's ID, shown in Referral Rocket's dashboard under the campaign's settings and in its share links",
};

/** The e-mail of a participant, for the operations that find one by it. */
export function emailProperty(description: string): INodeProperties {
	return { displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. jane@example.com', default: '', required: true, description };
}

export const PARTICIPANT_SIMPLIFY = 'e-mail, names, referral code and share link, who referred them, number of referrals, reward balances and whether the reward event is completed';

/** The Simplify switch of an operation that returns participants (17 fields each). */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: `Whether to return a simplified version of the response instead of the raw data: ${PARTICIPANT_SIMPLIFY}`,
};

/** Return All, and Limit while it is off, of the paged lists. */
export const returnAllOrLimit: INodeProperties[] = [
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
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The order of a paged list (Spring's `sort=property,direction`). */
export const sortProperty: INodeProperties = {
	displayName: 'Sort',
	name: 'sort',
	type: 'options',
	options: [
		{ name: 'As Referral Rocket Sends Them', value: '' },
		{ name: 'Email, A to Z', value: 'email,asc' },
		{ name: 'Email, Z to A', value: 'email,desc' },
		{ name: 'Newest First', value: 'createdOn,desc' },
		{ name: 'Oldest First', value: 'createdOn,asc' },
	],
	default: '',
	description: 'The order participants come in',
};

function invalid(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** A short token (campaign ID, referral code) checked before sending. */
export function readToken(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string, example: string): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (text === '') throw invalid(ctx, itemIndex, `${label} is empty`, `Set "${label}" or map it from the input item, e.g. ${example}`);
	if (!isToken(text)) {
		throw invalid(ctx, itemIndex, `${label} "${text}" is not valid`, `${label} is letters and digits only, e.g. ${example}; paste the ID, not a URL`);
	}
	return text;
}

export function readCampaignId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readToken(ctx, 'campaignId', itemIndex, 'Campaign ID', 'JCu82f30F1');
}

/** An e-mail checked before sending. */
export function readEmail(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const email = typeof value === 'string' ? value.trim() : '';
	if (email === '') throw invalid(ctx, itemIndex, `${label} is empty`, `Set "${label}" or map it from the input item`);
	if (!isEmail(email)) throw invalid(ctx, itemIndex, `${label} "${email}" is not a valid email address`, 'Use an address like jane@example.com');
	return email;
}

/** A JSON object parameter, refused before sending when it is not one. */
export function readJsonObject(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): IDataObject {
	const read = jsonObject(ctx.getNodeParameter(name, itemIndex, '') as unknown);
	if ('problem' in read) throw invalid(ctx, itemIndex, `${label}: ${read.problem}`, `Correct "${label}"; leave it empty to send nothing extra`);
	return read.object as IDataObject;
}

/** Referral Rocket answered success with no record: read as "not found", like its 404. */
export function notFound(ctx: IExecuteFunctions, what: string, itemIndex: number): NodeApiError {
	return new NodeApiError(ctx.getNode(), { message: 'empty answer' } as JsonObject, {
		message: `Referral Rocket: ${what} was not found`,
		description: 'Check the campaign ID and the e-mail, and the Base URL of the Referral Rocket API credential.',
		httpCode: '404',
		itemIndex,
	});
}

/** One record read with a GET; an empty answer (`null`, `{}`, nothing) reads as "not found". */
export async function getRecord(ctx: IExecuteFunctions, path: string, qs: IDataObject, what: string, itemIndex: number): Promise<IDataObject> {
	const data = await referralRocketApiRequest.call(ctx, { method: 'GET', path, qs, itemIndex });
	if (data === null || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) throw notFound(ctx, what, itemIndex);
	return data as IDataObject;
}

/** Every row of a paged list (Return All) or the first `limit`, over `page` (from 0) and `size`. */
export async function readPaged(ctx: IExecuteFunctions, path: string, qs: IDataObject, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll ? Infinity : Math.max(1, Number(ctx.getNodeParameter('limit', itemIndex, 50)));
	const size = Math.min(PAGE_SIZE, limit);
	const rows: IDataObject[] = [];
	let previous: IDataObject[] | undefined;
	for (let pageIndex = 0; pageIndex < MAX_PAGES && rows.length < limit; pageIndex++) {
		const data = await referralRocketApiRequest.call(ctx, { method: 'GET', path, qs: { ...qs, page: pageIndex, size }, itemIndex });
		const page = readPage(data);
		if (page === undefined) {
			throw new NodeApiError(ctx.getNode(), { message: 'not a page' } as JsonObject, {
				message: `Referral Rocket answered GET ${path} with something that is not a list`,
				description: 'Expected a page ({"content": [...]}) or a JSON array. Check the Base URL of the Referral Rocket API credential.',
				itemIndex,
			});
		}
		const verdict = pageVerdict(page, size, previous, pageIndex);
		if (verdict === 'repeat') break;
		if (verdict === 'skip') continue;
		rows.push(...page.rows);
		if (verdict === 'last') break;
		previous = page.rows;
	}
	return rows.slice(0, limit);
}

export function simplifiedIfAsked(ctx: IExecuteFunctions, itemIndex: number, records: IDataObject[]): IDataObject[] {
	return ctx.getNodeParameter('simplify', itemIndex, false) === true ? records.map((record) => simplify(record, PARTICIPANT_FIELDS)) : records;
}
