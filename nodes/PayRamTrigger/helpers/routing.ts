import type { PaymentEvent, PayoutEvent } from './events';

export interface RoutingSettings {
	outputPerState?: boolean;
	states?: string[];
	includePayouts?: boolean;
}

/**
 * The trigger's outputs for its settings. Kept self-contained (no imports, no closures)
 * because n8n evaluates it from its source text in the editor to draw the outputs.
 */
export function configuredOutputs(parameters: RoutingSettings) {
	const order = ['OPEN', 'PARTIALLY_FILLED', 'FILLED', 'OVER_FILLED', 'CANCELLED'];
	const labels: Record<string, string> = {
		OPEN: 'Open',
		PARTIALLY_FILLED: 'Partially Filled',
		FILLED: 'Filled',
		OVER_FILLED: 'Over Filled',
		CANCELLED: 'Cancelled',
	};
	if (!parameters.outputPerState) return [{ type: 'main', displayName: 'Event' }];
	const states = parameters.states || [];
	const outputs = order.filter((s) => states.includes(s)).map((s) => ({ type: 'main', displayName: labels[s] }));
	if (parameters.includePayouts) outputs.push({ type: 'main', displayName: 'Payout' });
	outputs.push({ type: 'main', displayName: 'Other State' });
	return outputs;
}

export type Route = { output: number; outputs: number } | { ignored: string };

/** Which output an event leaves by, or why it starts nothing. Unknown payment states are never dropped. */
export function routeEvent(event: PaymentEvent | PayoutEvent, settings: RoutingSettings): Route {
	const outputs = configuredOutputs(settings);
	const states = settings.states ?? [];
	if (event.kind === 'payout') {
		if (!settings.includePayouts) return { ignored: 'payout events are not selected' };
		return { output: settings.outputPerState ? outputs.length - 2 : 0, outputs: outputs.length };
	}
	if (!event.knownState) return { output: settings.outputPerState ? outputs.length - 1 : 0, outputs: outputs.length };
	if (!states.includes(event.state)) return { ignored: `state ${event.state} is not selected` };
	if (!settings.outputPerState) return { output: 0, outputs: outputs.length };
	const ordered = ['OPEN', 'PARTIALLY_FILLED', 'FILLED', 'OVER_FILLED', 'CANCELLED'].filter((s) => states.includes(s));
	return { output: ordered.indexOf(event.state), outputs: outputs.length };
}
