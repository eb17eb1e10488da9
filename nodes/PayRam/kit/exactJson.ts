// Copied from kit/exactJson.ts by `npm run kit`: edit that file, not this copy.
// Exact-decimal JSON: money read and written digit for digit, never through a float; a repeated key is refused.
import type { IDataObject } from 'n8n-workflow';

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

/** A JSON text that names one key twice in an object: JSON.parse keeps the last, a proxy may read the first. */
export class DuplicateKeyError extends SyntaxError {}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** One pass over a JSON text: each value as JSON.parse gives it, and the same with money as exact decimal text. */
class ExactJsonReader {
	private at = 0;

	constructor(
		private readonly text: string,
		private readonly moneyKeys: ReadonlySet<string>,
	) {}

	read(): { value: unknown; exact: unknown } {
		const result = this.value(0);
		this.skipWhitespace();
		if (this.at !== this.text.length) this.fail();
		return result;
	}

	private fail(): never {
		throw new SyntaxError(`Unexpected token in JSON at position ${this.at}`);
	}

	private skipWhitespace(): void {
		WHITESPACE.lastIndex = this.at;
		WHITESPACE.exec(this.text);
		this.at = WHITESPACE.lastIndex;
	}

	private token(pattern: RegExp): string {
		pattern.lastIndex = this.at;
		const match = pattern.exec(this.text);
		if (!match) this.fail();
		this.at = pattern.lastIndex;
		return match[0];
	}

	private literal(word: string, value: unknown): { value: unknown; exact: unknown } {
		if (!this.text.startsWith(word, this.at)) this.fail();
		this.at += word.length;
		return { value, exact: value };
	}

	private value(depth: number): { value: unknown; exact: unknown } {
		if (depth > MAX_DEPTH) throw new SyntaxError('JSON nested too deeply');
		this.skipWhitespace();
		const next = this.text[this.at];
		if (next === '{') return this.object(depth);
		if (next === '[') return this.array(depth);
		if (next === '"') {
			const text = JSON.parse(this.token(STRING)) as string;
			return { value: text, exact: text };
		}
		if (next === 't') return this.literal('true', true);
		if (next === 'f') return this.literal('false', false);
		if (next === 'n') return this.literal('null', null);
		const number = this.token(NUMBER);
		return { value: Number(number), exact: number };
	}

	/** Steps over an opening bracket; true (and past the closing one) when the array or object is empty. */
	private isEmpty(closing: string): boolean {
		this.at += 1;
		this.skipWhitespace();
		if (this.text[this.at] !== closing) return false;
		this.at += 1;
		return true;
	}

	private array(depth: number): { value: unknown[]; exact: unknown[] } {
		const value: unknown[] = [];
		const exact: unknown[] = [];
		if (this.isEmpty(']')) return { value, exact };
		for (;;) {
			const element = this.value(depth + 1);
			value.push(element.value);
			exact.push(typeof element.value === 'number' ? element.value : element.exact);
			this.skipWhitespace();
			const separator = this.text[this.at++];
			if (separator === ']') return { value, exact };
			if (separator !== ',') this.fail();
		}
	}

	private object(depth: number): { value: IDataObject; exact: IDataObject } {
		const value: IDataObject = {};
		const exact: IDataObject = {};
		if (this.isEmpty('}')) return { value, exact };
		for (;;) {
			this.skipWhitespace();
			if (this.text[this.at] !== '"') this.fail();
			const key = JSON.parse(this.token(STRING)) as string;
			if (Object.prototype.hasOwnProperty.call(value, key)) {
				throw new DuplicateKeyError(`the key "${key.slice(0, 64)}" appears twice in one object`);
			}
			this.skipWhitespace();
			if (this.text[this.at++] !== ':') this.fail();
			const member = this.value(depth + 1);
			// Money sent as a JSON number keeps its digits; any other number stays a number.
			const exactMember =
				typeof member.value === 'number' ? (this.moneyKeys.has(key) ? plainDecimal(member.exact as string) : member.value) : member.exact;
			// defineProperty: a "__proto__" key is data, as with JSON.parse, never the object's prototype.
			Object.defineProperty(value, key, { value: member.value, enumerable: true, writable: true, configurable: true });
			Object.defineProperty(exact, key, { value: exactMember, enumerable: true, writable: true, configurable: true });
			this.skipWhitespace();
			const separator = this.text[this.at++];
			if (separator === '}') return { value, exact };
			if (separator !== ',') this.fail();
		}
	}
}

/**
 * Parses JSON once, refusing a key repeated in any object (DuplicateKeyError): `value` is what JSON.parse
 * gives, `exact` the same with every amount under one of `moneyKeys` sent as a number kept as its exact decimal text.
 */
export function parseJsonExact(text: string, moneyKeys: ReadonlySet<string>): { value: unknown; exact: unknown } {
	return new ExactJsonReader(text, moneyKeys).read();
}

/**
 * Serialises a request body whose money fields must be JSON numbers without passing
 * through a float: the validated decimal string (signed or not) is written into the JSON as is.
 */
export function jsonWithDecimalNumbers(body: IDataObject, decimalKeys: readonly string[]): string {
	const marker = '\u0000decimal:';
	const marked: IDataObject = { ...body };
	for (const key of decimalKeys) {
		if (typeof marked[key] === 'string') marked[key] = `${marker}${marked[key] as string}`;
	}
	// JSON numbers cannot start with 0: "007" is written as 7, "-00.50" as -0.50 (trailing zeros stay).
	return JSON.stringify(marked).replace(/"\\u0000decimal:(-?)(\d+(?:\.\d+)?)"/g, (_match, sign: string, decimal: string) =>
		`${sign}${decimal.replace(/^0+(?=\d)/, '')}`,
	);
}

/** An HTTP answer's body read as JSON with amounts under `moneyKeys` kept exact; empty is undefined, text that is not JSON stays text. */
export function readJsonAnswer(raw: unknown, moneyKeys: ReadonlySet<string>): unknown {
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
	if (typeof text !== 'string') return text;
	if (text.trim() === '') return undefined;
	try {
		return parseJsonExact(text, moneyKeys).exact;
	} catch {
		return text;
	}
}
