import {
	addDecimal,
	compareDecimal,
	divideDecimal,
	isDecimalString,
	isPositiveDecimal,
	multiplyDecimal,
	subtractDecimal,
	toPlainDecimal,
} from './decimal';

describe('decimal strings', () => {
	it('recognises the payout amount pattern only', () => {
		expect(isDecimalString('250.75')).toBe(true);
		expect(isDecimalString('0.1000000000000000001')).toBe(true);
		for (const bad of ['1.', '.5', '-1', '1e3', ' 1', '', 12]) expect(isDecimalString(bad)).toBe(false);
	});

	it('keeps literals without an exponent verbatim and expands exponents exactly', () => {
		expect(toPlainDecimal('49.990')).toBe('49.990');
		expect(toPlainDecimal('0.1000000000000000001')).toBe('0.1000000000000000001');
		expect(toPlainDecimal('1.5e2')).toBe('150');
		expect(toPlainDecimal('25E-3')).toBe('0.025');
		expect(toPlainDecimal('-2e-2')).toBe('-0.02');
		expect(() => toPlainDecimal('1e100000')).toThrow(/exponent/);
	});

	it('compares and checks the sign without floats', () => {
		expect(compareDecimal('500', '500.000')).toBe(0);
		expect(compareDecimal('500.0000000000000001', '500')).toBe(1);
		expect(compareDecimal('0.1', '0.10000000000000001')).toBe(-1);
		expect(isPositiveDecimal('0.000')).toBe(false);
		expect(isPositiveDecimal('-0')).toBe(false);
		expect(isPositiveDecimal('0.0000000000000000001')).toBe(true);
	});

	it('adds, subtracts, multiplies and divides exactly', () => {
		expect(addDecimal('0.1', '0.2')).toBe('0.3');
		expect(subtractDecimal('49.990', '24.995')).toBe('24.995');
		expect(subtractDecimal('1', '2.5')).toBe('-1.5');
		expect(multiplyDecimal('0.1000000000000000001', '3000')).toBe('300.0000000000000003');
		expect(multiplyDecimal('49.990', '0.5')).toBe('24.995');
		expect(divideDecimal('100', '3000', 18)).toBe('0.033333333333333333');
		expect(divideDecimal('1', '0.25', 6)).toBe('4');
		expect(() => divideDecimal('1', '0', 2)).toThrow();
	});
});
