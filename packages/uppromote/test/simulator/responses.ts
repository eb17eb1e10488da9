// UpPromote's answers: the `{status,message,data}` envelope and its (assumed, Laravel-style) error bodies.
import type { ApiResponse } from '../../../../testing/simulator/http';

export function success(data: unknown): ApiResponse {
	return { status: 200, body: { status: 200, message: 'success', data } };
}

/** A 422 whose `message` is the first error, with every field's errors under `errors`. */
export function parameterError(errors: Record<string, string[]>): ApiResponse {
	const first = Object.values(errors)[0]?.[0] ?? 'The given data was invalid.';
	return { status: 422, body: { status: 422, message: first, errors } };
}

export function fieldError(field: string, message: string): ApiResponse {
	return parameterError({ [field]: [message] });
}

export const NOT_FOUND: ApiResponse = { status: 404, body: { status: 404, message: 'Not found' } };

export const TOKEN_NOT_PROVIDED: ApiResponse = { status: 401, body: { message: 'Token not provided' } };

export const UNAUTHORIZED: ApiResponse = { status: 401, body: { message: 'Unauthorized' } };

/** UpPromote documents only 500 "Server Error"; an injected 502-504 answers the same shape. */
export function failureBody(status: number): Record<string, unknown> {
	return { status, message: 'Server Error' };
}
