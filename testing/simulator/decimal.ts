// Exact decimal arithmetic on strings, for simulators: money must never round-trip through floats.

interface Decimal {
	units: bigint;
	scale: number;
}

const DECIMAL_STRING = /^\d+(\.\d+)?$/;
const NUMBER_LITERAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
// Larger exponents would make BigInt arithmetic explode; no real amount needs them.
const MAX_EXPONENT = 1000;

export function isDecimalString(value: unknown): value is string {
	return typeof value === 'string' && DECIMAL_STRING.test(value);
}

function parse(literal: string): Decimal {
	const match = NUMBER_LITERAL.exec(literal);
	if (!match) throw new Error(`not a decimal number: ${literal}`);
	const [, sign, whole, fraction = '', exponentText = '0'] = match;
	const exponent = Number(exponentText);
	if (Math.abs(exponent) > MAX_EXPONENT) throw new Error(`exponent out of range: ${literal}`);
	let units = BigInt(whole + fraction);
	let scale = fraction.length - exponent;
	if (scale < 0) {
		units *= 10n ** BigInt(-scale);
		scale = 0;
	}
	return { units: sign === '-' ? -units : units, scale };
}

function format({ units, scale }: Decimal): string {
	const negative = units < 0n;
	const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
	const whole = digits.slice(0, digits.length - scale);
	const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
	return `${negative ? '-' : ''}${whole}${fraction}`;
}

function trim(value: Decimal): Decimal {
	let { units, scale } = value;
	while (scale > 0 && units % 10n === 0n) {
		units /= 10n;
		scale--;
	}
	return { units, scale };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
	const scale = Math.max(a.scale, b.scale);
	return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

/** A JSON number literal as a plain decimal string; literals without an exponent come back verbatim. */
export function toPlainDecimal(literal: string): string {
	const decimal = parse(literal);
	return /[eE]/.test(literal) ? format(decimal) : literal;
}

export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
	const [left, right] = align(parse(a), parse(b));
	return left < right ? -1 : left > right ? 1 : 0;
}

export function isPositiveDecimal(value: string): boolean {
	return parse(value).units > 0n;
}

export function addDecimal(a: string, b: string): string {
	const [left, right, scale] = align(parse(a), parse(b));
	return format(trim({ units: left + right, scale }));
}

export function subtractDecimal(a: string, b: string): string {
	const [left, right, scale] = align(parse(a), parse(b));
	return format(trim({ units: left - right, scale }));
}

export function multiplyDecimal(a: string, b: string): string {
	const left = parse(a);
	const right = parse(b);
	return format(trim({ units: left.units * right.units, scale: left.scale + right.scale }));
}

/** a / b truncated toward zero after `scale` fractional digits. */
export function divideDecimal(a: string, b: string, scale: number): string {
	const dividend = parse(a);
	const divisor = parse(b);
	if (divisor.units === 0n) throw new Error('division by zero');
	const numerator = dividend.units * 10n ** BigInt(scale + divisor.scale);
	const denominator = divisor.units * 10n ** BigInt(dividend.scale);
	return format(trim({ units: numerator / denominator, scale }));
}
