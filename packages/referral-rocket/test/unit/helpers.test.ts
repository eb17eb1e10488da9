import { busyDelayMs, MAX_WAIT_MS } from '../../nodes/ReferralRocket/helpers/backoff';
import { baseUrlProblem, normaliseBaseUrl } from '../../nodes/ReferralRocket/helpers/baseUrl';
import { howToFix, readReferralRocketError } from '../../nodes/ReferralRocket/helpers/errors';
import { MAX_PAGES, pageVerdict, readPage } from '../../nodes/ReferralRocket/helpers/pages';
import { PARTICIPANT_FIELDS, simplify } from '../../nodes/ReferralRocket/helpers/simplify';
import { apiPath, isEmail, isToken, jsonObject } from '../../nodes/ReferralRocket/helpers/values';

const rows = (...emails: string[]) => emails.map((email) => ({ email }));

describe('readPage: the three shapes a page may come in', () => {
	it("reads Spring's Page, with last and size", () => {
		expect(readPage({ content: rows('a'), last: false, size: 20, number: 0, totalPages: 3 })).toEqual({ rows: rows('a'), last: false, size: 20 });
	});

	it("reads Spring Boot 3.3's {content, page}, last from number and totalPages", () => {
		expect(readPage({ content: rows('a'), page: { size: 5, number: 2, totalElements: 11, totalPages: 3 } })).toEqual({ rows: rows('a'), last: true, size: 5 });
		expect(readPage({ content: rows('a'), page: { size: 5, number: 1, totalPages: 3 } })?.last).toBe(false);
	});

	it('reads a bare array and an empty answer; anything else is no page', () => {
		expect(readPage(rows('a', 'b'))).toEqual({ rows: rows('a', 'b') });
		expect(readPage(null)).toEqual({ rows: [] });
		expect(readPage({ data: [] })).toBeUndefined();
		expect(readPage('oops')).toBeUndefined();
	});
});

describe('pageVerdict', () => {
	it('stops on last: true, a short page and an empty page, else goes on', () => {
		expect(pageVerdict({ rows: rows('a', 'b'), last: true }, 2, undefined, 0)).toBe('last');
		expect(pageVerdict({ rows: rows('a') }, 2, undefined, 0)).toBe('last');
		expect(pageVerdict({ rows: [] }, 2, rows('x', 'y'), 3)).toBe('last');
		expect(pageVerdict({ rows: rows('a', 'b') }, 2, undefined, 0)).toBe('more');
		expect(pageVerdict({ rows: rows('a', 'b'), last: false }, 2, rows('x', 'y'), 1)).toBe('more');
	});

	it("compares with the size the server applied when it says (a server capping size is not a short page)", () => {
		expect(pageVerdict({ rows: rows('a', 'b'), size: 2 }, 100, undefined, 0)).toBe('more');
	});

	it('skips a second page that repeats the first (pages counted from 1), stops on a later repeat', () => {
		expect(pageVerdict({ rows: rows('a', 'b') }, 2, rows('a', 'b'), 1)).toBe('skip');
		expect(pageVerdict({ rows: rows('c', 'd') }, 2, rows('c', 'd'), 2)).toBe('repeat');
	});

	it('ends at the page cap', () => {
		expect(pageVerdict({ rows: rows('a', 'b') }, 2, undefined, MAX_PAGES - 1)).toBe('last');
	});
});

describe('values checked before sending', () => {
	it.each(['jane@example.com', 'first.last+tag@sub.example.co'])('accepts the e-mail %s', (email) => expect(isEmail(email)).toBe(true));
	it.each(['jane', 'jane@', 'jane at example.com', 'jane@example'])('refuses the e-mail %s', (email) => expect(isEmail(email)).toBe(false));
	it('takes campaign ids and codes as short tokens', () => {
		expect(isToken('JCu82f30F1')).toBe(true);
		expect(isToken('8Mnu09TD')).toBe(true);
		expect(isToken('two words')).toBe(false);
		expect(isToken('a/b')).toBe(false);
		expect(isToken('x'.repeat(65))).toBe(false);
	});

	it('puts a Custom API Call path under /api/v1, once', () => {
		expect(apiPath('getCampaign')).toEqual({ path: '/api/v1/getCampaign' });
		expect(apiPath('/api/v1/getCampaign')).toEqual({ path: '/api/v1/getCampaign' });
		expect(apiPath('  /qualify ')).toEqual({ path: '/api/v1/qualify' });
		expect(apiPath('/api/v1')).toEqual({ problem: 'Path names no endpoint; give one under /api/v1, e.g. /getCampaign' });
		expect(apiPath('/x/%2e%2e/y')).toMatchObject({ problem: expect.stringContaining('".."') });
		expect(apiPath('HTTPS://x')).toMatchObject({ problem: expect.stringContaining('not a full URL') });
		expect(apiPath('')).toEqual({ problem: 'Path is empty' });
	});

	it('reads JSON objects only', () => {
		expect(jsonObject('')).toEqual({ object: {} });
		expect(jsonObject({ a: 1 })).toEqual({ object: { a: 1 } });
		expect(jsonObject('{"a": 1}')).toEqual({ object: { a: 1 } });
		expect(jsonObject('[1]')).toMatchObject({ problem: expect.stringContaining('JSON object') });
		expect(jsonObject('{a:1}')).toMatchObject({ problem: expect.stringContaining('not valid JSON') });
	});
});

describe('the Base URL', () => {
	it('drops trailing slashes and a pasted /api/v1', () => {
		expect(normaliseBaseUrl(' https://app.referralrocket.io/api/v1/ ')).toBe('https://app.referralrocket.io');
		expect(normaliseBaseUrl('https://app.referralrocket.io//')).toBe('https://app.referralrocket.io');
	});

	it('refuses what is not http(s)', () => {
		expect(baseUrlProblem('')).toMatch(/has no Base URL/);
		expect(baseUrlProblem('ftp://x')).toMatch(/must start with https:\/\//);
		expect(baseUrlProblem('http://127.0.0.1:8789')).toBeUndefined();
	});
});

describe('errors', () => {
	it('reads message, else error, else the status text', () => {
		expect(readReferralRocketError(404, { message: 'Campaign not found', error: 'Not Found' })).toBe('Campaign not found');
		expect(readReferralRocketError(400, { status: 400, error: 'Bad Request', path: '/api/v1/getCampaign' })).toBe('Bad Request');
		expect(readReferralRocketError(503, { message: '  ' })).toBe('Service Unavailable');
		expect(readReferralRocketError(599, undefined)).toBe('HTTP 599');
		expect(readReferralRocketError(502, '<html>gateway</html>')).toBe('Bad Gateway');
		expect(readReferralRocketError(500, 'plain failure')).toBe('plain failure');
	});

	it('says how to fix what the builder can fix', () => {
		expect(howToFix(401)).toMatch(/API Key/);
		expect(howToFix(404)).toMatch(/campaign ID/);
		expect(howToFix(429)).toMatch(/busy/);
		expect(howToFix(302)).toBeUndefined();
	});
});

describe('busyDelayMs', () => {
	it('follows Retry-After in seconds or as a date, else doubles from 1 s, capped', () => {
		expect(busyDelayMs('2', 0, 0)).toBe(2000);
		expect(busyDelayMs('Thu, 01 Jan 1970 00:00:05 GMT', 0, 1000)).toBe(4000);
		expect(busyDelayMs(undefined, 0, 0)).toBe(1000);
		expect(busyDelayMs(undefined, 2, 0)).toBe(4000);
		expect(busyDelayMs('3600', 0, 0)).toBe(MAX_WAIT_MS);
		expect(busyDelayMs(undefined, 10, 0)).toBe(MAX_WAIT_MS);
	});
});

describe('simplify', () => {
	it('keeps the 10 participant fields in order, leaving out what was not sent', () => {
		expect(PARTICIPANT_FIELDS).toHaveLength(10);
		expect(simplify({ fraudScore: 'Low', email: 'a@example.com', referralCode: 'c' }, PARTICIPANT_FIELDS)).toEqual({ email: 'a@example.com', referralCode: 'c' });
	});
});
