import { baseUrlProblem, normaliseBaseUrl } from '../../nodes/UpPromote/helpers/baseUrl';
import { MONEY_KEYS, unwrapEnvelope } from '../../nodes/UpPromote/helpers/envelope';
import { howToFix, isNotFound, readUpPromoteError } from '../../nodes/UpPromote/helpers/errors';
import { RATE_WINDOW_MS, throttleDelayMs } from '../../nodes/UpPromote/helpers/throttle';
import { parseJsonExact } from '../../nodes/UpPromote/kit/exactJson';

describe('unwrapEnvelope', () => {
	it('returns data, for lists and single records, and never the message', () => {
		expect(unwrapEnvelope({ status: 200, message: 'success', data: [{ id: 1 }] })).toEqual([{ id: 1 }]);
		expect(unwrapEnvelope({ status: 200, message: 'success', data: { id: 7 } })).toEqual({ id: 7 });
		expect(unwrapEnvelope({ status: 200, message: 'success', data: null })).toBeNull();
	});

	it('passes a body without an envelope through', () => {
		expect(unwrapEnvelope([1, 2])).toEqual([1, 2]);
		expect(unwrapEnvelope({ id: 3 })).toEqual({ id: 3 });
		expect(unwrapEnvelope(undefined)).toBeUndefined();
	});
});

describe('money in UpPromote answers', () => {
	it('keeps payment amounts sent as numbers as the exact decimal text', () => {
		const text = '{"status":200,"message":"success","data":[{"payment_id":26154,"total_processed":100.10,"total_referrals":1}]}';
		const { exact } = parseJsonExact(text, MONEY_KEYS);
		expect(unwrapEnvelope(exact)).toEqual([{ payment_id: 26154, total_processed: '100.10', total_referrals: 1 }]);
	});

	it('leaves referral amounts, already strings, as sent', () => {
		const { exact } = parseJsonExact('{"data":{"total_sales":"0.00","commission":"12.5"}}', MONEY_KEYS);
		expect(unwrapEnvelope(exact)).toEqual({ total_sales: '0.00', commission: '12.5' });
	});
});

describe('readUpPromoteError', () => {
	it('reads the message and lists the refused fields of a 422', () => {
		expect(
			readUpPromoteError({ status: 422, message: 'Parameter Error', errors: { to_date: ['The to date field is required.'], email: ['taken', 'bad'] } }),
		).toEqual({ message: 'Parameter Error', fields: 'to_date: The to date field is required.; email: taken, bad' });
	});

	it('reads 401 and 429 bodies, which carry only a message', () => {
		expect(readUpPromoteError({ message: 'Unauthorized' })).toEqual({ message: 'Unauthorized', fields: undefined });
		expect(readUpPromoteError({ message: 'Too Many Attempts.' })?.message).toBe('Too Many Attempts.');
	});

	it('gives nothing for bodies without a message, and the start of a text body', () => {
		expect(readUpPromoteError({ status: 500 })).toBeUndefined();
		expect(readUpPromoteError(null)).toBeUndefined();
		expect(readUpPromoteError('   ')).toBeUndefined();
		expect(readUpPromoteError(`<html>${'x'.repeat(500)}`)?.message).toHaveLength(200);
	});
});

describe('isNotFound and howToFix', () => {
	it('treats a 404 and a "not found" 422 alike, and no other 422', () => {
		expect(isNotFound(404, undefined)).toBe(true);
		expect(isNotFound(422, { message: 'Affiliate not found' })).toBe(true);
		expect(isNotFound(422, { message: 'Parameter Error' })).toBe(false);
	});

	it('names the credential on a 401 and the limit on a 429', () => {
		expect(howToFix(401)).toMatch(/API Key of the UpPromote API credential.*without "Bearer"/);
		expect(howToFix(429)).toMatch(/120 requests a minute/);
		expect(howToFix(503)).toMatch(/again later/);
		expect(howToFix(400)).toBeUndefined();
	});
});

describe('throttleDelayMs', () => {
	const now = Date.parse('2026-12-01T10:00:42.500Z');

	it('waits the seconds of Retry-After', () => {
		expect(throttleDelayMs('17', now)).toBe(17000);
		expect(throttleDelayMs(3, now)).toBe(3000);
		expect(throttleDelayMs('0', now)).toBe(0);
	});

	it('waits until an HTTP-date Retry-After', () => {
		expect(throttleDelayMs('Tue, 01 Dec 2026 10:00:50 GMT', now)).toBe(7500);
		expect(throttleDelayMs('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
	});

	it('without a usable Retry-After, waits for the next 60-second window', () => {
		expect(throttleDelayMs(undefined, now)).toBe(17500);
		expect(throttleDelayMs('soon', now)).toBe(17500);
	});

	it('never waits longer than one window', () => {
		expect(throttleDelayMs('3600', now)).toBe(RATE_WINDOW_MS);
	});
});

describe('Base URL', () => {
	it('drops trailing slashes and refuses what is not http(s)', () => {
		expect(normaliseBaseUrl(' https://aff-api.uppromote.com/api/v2// ')).toBe('https://aff-api.uppromote.com/api/v2');
		expect(baseUrlProblem('https://aff-api.uppromote.com/api/v2')).toBeUndefined();
		expect(baseUrlProblem('')).toMatch(/no Base URL/);
		expect(baseUrlProblem('ftp://example.com')).toMatch(/must start with https:\/\//);
	});
});
