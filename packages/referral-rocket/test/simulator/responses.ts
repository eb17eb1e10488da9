// Referral Rocket's error answers (assumed, Spring Boot): ErrorDetail for its own refusals, Spring's default body for the framework's.
import { STATUS_CODES } from 'node:http';
import type { ApiResponse } from '../../../../testing/simulator/http';
import { springTime } from './state';

export function ok(body: unknown): ApiResponse {
	return { status: 200, body };
}

/** The service's own refusal: `{timestamp, message, details: "uri=<path>"}` (ErrorDetail; fields assumed). */
export function errorDetail(status: number, message: string, path: string): ApiResponse {
	return { status, body: { timestamp: springTime(new Date()), message, details: `uri=${path}` } };
}

/** Spring Boot's default error body (no `message` since Spring Boot 2.3): a missing parameter, bad JSON, a 401. */
export function springError(status: number, path: string): ApiResponse {
	return { status, body: { timestamp: springTime(new Date()), status, error: STATUS_CODES[status] ?? 'Error', path } };
}

/** What an injected failure answers: Spring's default body, as a proxy or the framework would send it. */
export function failureBody(status: number): Record<string, unknown> {
	return { timestamp: springTime(new Date()), status, error: STATUS_CODES[status] ?? 'Error', path: '' };
}
