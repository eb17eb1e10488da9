import type { INode, INodeParameters, INodeTypes } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { PayRamTrigger } from '../../../nodes/PayRamTrigger/PayRamTrigger.node';
import type { PaymentEvent, PayoutEvent } from '../../../nodes/PayRamTrigger/helpers/events';
import { classifyDelivery } from '../../../nodes/PayRamTrigger/helpers/events';
import type { RoutingSettings } from '../../../nodes/PayRamTrigger/helpers/routing';
import { configuredOutputs, OUTPUTS_EXPRESSION, routeEvent } from '../../../nodes/PayRamTrigger/helpers/routing';
import { PAYMENT_STATES } from '../../../nodes/PayRam/helpers/paymentStates';

function paymentIn(status: string): PaymentEvent {
	const body = { reference_id: 'ref_1', status };
	const event = classifyDelivery(body, body, false);
	if (event.kind !== 'payment') throw new Error('expected a payment');
	return event;
}

function payoutEvent(): PayoutEvent {
	const body = { event_type: 'payout.sent', payout_id: 'po_1', status: 'sent' };
	const event = classifyDelivery(body, body, false);
	if (event.kind !== 'payout') throw new Error('expected a payout');
	return event;
}

const names = (outputs: Array<{ displayName?: string } | string>) =>
	outputs.map((o) => (typeof o === 'string' ? o : o.displayName));

const ALL = PAYMENT_STATES.map((state) => state.value as string);

describe('configuredOutputs', () => {
	it('has "Event" and "Other State" unless each state gets its own output', () => {
		const single = [
			{ type: 'main', displayName: 'Event' },
			{ type: 'main', displayName: 'Other State' },
		];
		expect(configuredOutputs({})).toEqual(single);
		expect(configuredOutputs({ outputPerState: false, states: ALL, includePayouts: true })).toEqual(single);
	});

	it('gives each selected state an output in lifecycle order, whatever the selection order, then "Other State"', () => {
		expect(configuredOutputs({ outputPerState: true, states: ['OVER_FILLED', 'FILLED', 'OPEN', 'PARTIALLY_FILLED'] })).toEqual([
			{ type: 'main', displayName: 'Open' },
			{ type: 'main', displayName: 'Partially Filled' },
			{ type: 'main', displayName: 'Filled' },
			{ type: 'main', displayName: 'Over Filled' },
			{ type: 'main', displayName: 'Other State' },
		]);
		expect(names(configuredOutputs({ outputPerState: true, states: [...ALL].reverse() }))).toEqual([
			'Open',
			'Partially Filled',
			'Filled',
			'Over Filled',
			'Cancelled',
			'Other State',
		]);
	});

	it('adds "Payout" before "Other State" when payouts are included', () => {
		expect(names(configuredOutputs({ outputPerState: true, states: ['FILLED'], includePayouts: true }))).toEqual([
			'Filled',
			'Payout',
			'Other State',
		]);
	});

	it('keeps "Other State" with no state selected', () => {
		expect(names(configuredOutputs({ outputPerState: true, states: [] }))).toEqual(['Other State']);
		expect(names(configuredOutputs({ outputPerState: true }))).toEqual(['Other State']);
	});

	it('only uses main connections', () => {
		for (const output of configuredOutputs({ outputPerState: true, states: ALL, includePayouts: true })) {
			expect(output.type).toBe('main');
		}
	});
});

describe('routeEvent', () => {
	it('sends every selected state to the single output', () => {
		const settings = { outputPerState: false, states: ['FILLED', 'PARTIALLY_FILLED'] };
		expect(routeEvent(paymentIn('FILLED'), settings)).toEqual({ output: 0, outputs: 2 });
		expect(routeEvent(paymentIn('PARTIALLY_FILLED'), settings)).toEqual({ output: 0, outputs: 2 });
	});

	it('sends each state to its own output in lifecycle order', () => {
		const settings = { outputPerState: true, states: ['OVER_FILLED', 'FILLED', 'PARTIALLY_FILLED'] };
		const outputs = names(configuredOutputs(settings));
		expect(routeEvent(paymentIn('PARTIALLY_FILLED'), settings)).toEqual({ output: 0, outputs: 4 });
		expect(routeEvent(paymentIn('FILLED'), settings)).toEqual({ output: 1, outputs: 4 });
		expect(routeEvent(paymentIn('OVER_FILLED'), settings)).toEqual({ output: 2, outputs: 4 });
		expect(outputs[1]).toBe('Filled');
	});

	it('matches the output label for every selected state', () => {
		const labels: Record<string, string> = Object.fromEntries(PAYMENT_STATES.map((state) => [state.value, state.name]));
		const selections = [ALL, ['CANCELLED', 'OPEN'], ['FILLED'], ['OVER_FILLED', 'PARTIALLY_FILLED']];
		for (const states of selections) {
			for (const includePayouts of [false, true]) {
				const settings = { outputPerState: true, states, includePayouts };
				const outputs = names(configuredOutputs(settings));
				for (const state of states) {
					const route = routeEvent(paymentIn(state), settings);
					if ('ignored' in route) throw new Error(`${state} ignored`);
					expect(route.outputs).toBe(outputs.length);
					expect(outputs[route.output]).toBe(labels[state]);
				}
			}
		}
	});

	it('sends CANCELED (older spelling) to the Cancelled output', () => {
		const settings = { outputPerState: true, states: ['FILLED', 'CANCELLED'] };
		expect(routeEvent(paymentIn('CANCELED'), settings)).toEqual({ output: 1, outputs: 3 });
	});

	it('sends payouts to the Payout output, or the single output', () => {
		const perState = { outputPerState: true, states: ['FILLED', 'OVER_FILLED'], includePayouts: true };
		const route = routeEvent(payoutEvent(), perState);
		expect(route).toEqual({ output: 2, outputs: 4 });
		expect(names(configuredOutputs(perState))[2]).toBe('Payout');
		expect(routeEvent(payoutEvent(), { outputPerState: false, states: ['FILLED'], includePayouts: true })).toEqual({
			output: 0,
			outputs: 2,
		});
		expect(routeEvent(payoutEvent(), { outputPerState: true, states: [], includePayouts: true })).toEqual({
			output: 0,
			outputs: 2,
		});
	});

	it('ignores payouts unless they are included', () => {
		expect(routeEvent(payoutEvent(), { outputPerState: true, states: ALL })).toEqual({ ignored: expect.any(String) });
		expect(routeEvent(payoutEvent(), { outputPerState: false, states: ALL, includePayouts: false })).toEqual({
			ignored: expect.any(String),
		});
	});

	it('sends undocumented states to "Other State", the last output, in both modes, even when nothing is selected', () => {
		const perState = { outputPerState: true, states: ['FILLED'], includePayouts: true };
		expect(routeEvent(paymentIn('REFUNDED'), perState)).toEqual({ output: 2, outputs: 3 });
		expect(names(configuredOutputs(perState))[2]).toBe('Other State');
		expect(routeEvent(paymentIn('UNDEFINED'), { outputPerState: true, states: [] })).toEqual({ output: 0, outputs: 1 });
		expect(routeEvent(paymentIn('REFUNDED'), { outputPerState: false, states: [] })).toEqual({ output: 1, outputs: 2 });
	});

	// The money path: a builder who fulfils orders on the FILLED (or single) output must never see an unpaid state there.
	it.each(['UNDEFINED', 'REFUNDED', 'fılled', 'ﬁlled', 'FILLED_PENDING'])(
		'never sends the undocumented state %s by the output of a selected state',
		(raw) => {
			for (const outputPerState of [false, true]) {
				for (const includePayouts of [false, true]) {
					const settings = { outputPerState, states: ['FILLED'], includePayouts };
					const outputs = names(configuredOutputs(settings));
					const route = routeEvent(paymentIn(raw), settings);
					if ('ignored' in route) throw new Error(`${raw} ignored`);
					expect(route.output).toBe(outputs.length - 1);
					expect(outputs[route.output]).toBe('Other State');
					expect(route.output).not.toBe((routeEvent(paymentIn('FILLED'), settings) as { output: number }).output);
				}
			}
		},
	);

	it('ignores a known state that is not selected', () => {
		expect(routeEvent(paymentIn('OPEN'), { outputPerState: true, states: ['FILLED'] })).toEqual({
			ignored: expect.stringContaining('OPEN'),
		});
		expect(routeEvent(paymentIn('CANCELED'), { outputPerState: false, states: ['FILLED'] })).toEqual({
			ignored: expect.stringContaining('CANCELLED'),
		});
		expect(routeEvent(paymentIn('FILLED'), {})).toEqual({ ignored: expect.any(String) });
	});
});

describe('configuredOutputs as an n8n expression (what the editor and the engine evaluate)', () => {
	const trigger = new PayRamTrigger();
	const nodeTypes: INodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: () => trigger,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;

	function workflowWith(parameters: INodeParameters): { workflow: Workflow; node: INode } {
		const node: INode = {
			id: 'node-1',
			name: 'PayRam Trigger',
			type: 'n8n-nodes-payram.payRamTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters,
		};
		const workflow = new Workflow({ id: 'wf-routing', nodes: [node], connections: {}, active: false, nodeTypes });
		// The Workflow constructor fills in parameter defaults, as n8n does for stored workflows.
		return { workflow, node: workflow.getNode(node.name) as INode };
	}

	const settingsCases: RoutingSettings[] = [
		{ outputPerState: false, states: ['FILLED'], includePayouts: false },
		{ outputPerState: false, states: ALL, includePayouts: true },
		{ outputPerState: true, states: ['FILLED', 'PARTIALLY_FILLED', 'OVER_FILLED'], includePayouts: false },
		{ outputPerState: true, states: ['OVER_FILLED', 'OPEN'], includePayouts: true },
		{ outputPerState: true, states: ALL, includePayouts: true },
		{ outputPerState: true, states: [], includePayouts: false },
		{ outputPerState: true, states: [], includePayouts: true },
	];

	it('the node description uses the generated outputs expression, with the state list written in it', () => {
		expect(trigger.description.outputs).toBe(OUTPUTS_EXPRESSION);
		for (const state of PAYMENT_STATES) expect(OUTPUTS_EXPRESSION).toContain(JSON.stringify({ value: state.value, name: state.name }));
	});

	it.each(settingsCases)('getSimpleParameterValue gives the same outputs for %j', (settings) => {
		const { workflow, node } = workflowWith(settings as INodeParameters);
		const result = workflow.expression.getSimpleParameterValue(node, OUTPUTS_EXPRESSION, 'internal', {});
		expect(result).toEqual(configuredOutputs(settings));
	});

	// The editor draws the outputs from the expression; the backend routes with routeEvent: both must name the same output.
	it.each(settingsCases)('the output the editor draws for each event is the one routeEvent picks, for %j', (settings) => {
		const { workflow, node } = workflowWith(settings as INodeParameters);
		const drawn = names(workflow.expression.getSimpleParameterValue(node, OUTPUTS_EXPRESSION, 'internal', {}) as Array<{ displayName?: string }>);
		const expected = (state: string) =>
			!ALL.includes(state) ? 'Other State' : settings.outputPerState ? PAYMENT_STATES.find((s) => s.value === state)?.name : 'Event';
		for (const state of [...ALL, 'UNDEFINED']) {
			const route = routeEvent(paymentIn(state), settings);
			if ('ignored' in route) {
				expect(settings.states).not.toContain(state);
				continue;
			}
			expect(route.outputs).toBe(drawn.length);
			expect(drawn[route.output]).toBe(expected(state));
		}
		const payout = routeEvent(payoutEvent(), settings);
		if (!('ignored' in payout)) expect(drawn[payout.output]).toBe(settings.outputPerState ? 'Payout' : 'Event');
	});

	it.each(settingsCases)('NodeHelpers.getNodeOutputs gives the same outputs for %j', (settings) => {
		const { workflow, node } = workflowWith(settings as INodeParameters);
		const outputs = NodeHelpers.getNodeOutputs(workflow, node, trigger.description);
		expect(outputs.length).toBeGreaterThan(0);
		expect(outputs).toEqual(configuredOutputs(settings));
	});

	it('evaluates the defaults of an untouched node ("Event", then "Other State")', () => {
		const { workflow, node } = workflowWith({});
		expect(NodeHelpers.getNodeOutputs(workflow, node, trigger.description)).toEqual([
			{ type: 'main', displayName: 'Event' },
			{ type: 'main', displayName: 'Other State' },
		]);
	});

	it('uses the default states when only "Output per State" is switched on', () => {
		const { workflow, node } = workflowWith({ outputPerState: true });
		expect(names(NodeHelpers.getNodeOutputs(workflow, node, trigger.description) as Array<{ displayName?: string }>)).toEqual([
			'Partially Filled',
			'Filled',
			'Over Filled',
			'Other State',
		]);
	});
});
