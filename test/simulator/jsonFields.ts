// PayRam matches JSON keys case-insensitively and keeps number literals as sent: top-level fields of a request body.

export interface JsonField {
	value: unknown;
	/** The value's source text, so a number literal such as 49.990 survives unrounded. */
	raw: string;
}

/** Top-level members of a JSON object, keyed by lower-cased name (PayRam matches keys case-insensitively). */
export type JsonFields = Map<string, JsonField>;

export class InvalidJsonError extends Error {}

function skipWhitespace(text: string, at: number): number {
	while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
	return at;
}

/** Index just past the JSON value starting at `at`; the text is known to be valid JSON. */
function skipValue(text: string, at: number): number {
	const first = text[at];
	if (first === '"') {
		let i = at + 1;
		while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
		return i + 1;
	}
	if (first === '{' || first === '[') {
		let depth = 0;
		let i = at;
		do {
			const char = text[i];
			if (char === '"') {
				i = skipValue(text, i);
				continue;
			}
			if (char === '{' || char === '[') depth++;
			if (char === '}' || char === ']') depth--;
			i++;
		} while (depth > 0);
		return i;
	}
	let i = at;
	while (i < text.length && !',}] \t\n\r'.includes(text[i])) i++;
	return i;
}

/**
 * Parses a JSON object body, keeping each top-level member's source text.
 * A later key that differs only in case overrides an earlier one, as PayRam's decoder does.
 */
export function parseJsonFields(text: string): JsonFields {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new InvalidJsonError('malformed JSON body');
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new InvalidJsonError('JSON body must be an object');
	}
	const fields: JsonFields = new Map();
	let at = skipWhitespace(text, skipWhitespace(text, 0) + 1);
	while (text[at] !== '}') {
		const keyEnd = skipValue(text, at);
		const key = JSON.parse(text.slice(at, keyEnd)) as string;
		const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
		const valueEnd = skipValue(text, valueStart);
		const raw = text.slice(valueStart, valueEnd);
		fields.set(key.toLowerCase(), { value: JSON.parse(raw), raw });
		at = skipWhitespace(text, valueEnd);
		if (text[at] === ',') at = skipWhitespace(text, at + 1);
	}
	return fields;
}

export function fieldValue(fields: JsonFields, name: string): unknown {
	return fields.get(name.toLowerCase())?.value;
}
