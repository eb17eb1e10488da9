import { pathAfterPrefix, unsafePathProblem } from '../kit/requestInput';

// Dot-atom local part and host-name labels, the addresses an affiliate can sign up with.
const EMAIL =
	/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;
const SIGNED_DECIMAL = /^-?\d+(\.\d+)?$/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

export function isEmail(value: string): boolean {
	return EMAIL.test(value);
}

/** An UpPromote record ID as the digits sent in a path or body, or undefined when it is not a whole number > 0. */
export function recordId(value: unknown): string | undefined {
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
	return /^\d+$/.test(text) && /[1-9]/.test(text) ? text.replace(/^0+/, '') : undefined;
}

/**
 * An adjustment as exact decimal text, positive or negative and never zero ("-5", "12.50"); numbers from
 * expressions keep their shortest form and are refused in exponent form rather than rounded.
 */
export function signedDecimal(value: unknown): string | undefined {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		text = String(value);
	} else if (typeof value === 'string') {
		text = value.trim().replace(/^\+/, '');
	} else {
		return undefined;
	}
	if (!SIGNED_DECIMAL.test(text)) return undefined;
	return /[1-9]/.test(text) ? text : undefined;
}

/**
 * A date filter as UpPromote reads it, `YYYY-MM-DDTHH:MM:SSZ` in UTC. Text without a zone (what n8n's date
 * picker gives) is read as UTC; a date alone is its midnight. Undefined when it is no date.
 */
export function upPromoteDate(value: unknown): string | undefined {
	const iso =
		value !== null && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function'
			? String((value as { toISO: () => string }).toISO())
			: value instanceof Date
				? value.toISOString()
				: typeof value === 'string'
					? value.trim()
					: '';
	if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?/.test(iso)) return undefined;
	const withTime = iso.length === 10 ? `${iso}T00:00:00` : iso.replace(' ', 'T');
	const time = Date.parse(ZONE.test(withTime) ? withTime : `${withTime}Z`);
	if (!Number.isFinite(time)) return undefined;
	return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The path a Custom API Call sends, relative to the credential's Base URL (which ends in /api/v2), or why it cannot be sent. */
export function customApiPath(path: string): { path: string } | { problem: string } {
	const problem = unsafePathProblem(path, '/api/v2');
	return problem ? { problem } : { path: `/${pathAfterPrefix(path, '/api/v2')}` };
}

export { jsonObject } from '../kit/requestInput';
