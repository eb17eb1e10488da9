import type { IDataObject } from 'n8n-workflow';

/** The largest page asked for (Spring's default cap is 2000; 100 is what the contract assumes Referral Rocket allows). */
export const PAGE_SIZE = 100;

/** Pages read at most by one Return All (1,000,000 records): paging ends even if a server never says "last". */
export const MAX_PAGES = 10000;

export interface Page {
	rows: IDataObject[];
	/** What the answer says about being the last page, when it says anything. */
	last?: boolean;
	/** The page size the server applied, when it says. */
	size?: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * One page in any of the three shapes Referral Rocket may send: Spring's `Page` (`content`, `last`, `size`),
 * Spring Boot 3.3's `{content, page: {number, totalPages, size}}`, or a bare array. Undefined for anything else.
 */
export function readPage(body: unknown): Page | undefined {
	if (body === null || body === undefined || body === '') return { rows: [] };
	if (Array.isArray(body)) return { rows: body as IDataObject[] };
	if (!isObject(body) || !Array.isArray(body.content)) return undefined;
	const rows = body.content as IDataObject[];
	const meta = isObject(body.page) ? body.page : body;
	const size = typeof meta.size === 'number' && meta.size > 0 ? meta.size : undefined;
	if (typeof body.last === 'boolean') return { rows, last: body.last, size };
	if (typeof meta.number === 'number' && typeof meta.totalPages === 'number') return { rows, last: meta.number >= meta.totalPages - 1, size };
	return { rows, size };
}

/**
 * What a page means for paging: `last` (keep its rows and stop), `more`, `skip` (the second request, `page=1`,
 * answered the first page again: a server counting pages from 1 read `page=0` as its first page too; drop the rows
 * and go on) or `repeat` (a later page repeats the one before: a server ignoring `page`; drop them and stop).
 */
export function pageVerdict(page: Page, asked: number, previous: readonly IDataObject[] | undefined, pageIndex: number): 'last' | 'more' | 'skip' | 'repeat' {
	const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
	const { rows } = page;
	if (previous !== undefined && previous.length > 0 && rows.length > 0 && same(rows[0], previous[0]) && same(rows.at(-1), previous.at(-1))) {
		return pageIndex === 1 ? 'skip' : 'repeat';
	}
	if (rows.length === 0 || page.last === true || pageIndex + 1 >= MAX_PAGES) return 'last';
	return rows.length < (page.size ?? asked) ? 'last' : 'more';
}
