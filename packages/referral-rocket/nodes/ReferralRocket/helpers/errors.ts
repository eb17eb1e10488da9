import { STATUS_TEXT } from './statusText';

/**
 * What a Referral Rocket error body says: ErrorDetail's `message`, else Spring's default `error`, else the HTTP
 * status text. A body that is text (a proxy's page) is cut short; undefined when nothing readable is there.
 */
export function readReferralRocketError(statusCode: number, body: unknown): string {
	if (typeof body === 'string' && body.trim() !== '' && !/^\s*</.test(body)) return body.trim().slice(0, 200);
	if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
		const { message, error } = body as { message?: unknown; error?: unknown };
		if (typeof message === 'string' && message.trim() !== '') return message.trim();
		if (typeof error === 'string' && error.trim() !== '') return error.trim();
	}
	return STATUS_TEXT[statusCode] ?? `HTTP ${statusCode}`;
}

/** What the builder can do about an HTTP status. */
export function howToFix(statusCode: number): string | undefined {
	if (statusCode === 401 || statusCode === 403) {
		return 'Referral Rocket wants an API key here: fill in API Key and API Header Name in the Referral Rocket API credential.';
	}
	if (statusCode === 404) return 'Check the campaign ID (Referral Rocket dashboard → Campaign → Settings), the e-mail or code, and the Base URL of the credential.';
	if (statusCode === 400) return 'Referral Rocket refused the request as malformed: check the fields the operation sends.';
	if (statusCode === 429 || statusCode === 503) return 'Referral Rocket is busy: run the workflow again later, or with fewer items at once.';
	if (statusCode >= 500) return 'Referral Rocket is failing: run the workflow again later.';
	return undefined;
}
