// Control routes every simulator has under /__sim/ (no key): start again from the seeded state, inject faults; and
// how a simulator answers its control calls.
import { decodePathSegment, SimulatorError, withoutSecrets, type ApiResponse } from './http';

/** What the shared routes need of a simulator; its setFaults() checks what arrives and throws SimulatorError. */
export interface ControlledSimulator {
	reset(): void;
	setFaults(faults: never): void;
	readonly faults: unknown;
}

export interface SharedControlRoute<Simulator> {
	method: 'POST';
	pattern: RegExp;
	handle(sim: Simulator, params: string[], body: unknown): unknown;
}

export function resetAndFaultRoutes<Simulator extends ControlledSimulator>(): SharedControlRoute<Simulator>[] {
	return [
		{
			method: 'POST',
			pattern: /^\/__sim\/reset$/,
			handle: (sim) => {
				sim.reset();
				return { reset: true };
			},
		},
		{
			method: 'POST',
			pattern: /^\/__sim\/faults$/,
			handle: (sim, _params, body) => {
				sim.setFaults((body ?? {}) as never);
				return { faults: sim.faults };
			},
		},
	];
}

/** A control call's JSON body: `{}` when empty; anything but a JSON object is a 400. */
export function readControlBody(rawBody: string): Record<string, unknown> {
	if (rawBody.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody);
	} catch {
		throw new SimulatorError(400, 'control body must be JSON');
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SimulatorError(400, 'control body must be a JSON object');
	return parsed as Record<string, unknown>;
}

export interface ControlAnswerOptions {
	/** Read once the route has run (a call may set a new key): each is replaced by `[redacted]` in the answer. */
	secrets: () => string[];
	/** The simulator's own refusal errors as the API answers them; undefined for any other error. */
	refusal?: (error: unknown) => ApiResponse | undefined;
}

/**
 * Runs the control route matching `method` and `path` (404 when none does) with its decoded path parameters and
 * JSON body; answers its result without secrets, a SimulatorError as `{error}` with its status.
 */
export async function answerControl<Route extends { method: string; pattern: RegExp }>(
	routes: readonly Route[],
	method: string,
	path: string,
	rawBody: string,
	run: (route: Route, params: string[], body: Record<string, unknown>) => unknown,
	options: ControlAnswerOptions,
): Promise<ApiResponse> {
	const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
	if (!route) return { status: 404, body: { error: `no control route ${method} ${path}` } };
	try {
		const params = route.pattern.exec(path)!.slice(1).map(decodePathSegment);
		const result = await run(route, params, readControlBody(rawBody));
		return { status: 200, body: withoutSecrets(result, options.secrets()) };
	} catch (error) {
		if (error instanceof SimulatorError) return { status: error.status, body: { error: error.message } };
		const refused = options.refusal?.(error);
		if (refused) return refused;
		throw error;
	}
}
