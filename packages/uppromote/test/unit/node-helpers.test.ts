import { MAX_PAGES, PAGE_SIZE, pageVerdict } from '../../nodes/UpPromote/helpers/pages';
import { AFFILIATE_FIELDS, REFERRAL_FIELDS, simplify } from '../../nodes/UpPromote/helpers/simplify';
import { customApiPath, isEmail, jsonObject, recordId, signedDecimal, upPromoteDate } from '../../nodes/UpPromote/helpers/validation';
import { jsonWithDecimalNumbers } from '../../nodes/UpPromote/kit/exactJson';

const rows = (count: number, from = 1) => Array.from({ length: count }, (_, index) => ({ id: from + index }));

describe('recordId', () => {
	it('reads whole numbers, from text or numbers, as the digits sent', () => {
		expect(recordId('2029238')).toBe('2029238');
		expect(recordId(' 42 ')).toBe('42');
		expect(recordId(42)).toBe('42');
		expect(recordId('007')).toBe('7');
	});

	it('refuses anything else', () => {
		for (const value of ['', '0', '-3', '1.5', '12a', '1e3', '../1', 1.5, null, undefined, {}]) expect(recordId(value)).toBeUndefined();
	});
});

describe('signedDecimal', () => {
	it('keeps positive and negative amounts digit for digit', () => {
		expect(signedDecimal('-5')).toBe('-5');
		expect(signedDecimal('12.50')).toBe('12.50');
		expect(signedDecimal('+3.10')).toBe('3.10');
		expect(signedDecimal('-0.1000000000000000001')).toBe('-0.1000000000000000001');
		expect(signedDecimal(-7.25)).toBe('-7.25');
	});

	it('refuses zero, exponent form, commas and text', () => {
		for (const value of ['0', '-0.00', '1e3', 1e21, '1,5', 'five', '', '--1', Infinity, null]) expect(signedDecimal(value)).toBeUndefined();
	});

	it('is written into JSON as a number without passing through a float', () => {
		expect(jsonWithDecimalNumbers({ adjustment: '-0.1000000000000000001' }, ['adjustment'])).toBe('{"adjustment":-0.1000000000000000001}');
		expect(jsonWithDecimalNumbers({ adjustment: '12.50' }, ['adjustment'])).toBe('{"adjustment":12.50}');
		expect(jsonWithDecimalNumbers({ adjustment: '-007.5' }, ['adjustment'])).toBe('{"adjustment":-7.5}');
	});
});

describe('upPromoteDate', () => {
	it('writes UTC as YYYY-MM-DDTHH:MM:SSZ', () => {
		expect(upPromoteDate('2026-01-31T10:20:30Z')).toBe('2026-01-31T10:20:30Z');
		expect(upPromoteDate('2026-01-31T10:20:30.123+02:00')).toBe('2026-01-31T08:20:30Z');
		expect(upPromoteDate(new Date(Date.UTC(2026, 0, 31, 1, 2, 3)))).toBe('2026-01-31T01:02:03Z');
	});

	it("reads text without a zone (the date picker's) as UTC, and a date alone as its midnight", () => {
		expect(upPromoteDate('2026-01-31T10:20:30')).toBe('2026-01-31T10:20:30Z');
		expect(upPromoteDate('2026-01-31')).toBe('2026-01-31T00:00:00Z');
	});

	it('reads a Luxon DateTime from an expression', () => {
		expect(upPromoteDate({ toISO: () => '2026-03-01T00:00:00.000+01:00' })).toBe('2026-02-28T23:00:00Z');
	});

	it('refuses what is not a date', () => {
		for (const value of ['yesterday', '31/01/2026', '2026-13-01', '', 20260131, null]) expect(upPromoteDate(value)).toBeUndefined();
	});
});

describe('customApiPath', () => {
	it('keeps paths under /api/v2 and drops a copied /api/v2 prefix', () => {
		expect(customApiPath('/affiliates/12')).toEqual({ path: '/affiliates/12' });
		expect(customApiPath('payments/mark-paid')).toEqual({ path: '/payments/mark-paid' });
		expect(customApiPath('/api/v2/referrals')).toEqual({ path: '/referrals' });
	});

	it('refuses absolute URLs, other hosts and climbing out of the API', () => {
		for (const path of ['https://evil.example/steal', 'http://127.0.0.1/x', '//evil.example/x', 'javascript:alert(1)', '/../admin', '/a/%2e%2e/b', '/a/./b', '', '/a?x=1', '/a\\b']) {
			expect(customApiPath(path)).toHaveProperty('problem');
		}
	});
});

describe('jsonObject', () => {
	it('reads objects from text or as given; empty is {}', () => {
		expect(jsonObject('{"company":"Acme"}')).toEqual({ object: { company: 'Acme' } });
		expect(jsonObject({ a: 1 })).toEqual({ object: { a: 1 } });
		expect(jsonObject('')).toEqual({ object: {} });
	});

	it('refuses arrays, scalars and broken JSON', () => {
		for (const value of ['[1]', '3', '"x"', '{broken', 'null']) expect(jsonObject(value)).toHaveProperty('problem');
	});
});

describe('isEmail', () => {
	it('tells addresses apart from other text', () => {
		expect(isEmail('nora@example.com')).toBe(true);
		expect(isEmail('nora@example')).toBe(false);
		expect(isEmail('nora example.com')).toBe(false);
	});
});

describe('pageVerdict', () => {
	it('goes on after a full page and stops on a short or empty one', () => {
		expect(pageVerdict(rows(PAGE_SIZE), undefined, 1)).toBe('more');
		expect(pageVerdict(rows(PAGE_SIZE, 101), rows(PAGE_SIZE), 2)).toBe('more');
		expect(pageVerdict(rows(3), rows(PAGE_SIZE), 2)).toBe('last');
		expect(pageVerdict([], rows(PAGE_SIZE), 2)).toBe('last');
	});

	it('stops when a server sends the same page again, or at the page cap', () => {
		expect(pageVerdict(rows(PAGE_SIZE), rows(PAGE_SIZE), 2)).toBe('repeat');
		expect(pageVerdict(rows(PAGE_SIZE, 5), rows(PAGE_SIZE), MAX_PAGES)).toBe('last');
	});
});

describe('simplify', () => {
	it('keeps the named fields in order and leaves out those not sent', () => {
		const affiliate = { id: 1, email: 'a@b.co', company: 'Acme', paid_amount: '10.50', facebook: 'x' };
		expect(simplify(affiliate, AFFILIATE_FIELDS)).toEqual({ id: 1, email: 'a@b.co', paid_amount: '10.50' });
		expect(Object.keys(simplify({ created_at: 't', id: 2, commission: '1.00' }, REFERRAL_FIELDS))).toEqual(['id', 'commission', 'created_at']);
	});
});
