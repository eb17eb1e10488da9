/** The credential's Base URL without the trailing slashes a pasted address often has. */
export function normaliseBaseUrl(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

/** Why a Base URL cannot be used, or undefined: the key must never travel over something that is not http(s). */
export function baseUrlProblem(url: string): string | undefined {
	if (url === '') return 'The UpPromote API credential has no Base URL; use https://aff-api.uppromote.com/api/v2.';
	if (!/^https?:\/\/[^/\s]+/i.test(url)) {
		return `The Base URL of the UpPromote API credential must start with https://, e.g. https://aff-api.uppromote.com/api/v2.`;
	}
	return undefined;
}
