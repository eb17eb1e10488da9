// Spring Data paging as Referral Rocket (assumed) keeps it: `page` 0-based, `size` 20 by default and at most 100,
// `sort=property,asc|desc`; the answer in one of the three shapes the nodes must read.

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * `page`: Spring's default JSON `Page` (the contract's assumption); `array`: a bare JSON array;
 * `dto`: Spring Boot 3.3's `{content, page: {size, number, totalElements, totalPages}}`.
 */
export type PageShape = 'page' | 'array' | 'dto';

export const PAGE_SHAPES: readonly PageShape[] = ['page', 'array', 'dto'];

export interface PagingOptions {
	shape: PageShape;
	/** Spring's `one-indexed-parameters`: `page=1` is the first page (and so is `page=0`), for testing the other reading. */
	oneIndexed: boolean;
}

/** Spring ignores a page or size it cannot read (the default applies) and clamps a negative page to 0. */
function integerParam(text: string | null): number | undefined {
	return text !== null && /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

const SORTABLE: Record<string, (row: { createdOn: string; email: string; participantId: number }) => string | number> = {
	createdOn: (row) => row.createdOn,
	email: (row) => row.email.toLowerCase(),
};

/** Sorted by each `sort=property,direction` in turn (unknown properties ignored), else in creation order. */
export function sorted<Row extends { createdOn: string; email: string; participantId: number }>(rows: Row[], query: URLSearchParams): Row[] {
	const orders = query
		.getAll('sort')
		.map((text) => text.split(','))
		.filter(([property]) => property in SORTABLE)
		.map(([property, direction]) => ({ key: SORTABLE[property], sign: direction?.toLowerCase() === 'desc' ? -1 : 1 }));
	return [...rows].sort((a, b) => {
		for (const { key, sign } of orders) {
			const left = key(a);
			const right = key(b);
			if (left !== right) return (left < right ? -1 : 1) * sign;
		}
		return a.participantId - b.participantId;
	});
}

/** One page of `rows` (already sorted and turned into JSON) as Spring writes it in the chosen shape. */
export function springPage(rows: unknown[], query: URLSearchParams, options: PagingOptions): unknown {
	const asked = integerParam(query.get('page')) ?? (options.oneIndexed ? 1 : 0);
	const number = Math.max(options.oneIndexed ? asked - 1 : asked, 0);
	const askedSize = integerParam(query.get('size'));
	const size = askedSize === undefined || askedSize < 1 ? DEFAULT_PAGE_SIZE : Math.min(askedSize, MAX_PAGE_SIZE);
	const content = rows.slice(number * size, number * size + size);
	const totalElements = rows.length;
	const totalPages = Math.ceil(totalElements / size);
	if (options.shape === 'array') return content;
	if (options.shape === 'dto') return { content, page: { size, number, totalElements, totalPages } };
	const sortState = { empty: !query.has('sort'), sorted: query.has('sort'), unsorted: !query.has('sort') };
	return {
		content,
		pageable: { pageNumber: number, pageSize: size, offset: number * size, paged: true, unpaged: false, sort: sortState },
		totalElements,
		totalPages,
		last: number >= totalPages - 1,
		first: number === 0,
		size,
		number,
		numberOfElements: content.length,
		empty: content.length === 0,
		sort: sortState,
	};
}
