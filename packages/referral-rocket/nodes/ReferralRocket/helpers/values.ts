// Checks of what the builder typed, before anything is sent: e-mails, campaign ids, codes, API paths, JSON objects.

// Dot-atom local part and host-name labels: the addresses a participant can sign up with.
const EMAIL =
	/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

// Campaign ids (`JCu82f30F1`) and referral codes (`8Mnu09TD`) are short alphanumeric tokens; a space or a slash is a paste gone wrong.
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

export function isEmail(value: string): boolean {
	return EMAIL.test(value);
}

export function isToken(value: string): boolean {
	return TOKEN.test(value);
}

/**
 * The path a Custom API Call sends, always under `/api/v1/` of the credential's Base URL, or why it cannot be sent:
 * an optional API key must never leave for another host or climb out of the API.
 */
export function apiPath(path: string): { path: string } | { problem: string } {
	const trimmed = path.trim();
	if (trimmed === '') return { problem: 'Path is empty' };
	if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) {
		return { problem: `Path must be relative to /api/v1, not a full URL (got "${trimmed}")` };
	}
	if (/[\\?#]/.test(trimmed)) return { problem: `Path must not contain "\\", "?" or "#"; put query parameters under Query Parameters (got "${trimmed}")` };
	const segments = trimmed.split('/').map((segment) => {
		try {
			return decodeURIComponent(segment);
		} catch {
			return segment;
		}
	});
	if (segments.some((segment) => segment === '..' || segment === '.')) return { problem: `Path must not contain "." or ".." segments (got "${trimmed}")` };
	const relative = trimmed.replace(/^\/+/, '').replace(/^api\/v1(\/|$)/i, '');
	if (relative === '') return { problem: 'Path names no endpoint; give one under /api/v1, e.g. /getCampaign' };
	return { path: `/api/v1/${relative}` };
}

/** A JSON object typed by the builder (Query Parameters, Body), or why it is not one. */
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
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { problem: 'it must be a JSON object, e.g. {"email": "jane@example.com"}' };
	return { object: parsed as Record<string, unknown> };
}
