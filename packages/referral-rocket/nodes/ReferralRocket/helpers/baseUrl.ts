/** Referral Rocket's app, where its API lives under /api/v1. */
export const DEFAULT_BASE_URL = 'https://app.referralrocket.io';

/** The credential's Base URL without trailing slashes or a pasted `/api/v1`: the paths carry that part. */
export function normaliseBaseUrl(url: string): string {
	return url.trim().replace(/\/+$/, '').replace(/\/api\/v1$/i, '');
}

/** Why a Base URL cannot be used, or undefined: the optional key must never travel over something that is not http(s). */
export function baseUrlProblem(url: string): string | undefined {
	if (url === '') return `The Referral Rocket API credential has no Base URL; use ${DEFAULT_BASE_URL}.`;
	if (!/^https?:\/\/[^/\s]+/i.test(url)) return `The Base URL of the Referral Rocket API credential must start with https://, e.g. ${DEFAULT_BASE_URL}.`;
	return undefined;
}
