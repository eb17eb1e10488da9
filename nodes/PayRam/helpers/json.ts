import type { IDataObject } from 'n8n-workflow';

/** Response keys that carry money; PayRam may send them as JSON numbers on older servers. */
const MONEY_KEYS = [
	'amount',
	'amountInUSD',
	'amountInUsd',
	'filledAmount',
	'filledAmountInUSD',
	'filled_amount',
	'filled_amount_in_usd',
	'priceInUSD',
	'fee',
];

const MONEY_NUMBER = new RegExp(
	`("(?:${MONEY_KEYS.join('|')})"\\s*:\\s*)(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)(?=\\s*[,}\\]])`,
	'g',
);

/** Writes a JSON number literal in exponent form (5e-7, 1.5E+3) as plain decimal text, digit for digit. */
export function plainDecimal(literal: string): string {
	const match = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(literal);
	if (!match) return literal;
	const [, sign, whole, fraction = '', exponentText] = match;
	const digits = `${whole}${fraction}`;
	const point = whole.length + Number(exponentText);
	const padded = point <= 0 ? `${'0'.repeat(1 - point)}${digits}` : digits.padEnd(point, '0');
	const at = Math.max(point, 1);
	const integer = padded.slice(0, at).replace(/^0+(?=\d)/, '');
	const decimals = padded.slice(at).replace(/0+$/, '');
	return `${sign}${integer}${decimals ? `.${decimals}` : ''}`;
}

/**
 * One spelling per amount, for comparing and hashing: "10.50", "010.5", 10.5 and "1.05e1" all read "10.5".
 * Digits are moved, never computed, so no float rounding; text that is not a decimal comes back trimmed.
 */
export function canonicalDecimal(value: unknown): string {
	if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value))) return '';
	const plain = plainDecimal(String(value).trim());
	const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(plain);
	if (!match) return plain;
	const [, sign, whole, fraction = ''] = match;
	const integer = whole.replace(/^0+(?=\d)/, '');
	const decimals = fraction.replace(/0+$/, '');
	const digits = `${integer}${decimals ? `.${decimals}` : ''}`;
	return digits === '0' ? '0' : `${sign}${digits}`;
}

/** Parses a PayRam JSON body keeping every money amount as the exact decimal text that was sent. */
export function parsePayRamJson(text: string): unknown {
	return JSON.parse(text.replace(MONEY_NUMBER, (_match, key: string, literal: string) => `${key}"${plainDecimal(literal)}"`));
}

/**
 * Serialises a request body whose money fields must be JSON numbers without passing
 * through a float: the validated decimal string is written into the JSON as is.
 */
export function jsonWithDecimalNumbers(body: IDataObject, decimalKeys: readonly string[]): string {
	const marker = '\u0000decimal:';
	const marked: IDataObject = { ...body };
	for (const key of decimalKeys) {
		if (typeof marked[key] === 'string') marked[key] = `${marker}${marked[key] as string}`;
	}
	// JSON numbers cannot start with 0: "007" is written as 7, "00.50" as 0.50 (trailing zeros stay).
	return JSON.stringify(marked).replace(/"\\u0000decimal:(\d+(?:\.\d+)?)"/g, (_match, decimal: string) =>
		decimal.replace(/^0+(?=\d)/, ''),
	);
}
