// PayRam answers errors in a different shape per endpoint family; the simulator reproduces each.
import type { ApiResponse } from '../../testing/simulator/http';

export { SimulatorError } from '../../testing/simulator/http';

export type EndpointFamily = 'payments' | 'referrals' | 'payouts';

export function unauthorized(family: EndpointFamily): ApiResponse {
	switch (family) {
		case 'payments':
			return { status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'Unauthorised access!' } } };
		case 'payouts':
			return { status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'Invalid or missing API key' } } };
		case 'referrals':
			return { status: 401, body: { error: 'Unauthorized', message: 'Invalid API key' } };
	}
}

export function invalidJson(family: EndpointFamily, reason: string): ApiResponse {
	switch (family) {
		case 'payments':
			return invalidPaymentRequest(reason);
		case 'payouts':
			return { status: 400, body: { error: { code: 'BAD_REQUEST', message: reason } } };
		case 'referrals':
			return { status: 400, body: { error: 'Bad Request', message: reason } };
	}
}

export function invalidPaymentRequest(reason: string): ApiResponse {
	return { status: 400, body: { code: 3, message: `The request is invalid. ${reason}` } };
}

export function referralValidationFailed(details: Record<string, string>): ApiResponse {
	return {
		status: 422,
		body: { error: 'Validation failed', message: Object.values(details).join('; '), details },
	};
}

export function referralConflict(message: string): ApiResponse {
	return { status: 409, body: { error: 'Conflict', message } };
}

export function payoutValidationFailed(fields: Record<string, string>): ApiResponse {
	return { status: 400, body: { error: 'Validation failed', message: 'Invalid request data', fields } };
}

export const ROUTE_NOT_FOUND: ApiResponse = {
	status: 404,
	body: { error: { code: 'NOT_FOUND', message: 'route not found' } },
};
