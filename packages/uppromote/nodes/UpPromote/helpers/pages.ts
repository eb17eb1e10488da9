import type { IDataObject } from 'n8n-workflow';

/** UpPromote's largest page, always asked for; it sends no paging metadata, so a shorter page is the last. */
export const PAGE_SIZE = 100;

/** Pages read at most by one Return All (1,000,000 records): paging must end even if a server never sends a short page. */
export const MAX_PAGES = 10000;

/**
 * What a page means for paging: `last` (short, empty or the page cap: keep its rows and stop), `repeat` (the same
 * rows as the page before, a server ignoring `page`: drop them and stop) or `more`.
 */
export function pageVerdict(rows: readonly IDataObject[], previous: readonly IDataObject[] | undefined, pagesRead: number): 'last' | 'repeat' | 'more' {
	const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
	if (previous !== undefined && rows.length > 0 && same(rows[0], previous[0]) && same(rows.at(-1), previous.at(-1))) return 'repeat';
	return rows.length < PAGE_SIZE || pagesRead >= MAX_PAGES ? 'last' : 'more';
}
