// Injected failures of the PayRam API (/api/v1/* only), the way a flaky server or proxy shows them.
import { SimulatorError } from './errors';
import type { ApiResponse } from '../../testing/simulator/http';

export interface CountedFault {
	count: number;
	/** Only requests whose path starts with this; defaults to every /api/v1/ path. */
	pathPrefix?: string;
}

export interface Faults {
	latencyMs?: number;
	failNext?: CountedFault & { status: number };
	/** Destroy the socket without answering. */
	dropNext?: CountedFault;
	/** Answer 200 with a truncated JSON body. */
	malformedNext?: CountedFault;
	/** Create-payment answers PayRam's "code 5" (project setup incomplete) with this HTTP status. */
	code5?: { status: 200 | 500 } | null;
}

export type FaultAction = { kind: 'none' } | { kind: 'drop' } | { kind: 'malformed' } | { kind: 'fail'; response: ApiResponse };

export const API_PREFIX = '/api/v1/';

const FAILURE_CODES: Record<number, string> = {
	500: 'INTERNAL_ERROR',
	502: 'BAD_GATEWAY',
	503: 'SERVICE_UNAVAILABLE',
	504: 'GATEWAY_TIMEOUT',
};

function invalid(message: string): never {
	throw new SimulatorError(400, `invalid faults: ${message}`);
}

function readCounted(value: unknown, name: string): CountedFault | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object') invalid(`${name} must be an object`);
	const { count, pathPrefix } = value as Record<string, unknown>;
	if (!Number.isInteger(count) || (count as number) < 0) invalid(`${name}.count must be a non-negative integer`);
	if (pathPrefix !== undefined && typeof pathPrefix !== 'string') invalid(`${name}.pathPrefix must be a string`);
	return { count: count as number, ...(pathPrefix !== undefined && { pathPrefix: pathPrefix as string }) };
}

/** Checks faults that arrive as JSON over the control API and returns a private copy. */
export function readFaults(input: unknown): Faults {
	if (input === null || input === undefined) return {};
	if (typeof input !== 'object' || Array.isArray(input)) invalid('body must be an object');
	const source = input as Record<string, unknown>;
	const faults: Faults = {};
	if (source.latencyMs !== undefined) {
		if (typeof source.latencyMs !== 'number' || source.latencyMs < 0) invalid('latencyMs must be a non-negative number');
		faults.latencyMs = source.latencyMs;
	}
	const failNext = readCounted(source.failNext, 'failNext');
	if (failNext) {
		const status = (source.failNext as Record<string, unknown>).status;
		if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) invalid('failNext.status must be an HTTP error status');
		faults.failNext = { ...failNext, status: status as number };
	}
	const dropNext = readCounted(source.dropNext, 'dropNext');
	if (dropNext) faults.dropNext = dropNext;
	const malformedNext = readCounted(source.malformedNext, 'malformedNext');
	if (malformedNext) faults.malformedNext = malformedNext;
	if (source.code5 !== undefined && source.code5 !== null) {
		const status = (source.code5 as Record<string, unknown>).status;
		if (status !== 200 && status !== 500) invalid('code5.status must be 200 or 500');
		faults.code5 = { status };
	}
	return faults;
}

function consume(fault: CountedFault | undefined, path: string): boolean {
	if (!fault || fault.count <= 0 || !path.startsWith(fault.pathPrefix ?? API_PREFIX)) return false;
	fault.count--;
	return true;
}

/** Decides what happens to one API request, using up one count of the fault that applies. */
export function takeFault(faults: Faults, path: string): FaultAction {
	if (!path.startsWith(API_PREFIX)) return { kind: 'none' };
	if (consume(faults.dropNext, path)) return { kind: 'drop' };
	if (faults.failNext && consume(faults.failNext, path)) {
		const status = faults.failNext.status;
		const code = FAILURE_CODES[status] ?? 'SIMULATED_FAILURE';
		return { kind: 'fail', response: { status, body: { error: { code, message: `simulated ${status} failure` } } } };
	}
	if (consume(faults.malformedNext, path)) return { kind: 'malformed' };
	return { kind: 'none' };
}
