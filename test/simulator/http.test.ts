import { decodePathSegment } from '../../testing/simulator/http';
import { InvalidJsonError, parseJsonFields } from './jsonFields';

describe('parseJsonFields', () => {
	it('keeps the raw literal of each top-level value', () => {
		const fields = parseJsonFields('{ "amountInUSD" : 0.1000000000000000001, "invoiceID":"inv-1", "n": 49.990 }');
		expect(fields.get('amountinusd')).toEqual({ value: 0.1, raw: '0.1000000000000000001' });
		expect(fields.get('invoiceid')).toEqual({ value: 'inv-1', raw: '"inv-1"' });
		expect(fields.get('n')?.raw).toBe('49.990');
	});

	it('matches keys case-insensitively, a later spelling overriding an earlier one, but not snake_case', () => {
		const fields = parseJsonFields('{"customerId":"a","CUSTOMERID":"b","customer_id":"c"}');
		expect(fields.get('customerid')?.value).toBe('b');
		expect(fields.get('customer_id')?.value).toBe('c');
	});

	it('skips nested values and strings holding structural characters', () => {
		const fields = parseJsonFields('{"a":{"b":[1,{"c":"}],{"}]},"s":"x\\"}y","k\\u0041":true,"z":null}');
		expect(fields.get('a')?.value).toEqual({ b: [1, { c: '}],{' }] });
		expect(fields.get('s')?.value).toBe('x"}y');
		expect(fields.get('ka')?.value).toBe(true);
		expect(fields.get('z')).toEqual({ value: null, raw: 'null' });
		expect(parseJsonFields('{}').size).toBe(0);
	});

	it('rejects malformed JSON and non-object bodies', () => {
		for (const body of ['', '{', '{"a":1,}', '[1]', 'null', '"x"']) {
			expect(() => parseJsonFields(body)).toThrow(InvalidJsonError);
		}
	});
});

describe('decodePathSegment', () => {
	it('decodes percent escapes and keeps malformed ones', () => {
		expect(decodePathSegment('a%2Fb%20c')).toBe('a/b c');
		expect(decodePathSegment('%E0%A4%A')).toBe('%E0%A4%A');
	});
});
