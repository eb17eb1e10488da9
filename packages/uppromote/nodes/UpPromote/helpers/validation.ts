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

/**
 * The path a Custom API Call sends, relative to the credential's Base URL (which ends in /api/v2), or why it
 * cannot be sent: the key must never leave for another host or climb out of the API.
 */
export function customApiPath(path: string): { path: string } | { problem: string } {
	const trimmed = path.trim();
	if (trimmed === '') return { problem: 'Path is empty' };
	if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) {
		return { problem: `Path must be relative to /api/v2, not a full URL (got "${trimmed}")` };
	}
	if (/[\\?#]/.test(trimmed)) return { problem: `Path must not contain "\\", "?" or "#"; put query parameters under Query Parameters (got "${trimmed}")` };
	const segments = trimmed.split('/').map((segment) => {
		try {
			return decodeURIComponent(segment);
		} catch {
			return segment;
		}
	});
	if (segments.some((segment) => segment === '..' || segment === '.')) {
		return { problem: `Path must not contain "." or ".." segments (got "${trimmed}")` };
	}
	const withSlash = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
	// A path copied from UpPromote's docs starts with /api/v2, which the Base URL already ends in.
	const relative = withSlash.replace(/^\/api\/v2(?=\/|$)/i, '');
	return { path: relative === '' ? '/' : relative };
}

/** A JSON object typed by the builder (Additional Fields, Body, Query Parameters), or why it is not one. */
export function jsonObject(value: unknown): { object: Record<string, unknown> } | { problem: string } {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return { object: {} };
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return { problem: `it is not valid JSON (${(error as Error).message})` };
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { problem: 'it must be a JSON object, e.g. {"company": "Acme"}' };
	return { object: parsed as Record<string, unknown> };
}
