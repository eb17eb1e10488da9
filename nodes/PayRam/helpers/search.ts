import type { IDataObject } from 'n8n-workflow';

import { PAYMENT_STATES } from './paymentStates';

/** States PayRam's payment search filters by (exact upper case): the documented ones and the in-between ones search also knows. */
export const SEARCH_PAYMENT_STATES = [...PAYMENT_STATES.map((state) => state.value), 'CONFIRMING', 'DEPOSIT_RECEIVED', 'UNDEFINED'] as const;
export const SEARCH_NETWORKS = { BTC: 'Bitcoin', ETH: 'Ethereum', BASE: 'Base', POLYGON: 'Polygon', TRX: 'Tron' } as const;
export const SEARCH_CURRENCIES = ['BTC', 'CBBTC', 'ETH', 'POL', 'PYUSD', 'TRX', 'USDC', 'USDT'] as const;
export const SEARCH_WEBHOOK_STATUSES = ['received', 'pending', 'failed', 'waiting_for_approval', 'discarded'] as const;
/** PayRam takes at most this many rows a page. */
export const MAX_SEARCH_PAGE = 200;

export interface SearchPage {
	rows: IDataObject[];
	/** Matches over all pages, when PayRam said. */
	totalCount?: number;
}

/** Reads a search answer: `{data, totalCount}`, where `data: null` means no rows; undefined if it is not that. */
export function readSearchPage(answer: unknown): SearchPage | undefined {
	if (Array.isArray(answer)) return { rows: answer as IDataObject[] };
	if (typeof answer !== 'object' || answer === null) return undefined;
	const { data, totalCount } = answer as IDataObject;
	if (data !== null && data !== undefined && !Array.isArray(data)) return undefined;
	const total = Number(totalCount);
	return {
		rows: (data ?? []) as IDataObject[],
		totalCount: totalCount !== undefined && totalCount !== null && Number.isFinite(total) ? total : undefined,
	};
}

export interface Paging {
	offset: number;
	/** How many rows to collect; Infinity for all. */
	wanted: number;
}

/**
 * Collects rows page by page from `offset`. PayRam may answer fewer rows than asked, so a short page
 * does not end the search while `totalCount` says more remain; an empty page always does, and without
 * a `totalCount` a short page does too. A page that starts with the previous page's first row (a server
 * ignoring the offset) ends it as well, so the loop always ends.
 */
export async function collectPages(
	fetchPage: (offset: number, limit: number) => Promise<SearchPage>,
	{ offset, wanted }: Paging,
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	let next = offset;
	let previousFirst: string | undefined;
	while (rows.length < wanted) {
		const limit = Math.min(MAX_SEARCH_PAGE, wanted - rows.length);
		const page = await fetchPage(next, limit);
		if (page.rows.length === 0) break;
		const first = JSON.stringify(page.rows[0]);
		if (first === previousFirst) break;
		previousFirst = first;
		rows.push(...page.rows.slice(0, wanted - rows.length));
		next += page.rows.length;
		if (page.totalCount === undefined ? page.rows.length < limit : next >= page.totalCount) break;
	}
	return rows;
}

/** A date and time from a dateTime field or an expression, as the ISO 8601 text PayRam's search takes. */
export function isoTime(value: unknown): string | undefined {
	let text: unknown = value;
	if (typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function') {
		text = (value as { toISO: () => string }).toISO();
	}
	if (value instanceof Date) text = value.toISOString();
	if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(text.trim())) return undefined;
	const at = new Date(text.trim());
	return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}
