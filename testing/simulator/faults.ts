// Injected failures of a simulated API, the way a flaky server or proxy shows them; each simulator names its API path
// prefix and the body of a failure, and may add faults of its own.
import { SimulatorError, type ApiResponse } from './http';

export interface CountedFault {
	count: number;
	/** Only requests whose path starts with this; defaults to every path of the API. */
	pathPrefix?: string;
}

export interface Faults {
	latencyMs?: number;
	failNext?: CountedFault & { status: number };
	/** Destroy the socket without answering. */
	dropNext?: CountedFault;
	/** Answer 200 with a truncated JSON body. */
	malformedNext?: CountedFault;
	/** Answer exactly this, for what the real service may answer but the simulator does not (e.g. an unusual error body). */
	answerNext?: CountedFault & { status: number; body: unknown; headers?: Record<string, string> };
}

export type FaultAction = { kind: 'none' } | { kind: 'drop' } | { kind: 'malformed' } | { kind: 'fail'; response: ApiResponse };

/** What a simulator tells takeFault(): which paths are its API, and how it answers a failure. */
export interface FaultScope {
	apiPrefix: string;
	failureBody: (status: number) => unknown;
}

export function invalidFaults(message: string): never {
	throw new SimulatorError(400, `invalid faults: ${message}`);
}

/** Reads one counted fault (`{count, pathPrefix?}`) of the control API, for a simulator's own faults too. */
export function readCounted(value: unknown, name: string): CountedFault | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object') invalidFaults(`${name} must be an object`);
	const { count, pathPrefix } = value as Record<string, unknown>;
	if (!Number.isInteger(count) || (count as number) < 0) invalidFaults(`${name}.count must be a non-negative integer`);
	if (pathPrefix !== undefined && typeof pathPrefix !== 'string') invalidFaults(`${name}.pathPrefix must be a string`);
	return { count: count as number, ...(pathPrefix !== undefined && { pathPrefix: pathPrefix as string }) };
}

/** Checks the common faults that arrive as JSON over the control API and returns a private copy. */
export function readFaults(input: unknown): Faults {
	if (input === null || input === undefined) return {};
	if (typeof input !== 'object' || Array.isArray(input)) invalidFaults('body must be an object');
	const source = input as Record<string, unknown>;
	const faults: Faults = {};
	if (source.latencyMs !== undefined) {
		if (typeof source.latencyMs !== 'number' || source.latencyMs < 0) invalidFaults('latencyMs must be a non-negative number');
		faults.latencyMs = source.latencyMs;
	}
	const failNext = readCounted(source.failNext, 'failNext');
	if (failNext) {
		const status = (source.failNext as Record<string, unknown>).status;
		if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) invalidFaults('failNext.status must be an HTTP error status');
		faults.failNext = { ...failNext, status: status as number };
	}
	const dropNext = readCounted(source.dropNext, 'dropNext');
	if (dropNext) faults.dropNext = dropNext;
	const malformedNext = readCounted(source.malformedNext, 'malformedNext');
	if (malformedNext) faults.malformedNext = malformedNext;
	const answerNext = readCounted(source.answerNext, 'answerNext');
	if (answerNext) {
		const { status, body, headers } = source.answerNext as Record<string, unknown>;
		if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) invalidFaults('answerNext.status must be an HTTP status');
		if (headers !== undefined && (headers === null || typeof headers !== 'object' || Object.values(headers).some((value) => typeof value !== 'string'))) {
			invalidFaults('answerNext.headers must be an object of strings');
		}
		faults.answerNext = { ...answerNext, status: status as number, body, ...(headers !== undefined && { headers: headers as Record<string, string> }) };
	}
	return faults;
}

/** Whether a counted fault applies to this request; uses up one count when it does. */
export function consume(fault: CountedFault | undefined, path: string, apiPrefix: string): boolean {
	if (!fault || fault.count <= 0 || !path.startsWith(fault.pathPrefix ?? apiPrefix)) return false;
	fault.count--;
	return true;
}

/** Decides what happens to one API request, using up one count of the fault that applies. */
export function takeFault(faults: Faults, path: string, scope: FaultScope): FaultAction {
	if (!path.startsWith(scope.apiPrefix)) return { kind: 'none' };
	if (consume(faults.dropNext, path, scope.apiPrefix)) return { kind: 'drop' };
	if (faults.failNext && consume(faults.failNext, path, scope.apiPrefix)) {
		const status = faults.failNext.status;
		return { kind: 'fail', response: { status, body: scope.failureBody(status) } };
	}
	if (consume(faults.malformedNext, path, scope.apiPrefix)) return { kind: 'malformed' };
	if (faults.answerNext && consume(faults.answerNext, path, scope.apiPrefix)) {
		const { status, body, headers } = faults.answerNext;
		return { kind: 'fail', response: { status, body, ...(headers && { headers }) } };
	}
	return { kind: 'none' };
}
