import type { PaymentEvent, PayoutEvent } from './events';
import { PAYMENT_STATES } from '../../PayRam/helpers/paymentStates';

export interface RoutingSettings {
	outputPerState?: boolean;
	states?: string[];
	includePayouts?: boolean;
}

export interface TriggerOutput {
	type: 'main';
	displayName: string;
}

interface OutputNames {
	states: ReadonlyArray<{ value: string; name: string }>;
	event: string;
	payout: string;
	other: string;
}

/** What the outputs are named after; written as JSON into the editor's outputs expression. */
const OUTPUT_NAMES: OutputNames = {
	states: PAYMENT_STATES.map(({ value, name }) => ({ value, name })),
	event: 'Event',
	payout: 'Payout',
	other: 'Other State',
};

/**
 * The trigger's outputs for its settings, given the documented states in lifecycle order.
 * Self-contained (no imports, no closures): the editor evaluates it from its source text.
 * An undocumented state always has an output of its own, the last one.
 */
function outputsFor(names: OutputNames, parameters: RoutingSettings): TriggerOutput[] {
	const other: TriggerOutput = { type: 'main', displayName: names.other };
	if (!parameters.outputPerState) return [{ type: 'main', displayName: names.event }, other];
	const selected = parameters.states || [];
	const outputs: TriggerOutput[] = names.states
		.filter((state) => selected.includes(state.value))
		.map((state) => ({ type: 'main', displayName: state.name }));
	if (parameters.includePayouts) outputs.push({ type: 'main', displayName: names.payout });
	outputs.push(other);
	return outputs;
}

export function configuredOutputs(parameters: RoutingSettings): TriggerOutput[] {
	return outputsFor(OUTPUT_NAMES, parameters);
}

/** The node's outputs expression: the same function, with the state list written into it. */
export const OUTPUTS_EXPRESSION: `={{${string}}}` = `={{(${outputsFor.toString()})(${JSON.stringify(OUTPUT_NAMES)}, $parameter)}}`;

export type Route = { output: number; outputs: number } | { ignored: string };

/** The name of the output an event leaves by, or why it starts nothing. */
function outputNameOf(event: PaymentEvent | PayoutEvent, settings: RoutingSettings): { name: string } | { ignored: string } {
	if (event.kind === 'payout') {
		if (!settings.includePayouts) return { ignored: 'payout events are not selected' };
		return { name: settings.outputPerState ? OUTPUT_NAMES.payout : OUTPUT_NAMES.event };
	}
	const documented = OUTPUT_NAMES.states.find((state) => state.value === event.state);
	// An undocumented state is never dropped, and never leaves by the output of a selected state.
	if (!documented) return { name: OUTPUT_NAMES.other };
	if (!(settings.states ?? []).includes(documented.value)) return { ignored: `state ${event.state} is not selected` };
	return { name: settings.outputPerState ? documented.name : OUTPUT_NAMES.event };
}

/** Which output an event leaves by (found by name among the configured outputs), or why it starts nothing. */
export function routeEvent(event: PaymentEvent | PayoutEvent, settings: RoutingSettings): Route {
	const target = outputNameOf(event, settings);
	if ('ignored' in target) return target;
	const outputs = configuredOutputs(settings);
	return { output: outputs.findIndex((output) => output.displayName === target.name), outputs: outputs.length };
}
