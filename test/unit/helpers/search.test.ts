import { collectPages, isoTime, readSearchPage, type SearchPage } from '../../../nodes/PayRam/helpers/search';
import { simplify } from '../../../nodes/PayRam/helpers/simplify';

/** A search over `total` rows numbered 0.., answering at most `cap` rows a page; records what was asked. */
function server(total: number, options: { cap?: number; ignoresOffset?: boolean; sendsTotal?: boolean } = {}) {
	const asked: Array<[number, number]> = [];
	const fetchPage = async (offset: number, limit: number): Promise<SearchPage> => {
		asked.push([offset, limit]);
		const start = options.ignoresOffset ? 0 : offset;
		const size = Math.min(limit, options.cap ?? limit);
		const rows = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, index) => ({ n: start + index }));
		return options.sendsTotal === false ? { rows } : { rows, totalCount: total };
	};
	return { asked, fetchPage };
}

describe('collectPages', () => {
	it('collects everything in pages of 200', async () => {
		const { asked, fetchPage } = server(450);
		const rows = await collectPages(fetchPage, { offset: 0, wanted: Infinity });
		expect(rows.map((row) => row.n)).toEqual(Array.from({ length: 450 }, (_, index) => index));
		expect(asked).toEqual([[0, 200], [200, 200], [400, 200]]);
	});

	it('keeps asking after a short page while totalCount says more remain', async () => {
		const { asked, fetchPage } = server(450, { cap: 100 });
		expect(await collectPages(fetchPage, { offset: 0, wanted: Infinity })).toHaveLength(450);
		expect(asked.map(([offset]) => offset)).toEqual([0, 100, 200, 300, 400]);
	});

	it('stops at the limit, asking only for what is missing', async () => {
		const { asked, fetchPage } = server(450, { cap: 70 });
		expect(await collectPages(fetchPage, { offset: 10, wanted: 150 })).toHaveLength(150);
		expect(asked).toEqual([[10, 150], [80, 80], [150, 10]]);
	});

	it('stops on an empty page, and on a short page when there is no totalCount', async () => {
		const empty = server(0);
		expect(await collectPages(empty.fetchPage, { offset: 0, wanted: Infinity })).toEqual([]);
		expect(empty.asked).toHaveLength(1);
		const short = server(250, { sendsTotal: false });
		expect(await collectPages(short.fetchPage, { offset: 0, wanted: Infinity })).toHaveLength(250);
		expect(short.asked).toHaveLength(2);
	});

	it('ends when a server ignores the offset and repeats its first page', async () => {
		const { asked, fetchPage } = server(1000, { ignoresOffset: true, sendsTotal: false });
		expect(await collectPages(fetchPage, { offset: 0, wanted: Infinity })).toHaveLength(200);
		expect(asked).toHaveLength(2);
	});
});

describe('readSearchPage', () => {
	it('reads data: null as no rows and keeps totalCount', () => {
		expect(readSearchPage({ data: null, totalCount: 0 })).toEqual({ rows: [], totalCount: 0 });
		expect(readSearchPage({ data: [{ a: 1 }], totalCount: 3 })).toEqual({ rows: [{ a: 1 }], totalCount: 3 });
		expect(readSearchPage([{ a: 1 }])).toEqual({ rows: [{ a: 1 }] });
		expect(readSearchPage({ data: 'x' })).toBeUndefined();
		expect(readSearchPage('<html>')).toBeUndefined();
	});
});

describe('isoTime', () => {
	it('writes dates from fields and expressions as ISO 8601 and refuses the rest', () => {
		expect(isoTime('2026-01-31T10:00:00Z')).toBe('2026-01-31T10:00:00.000Z');
		expect(isoTime(new Date('2026-01-31T10:00:00Z'))).toBe('2026-01-31T10:00:00.000Z');
		expect(isoTime({ toISO: () => '2026-01-31T12:00:00.000+02:00' })).toBe('2026-01-31T10:00:00.000Z');
		expect(isoTime('last tuesday')).toBeUndefined();
		expect(isoTime('2026-13-45')).toBeUndefined();
		expect(isoTime(5)).toBeUndefined();
	});
});

describe('simplify', () => {
	it('keeps the named fields PayRam sent, in the given order', () => {
		expect(simplify({ b: 2, a: 1, c: null, d: 4 }, ['a', 'c', 'x', 'b'])).toEqual({ a: 1, c: null, b: 2 });
		expect(Object.keys(simplify({ b: 2, a: 1 }, ['a', 'b']))).toEqual(['a', 'b']);
	});
});
