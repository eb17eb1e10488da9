/** Turns what a merchant pastes as "Server URL" into the base URL the API paths hang off. */
export function normaliseServerUrl(raw: string): string {
	let url = String(raw ?? '').trim();
	if (url === '') return '';
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `https://${url}`;
	url = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
	// Merchants often paste an endpoint from PayRam's docs; the nodes add /api/v1 themselves.
	url = url.replace(/\/api\/v1(\/.*)?$/i, '').replace(/\/api$/i, '').replace(/\/+$/, '');
	return url;
}

/** Says why a normalised server URL cannot be used, or returns undefined when it can. */
export function serverUrlProblem(url: string, allowInsecure: boolean): string | undefined {
	if (url === '') return 'The PayRam credential has no Server URL';
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `The Server URL "${url}" is not a valid URL`;
	}
	if (parsed.protocol === 'https:') return undefined;
	if (parsed.protocol === 'http:') {
		return allowInsecure
			? undefined
			: `The Server URL uses plain http (${url}). Use https, or turn on "Allow Insecure Connection" in the PayRam credential for a legacy server`;
	}
	return `The Server URL must start with https:// (got ${parsed.protocol}//)`;
}

/**
 * The base URL the credential's test requests: the nodes' URL, or "" (no request can be built, so the key is not
 * sent) where the nodes refuse it: plain http without Allow Insecure Connection. Self-contained: the credential's
 * expression is generated from its source and normaliseServerUrl's.
 */
export function credentialTestBaseUrl(normalise: (raw: string) => string, raw: string, allowInsecure: unknown): string {
	const url = normalise(raw);
	return /^http:/i.test(url) && allowInsecure !== true ? '' : url;
}

/** The credential's base URL expression: the functions above, as n8n evaluates credential expressions. */
export const CREDENTIAL_BASE_URL_EXPRESSION = `={{ (${credentialTestBaseUrl.toString()})(${normaliseServerUrl.toString()}, $credentials.url, $credentials.allowInsecure) }}`;
