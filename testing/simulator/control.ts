// Control routes every simulator has under /__sim/ (no key): start again from the seeded state, inject faults.

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
