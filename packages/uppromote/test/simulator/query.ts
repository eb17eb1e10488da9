// Query parameters of UpPromote's list endpoints: paging without metadata, UTC date windows, value lists.
import { fieldError } from './responses';
import type { ApiResponse } from '../../../../testing/simulator/http';

export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 100;

/** A query that failed validation carries the 422 to answer. */
export class QueryError extends Error {
	constructor(readonly response: ApiResponse) {
		super('invalid query');
	}
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function label(name: string): string {
	return name.replace(/_/g, ' ');
}

function positiveInteger(query: URLSearchParams, name: string): number | undefined {
	const text = query.get(name);
	if (text === null || text === '') return undefined;
	if (!/^\d+$/.test(text)) throw new QueryError(fieldError(name, `The ${label(name)} must be an integer.`));
	const value = Number(text);
	if (value < 1) throw new QueryError(fieldError(name, `The ${label(name)} must be at least 1.`));
	return value;
}

/** One page of rows: `per_page` defaults to 10 and is clamped to 100; a page past the end is empty. */
export function page<T>(rows: T[], query: URLSearchParams): T[] {
	const number = positiveInteger(query, 'page') ?? 1;
	const size = Math.min(positiveInteger(query, 'per_page') ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
	return rows.slice((number - 1) * size, number * size);
}

export function oneOf<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
	const value = query.get(name);
	if (value === null || value === '') return undefined;
	if (!(allowed as readonly string[]).includes(value)) throw new QueryError(fieldError(name, `The selected ${label(name)} is invalid.`));
	return value as T;
}

function dateTime(query: URLSearchParams, name: string): number | undefined {
	const value = query.get(name);
	if (value === null || value === '') return undefined;
	if (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
		throw new QueryError(fieldError(name, `The ${label(name)} does not match the format Y-m-d\\TH:i:s\\Z.`));
	}
	return Date.parse(value);
}

/** Keeps rows created inside `from_date`..`to_date` (both inclusive); `toRequired` is the rule of `/referrals`. */
export function inDateWindow<T>(rows: T[], query: URLSearchParams, createdAt: (row: T) => string, toRequired = false): T[] {
	const from = dateTime(query, 'from_date');
	const to = dateTime(query, 'to_date');
	if (toRequired && from !== undefined && to === undefined) {
		throw new QueryError(fieldError('to_date', 'The to date field is required when from date is present.'));
	}
	return rows.filter((row) => {
		const at = Date.parse(createdAt(row));
		return (from === undefined || at >= from) && (to === undefined || at <= to);
	});
}

/** UpPromote does not document its order; the simulator lists newest first. */
export function newestFirst<T>(rows: T[], id: (row: T) => number): T[] {
	return [...rows].sort((a, b) => id(b) - id(a));
}
