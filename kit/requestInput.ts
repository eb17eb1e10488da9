// What a builder types for a Custom API Call or a JSON field, checked before anything is sent.

/**
 * Why a Custom API Call path cannot be sent, or undefined: a full URL, `//host`, `\`, `?`, `#` or a `.`/`..`
 * segment would let the credential leave for another host or climb out of the API named by `apiPrefix` (`/api/v2`).
 */
export function unsafePathProblem(path: string, apiPrefix: string): string | undefined {
	const trimmed = path.trim();
	if (trimmed === '') return 'Path is empty';
	if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return `Path must be relative to ${apiPrefix}, not a full URL (got "${trimmed}")`;
	if (/[\\?#]/.test(trimmed)) return `Path must not contain "\\", "?" or "#"; put query parameters under Query Parameters (got "${trimmed}")`;
	const segments = trimmed.split('/').map((segment) => {
		try {
			return decodeURIComponent(segment);
		} catch {
			return segment;
		}
	});
	if (segments.some((segment) => segment === '..' || segment === '.')) return `Path must not contain "." or ".." segments (got "${trimmed}")`;
	return undefined;
}

/** The path after `apiPrefix`, without a leading slash: a path copied from the service's docs often starts with it. */
export function pathAfterPrefix(path: string, apiPrefix: string): string {
	const withSlash = `/${path.trim().replace(/^\/+/, '')}`;
	const prefix = apiPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return withSlash.replace(new RegExp(`^${prefix}(?=/|$)`, 'i'), '').replace(/^\/+/, '');
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
