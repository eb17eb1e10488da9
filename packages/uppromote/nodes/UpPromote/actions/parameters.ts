import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { PAGE_SIZE, pageVerdict } from '../helpers/pages';
import { simplify } from '../helpers/simplify';
import { isEmail, jsonObject, recordId, upPromoteDate } from '../helpers/validation';
import { upPromoteApiRequest } from '../transport';

export { returnAllOrLimit } from '../kit/nodeProperties';

/** The Simplify switch of an operation whose records have more than 10 fields; `kept` names what it keeps. */
export function simplifyProperty(kept: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data: ${kept}`,
	};
}

export const AFFILIATE_SIMPLIFY = 'ID, email, names, status, email verified, program, affiliate link, coupons, commission totals and creation time';
export const REFERRAL_SIMPLIFY = 'ID, order ID and number, status, total sales, commission and adjustment, affiliate, customer email, coupon and creation time';
export const PROGRAM_SIMPLIFY = 'ID, name, whether it is the default, status, commission type and amount, and creation time';

/** A "From list" / "By ID" picker of a record whose list search is `searchMethod`. */
export function recordLocator(options: {
	displayName: string;
	name: string;
	searchMethod: string;
	description: string;
	required?: boolean;
}): INodeProperties {
	const noun = options.displayName.toLowerCase();
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${noun}...`,
				typeOptions: { searchListMethod: options.searchMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 2029238',
				validation: [
					{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `The ${noun} ID is a whole number, e.g. 2029238` } },
				],
			},
		],
	};
}

function invalid(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** The ID a picker or a plain field holds, checked to be a whole number before anything is sent. */
export function readRecordId(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = recordId(value);
	if (id === undefined) {
		const given = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
		throw invalid(
			ctx,
			itemIndex,
			given === '' ? `${label} is empty` : `${label} must be a whole number (got "${given}")`,
			`Give the numeric ID UpPromote shows, e.g. 2029238, or pick the record from the list where there is one`,
		);
	}
	return id;
}

/** An optional ID (a filter): '' when the picker is empty. */
export function readOptionalRecordId(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	if (value === undefined || value === null || String(value).trim() === '') return '';
	return readRecordId(ctx, name, itemIndex, label);
}

/** An email checked before sending; `value` is what the builder set (a field or a filter). */
export function checkEmail(ctx: IExecuteFunctions, value: unknown, itemIndex: number, label: string): string {
	const email = typeof value === 'string' ? value.trim() : '';
	if (email === '') throw invalid(ctx, itemIndex, `${label} is empty`, `Set "${label}" or map it from the input item`);
	if (!isEmail(email)) {
		throw invalid(ctx, itemIndex, `${label} "${email}" is not a valid email address`, `Use an address like nora@example.com`);
	}
	return email;
}

/** A date filter as UpPromote's `YYYY-MM-DDTHH:MM:SSZ`, checked before sending. */
export function checkDate(ctx: IExecuteFunctions, value: unknown, itemIndex: number, label: string): string {
	const date = upPromoteDate(value);
	if (date === undefined) {
		throw invalid(ctx, itemIndex, `${label} is not a date (got "${String(value)}")`, 'Pick a date, or give one like 2026-01-31T00:00:00Z (UTC)');
	}
	return date;
}

/** The From/To filters of a list, in UTC; From after To is refused before anything is sent. */
export function dateRange(ctx: IExecuteFunctions, filters: IDataObject, itemIndex: number): IDataObject {
	const qs: IDataObject = {};
	if (filters.fromDate) qs.from_date = checkDate(ctx, filters.fromDate, itemIndex, 'From Date');
	if (filters.toDate) qs.to_date = checkDate(ctx, filters.toDate, itemIndex, 'To Date');
	if (qs.from_date && qs.to_date && String(qs.from_date) > String(qs.to_date)) {
		throw invalid(ctx, itemIndex, `From Date (${String(qs.from_date)}) is after To Date (${String(qs.to_date)})`, 'Swap the two dates');
	}
	return qs;
}

/** The Filters collection of a list operation. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}

/** The date filters every list offers. */
export const DATE_FILTERS: INodeProperties[] = [
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'dateTime',
		default: '',
		description: 'Only records created at or after this time (read as UTC when it has no time zone)',
	},
	{
		displayName: 'To Date',
		name: 'toDate',
		type: 'dateTime',
		default: '',
		description: 'Only records created at or before this time (read as UTC when it has no time zone)',
	},
];

/** A JSON object parameter (Additional Fields, Body, Query Parameters), refused before sending when it is not one. */
export function readJsonObject(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): IDataObject {
	const read = jsonObject(ctx.getNodeParameter(name, itemIndex, '') as unknown);
	if ('problem' in read) throw invalid(ctx, itemIndex, `${label}: ${read.problem}`, `Correct "${label}"; leave it empty to send nothing extra`);
	return read.object as IDataObject;
}

/** UpPromote answered success with no record: read as "not found", like its 404. */
export function notFound(ctx: IExecuteFunctions, what: string, itemIndex: number): NodeApiError {
	return new NodeApiError(ctx.getNode(), { message: 'empty data' } as JsonObject, {
		message: `UpPromote: ${what} was not found`,
		description: 'Check the ID, and the Base URL of the UpPromote API credential.',
		httpCode: '404',
		itemIndex,
	});
}

/** One record read by ID; empty `data` reads as "not found". */
export async function getRecord(ctx: IExecuteFunctions, path: string, what: string, itemIndex: number): Promise<IDataObject> {
	const data = await upPromoteApiRequest.call(ctx, { method: 'GET', path, itemIndex });
	const empty = data === null || typeof data !== 'object' || (Array.isArray(data) ? data.length === 0 : Object.keys(data).length === 0);
	if (empty) throw notFound(ctx, what, itemIndex);
	return (Array.isArray(data) ? data[0] : data) as IDataObject;
}

function rowsOf(ctx: IExecuteFunctions, data: unknown, path: string, itemIndex: number): IDataObject[] {
	if (data === null || data === undefined) return [];
	if (Array.isArray(data)) return data as IDataObject[];
	throw new NodeApiError(ctx.getNode(), { message: 'not a list' } as JsonObject, {
		message: `UpPromote answered GET ${path} with something that is not a list`,
		description: 'Check that the Base URL of the UpPromote API credential ends in /api/v2',
		itemIndex,
	});
}

/**
 * A list read as Return All or Limit asks: pages of 100 until a short, empty or repeated one (a list UpPromote sends
 * whole, ignoring `page`, ends on its repeat).
 */
export async function readList(ctx: IExecuteFunctions, path: string, qs: IDataObject, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const wanted = returnAll ? Infinity : Number(ctx.getNodeParameter('limit', itemIndex, 50));
	const records: IDataObject[] = [];
	let previous: IDataObject[] | undefined;
	for (let page = 1; records.length < wanted; page++) {
		const data = await upPromoteApiRequest.call(ctx, { method: 'GET', path, qs: { ...qs, page, per_page: PAGE_SIZE }, itemIndex });
		const rows = rowsOf(ctx, data, path, itemIndex);
		const verdict = pageVerdict(rows, previous, page);
		if (verdict === 'repeat') break;
		records.push(...rows);
		if (verdict === 'last') break;
		previous = rows;
	}
	return records.slice(0, wanted);
}

/** The records as the builder asked for them: whole, or only `fields` when Simplify is on. */
export function simplifiedIfAsked(ctx: IExecuteFunctions, itemIndex: number, records: IDataObject[], fields: readonly string[]): IDataObject[] {
	return ctx.getNodeParameter('simplify', itemIndex, false) === true ? records.map((record) => simplify(record, fields)) : records;
}

/** The referral an operation reads or changes (referrals have no list picker: a store has many thousands). */
export const READ_REFERRAL_ID: INodeProperties = {
	displayName: 'Referral ID',
	name: 'referralId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 13451592',
};
