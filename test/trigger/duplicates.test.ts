// The same PayRam event delivered more than once: retries, concurrent redeliveries, a restart in between.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { PayRamTrigger } from '../../nodes/PayRamTrigger/PayRamTrigger.node';
import type { HarnessTypes } from '../../testing/engine/node-types';
import { createHarnessTypes } from '../../testing/engine/node-types';
import type { startWebhookHost } from '../../testing/engine/webhook-server';
import {
	ACK_MESSAGE,
	PAYMENT_EVENT_ID,
	TRIGGER,
	captureDelivery,
	createPayment,
	headersOf,
	itemOf,
	json,
	settle,
	startTrigger,
	type TriggerSetup,
} from './setup';

const PAYRAM_TRIGGER_NODE_TYPE = 'n8n-nodes-payram.payRamTrigger';

/** Static data key n8n gives the trigger node's getWorkflowStaticData('node'). */
const NODE_STATIC_DATA = `node:${TRIGGER}`;

/** The harness and the trigger loaded afresh, as a restarted n8n would: nothing remembered in memory. */
function freshProcess(): { startHost: typeof startWebhookHost; types: HarnessTypes } {
	let fresh: { startHost: typeof startWebhookHost; types: HarnessTypes } | undefined;
	jest.isolateModules(() => {
		/* eslint-disable @typescript-eslint/no-require-imports */
		const server = require('../../testing/engine/webhook-server') as typeof import('../../testing/engine/webhook-server');
		const nodeTypes = require('../../testing/engine/node-types') as typeof import('../../testing/engine/node-types');
		/* eslint-enable @typescript-eslint/no-require-imports */
		const types = nodeTypes.createHarnessTypes();
		// The harness loads node types on first use: load the trigger now, inside the isolated module registry.
		types.nodeTypes.getByName(PAYRAM_TRIGGER_NODE_TYPE);
		types.credentialTypes.getByName('payRamApi');
		fresh = { startHost: server.startWebhookHost, types };
	});
	expect(fresh!.types.nodeTypes.getByName(PAYRAM_TRIGGER_NODE_TYPE)).not.toBeInstanceOf(PayRamTrigger);
	return fresh!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real PayRam Trigger with the latency n8n's I/O adds around it, which the in-process host lacks: in n8n,
 * webhook() reads its credential from the database, and the request's static data is saved after more I/O (the
 * execution, the database), so concurrent requests overlap and save in no particular order (the last save wins).
 * The trigger's code and answers are unchanged; only the timing around them moves. Waits are keyed to arrivals,
 * so the overlap does not depend on how fast the machine is.
 */
function triggerWithN8nLatency(concurrent: number, latency: { slowCredentials?: boolean; saveLaterWhenEarlier?: boolean }) {
	const trigger = new PayRamTrigger();
	const webhook = trigger.webhook;
	let arrivals = 0;
	const waiting: Array<() => void> = [];
	// Resolves once `concurrent` requests have arrived (or at once after that).
	const allArrived = () =>
		new Promise<void>((resolve) => {
			if (arrivals >= concurrent) resolve();
			else waiting.push(resolve);
		});
	trigger.webhook = async function (this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const arrival = arrivals++;
		if (arrivals === concurrent) for (const release of waiting.splice(0)) release();
		const slowContext = new Proxy(this, {
			get(target, property) {
				if (property === 'getCredentials' && latency.slowCredentials) {
					return async (...args: Parameters<IWebhookFunctions['getCredentials']>) => {
						await allArrived();
						return await target.getCredentials(...args);
					};
				}
				const value = Reflect.get(target, property, target) as unknown;
				return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
			},
		});
		const result = await webhook.call(slowContext);
		if (latency.saveLaterWhenEarlier) {
			await allArrived();
			await sleep(Math.max(concurrent - arrival, 0) * 20);
		}
		return result;
	};
	return createHarnessTypes({ nodeTypes: { [PAYRAM_TRIGGER_NODE_TYPE]: trigger } });
}

describe('PayRam Trigger and duplicate deliveries', () => {
	const setups: TriggerSetup[] = [];
	const open = async (...args: Parameters<typeof startTrigger>) => {
		const setup = await startTrigger(...args);
		setups.push(setup);
		return setup;
	};

	afterEach(async () => {
		for (const setup of setups.splice(0)) await setup.close();
	});

	describe('with Skip Duplicate Events on', () => {
		it('acknowledges a redelivered FILLED event as a duplicate and runs the workflow once', async () => {
			const t = await open('trigger-dedupe.json');
			const payment = await createPayment(t.sim, 49.99);
			const first = await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			await settle(t.host);
			const again = await t.sim.redeliver();
			const third = await t.sim.redeliver(0);
			await settle(t.host);

			expect(again.request).toEqual(first!.request);
			expect(first!.status).toBe(200);
			const { eventId } = json(first!);
			expect(eventId).toMatch(PAYMENT_EVENT_ID);
			expect(json(first!)).toEqual({ message: ACK_MESSAGE, eventId });
			for (const duplicate of [again, third]) {
				expect(duplicate.status).toBe(200);
				expect(json(duplicate)).toEqual({ message: ACK_MESSAGE, duplicate: true, eventId });
			}
			expect(t.host.executions).toHaveLength(1);
			expect(t.host.executions[0].executedNodes).toEqual([TRIGGER, 'Event']);
			expect(itemOf(t.host.executions[0], 'Event')).toMatchObject({ eventId, state: 'FILLED', referenceId: payment.referenceId });
			expect(t.host.errors).toEqual([]);
		});

		it('still runs for a new event of the same payment (PARTIALLY_FILLED, then FILLED)', async () => {
			const t = await open('trigger-dedupe.json');
			const payment = await createPayment(t.sim, 40);
			await t.sim.pay(payment.referenceId, { state: 'PARTIALLY_FILLED' });
			await t.sim.redeliver();
			await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			await t.sim.redeliver();
			await settle(t.host);

			expect(t.sim.deliveries.map((delivery) => [delivery.status, json(delivery).duplicate ?? false])).toEqual([
				[200, false],
				[200, true],
				[200, false],
				[200, true],
			]);
			expect(t.host.executions.map((execution) => itemOf(execution, 'Event').state)).toEqual(['PARTIALLY_FILLED', 'FILLED']);
		});

		it('runs exactly once for 10 concurrent deliveries of one event', async () => {
			const t = await open('trigger-dedupe.json');
			const payment = await createPayment(t.sim, 49.99);
			const real = await captureDelivery(t.sim, () => t.sim.pay(payment.referenceId, { state: 'FILLED' }));
			expect(t.host.responses).toEqual([]);

			const deliveries = await Promise.all(
				Array.from({ length: 10 }, () => t.sim.deliverRaw({ method: real.method, headers: headersOf(real), body: real.rawBody })),
			);
			await settle(t.host);

			expect(deliveries.map((delivery) => delivery.status)).toEqual(Array(10).fill(200));
			const acks = deliveries.map(json);
			const eventId = acks[0].eventId as string;
			expect(eventId).toMatch(PAYMENT_EVENT_ID);
			expect(acks.filter((ack) => ack.duplicate === undefined)).toEqual([{ message: ACK_MESSAGE, eventId }]);
			expect(acks.filter((ack) => ack.duplicate === true)).toHaveLength(9);
			expect(new Set(acks.map((ack) => ack.eventId))).toEqual(new Set([eventId]));

			expect(t.host.responses).toHaveLength(10);
			expect(t.host.executions).toHaveLength(1);
			expect(itemOf(t.host.executions[0], 'Event')).toMatchObject({ eventId, referenceId: payment.referenceId });
			expect(t.host.errors).toEqual([]);
		});

		it('runs exactly once for 10 concurrent deliveries that overlap inside n8n (all read the credential, and the stored static data, before any finishes)', async () => {
			const t = await open('trigger-dedupe.json', { types: triggerWithN8nLatency(10, { slowCredentials: true }) });
			const payment = await createPayment(t.sim, 49.99);
			const real = await captureDelivery(t.sim, () => t.sim.pay(payment.referenceId, { state: 'FILLED' }));

			const deliveries = await Promise.all(
				Array.from({ length: 10 }, () => t.sim.deliverRaw({ method: real.method, headers: headersOf(real), body: real.rawBody })),
			);
			await settle(t.host);

			// Every request was answered from the same stored static data (none saw another's record there).
			expect(deliveries.map((delivery) => delivery.status)).toEqual(Array(10).fill(200));
			const acks = deliveries.map(json);
			const eventId = acks.find((ack) => ack.duplicate === undefined)?.eventId as string;
			expect(eventId).toMatch(PAYMENT_EVENT_ID);
			expect(acks.filter((ack) => ack.duplicate === undefined)).toEqual([{ message: ACK_MESSAGE, eventId }]);
			expect(acks.filter((ack) => ack.duplicate === true)).toHaveLength(9);
			expect(t.host.executions).toHaveLength(1);
			expect(t.host.errors).toEqual([]);
		});

		// n8n 2.x (2.40.7, 2.41.1) clears the static data's change flag in WorkflowRunner.run before the deferred answer saves it (the
		// harness does the same), so the ids must be stored by the execution: the trigger's execute() does that.
		it('stores the id of an event that started the workflow in static data, through the execution', async () => {
			const t = await open('trigger-dedupe.json');
			const payment = await createPayment(t.sim, 49.99);
			const first = await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			await settle(t.host);
			expect(t.host.executions).toHaveLength(1);
			expect((t.host.staticData[NODE_STATIC_DATA] as IDataObject | undefined)?.seenEventIds).toEqual([json(first!).eventId]);
		});

		it('recognises a redelivery after an n8n restart (memory lost, static data kept)', async () => {
			const before = await open('trigger-dedupe.json');
			const payment = await createPayment(before.sim, 49.99);
			const first = await before.sim.pay(payment.referenceId, { state: 'FILLED' });
			await settle(before.host);
			const { eventId } = json(first!);
			expect(before.host.executions).toHaveLength(1);
			const staticData = before.host.staticData;
			expect((staticData[NODE_STATIC_DATA] as IDataObject).seenEventIds).toEqual([eventId]);

			// The same workflow (same id) in a freshly loaded n8n, with the static data n8n had stored.
			const after = await open('trigger-dedupe.json', {
				workflow: before.workflow,
				staticData,
				...freshProcess(),
			});
			const redelivery = await after.sim.deliverRaw({
				method: first!.request.method,
				headers: headersOf(first!.request),
				body: first!.request.rawBody,
			});
			await settle(after.host);

			expect(redelivery.status).toBe(200);
			expect(json(redelivery)).toEqual({ message: ACK_MESSAGE, duplicate: true, eventId });
			expect(after.host.executions).toEqual([]);
		});

		it('forgets every event after a restart without the stored static data (the restart is real)', async () => {
			const before = await open('trigger-dedupe.json');
			const payment = await createPayment(before.sim, 49.99);
			const first = await before.sim.pay(payment.referenceId, { state: 'FILLED' });
			await settle(before.host);

			const after = await open('trigger-dedupe.json', { workflow: before.workflow, ...freshProcess() });
			const redelivery = await after.sim.deliverRaw({
				method: first!.request.method,
				headers: headersOf(first!.request),
				body: first!.request.rawBody,
			});
			await settle(after.host);

			expect(json(redelivery)).toEqual({ message: ACK_MESSAGE, eventId: json(first!).eventId });
			expect(after.host.executions).toHaveLength(1);
		});

		it('recognises a redelivery after a restart that followed concurrent deliveries of different events', async () => {
			const before = await open('trigger-dedupe.json');
			const payments = await Promise.all([1, 2, 3, 4, 5].map((n) => createPayment(before.sim, n * 10)));
			const reals = [];
			for (const payment of payments) {
				reals.push(await captureDelivery(before.sim, () => before.sim.pay(payment.referenceId, { state: 'FILLED' })));
			}
			const firsts = await Promise.all(
				reals.map((real) => before.sim.deliverRaw({ method: real.method, headers: headersOf(real), body: real.rawBody })),
			);
			await settle(before.host);
			expect(firsts.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200, 200]);
			expect(firsts.map((delivery) => json(delivery).duplicate)).toEqual([undefined, undefined, undefined, undefined, undefined]);
			expect(before.host.executions).toHaveLength(5);
			const eventIds = firsts.map((delivery) => json(delivery).eventId as string);

			const after = await open('trigger-dedupe.json', {
				workflow: before.workflow,
				staticData: before.host.staticData,
				...freshProcess(),
			});
			const redeliveries = [];
			for (const real of reals) {
				redeliveries.push(await after.sim.deliverRaw({ method: real.method, headers: headersOf(real), body: real.rawBody }));
			}
			await settle(after.host);

			expect(redeliveries.map((delivery) => json(delivery))).toEqual(
				eventIds.map((eventId) => ({ message: ACK_MESSAGE, duplicate: true, eventId })),
			);
			expect(after.host.executions).toEqual([]);
		});
	});

	describe('with Skip Duplicate Events on and static data saved in no particular order (as n8n saves it)', () => {
		it(
			'keeps every acknowledged event id across a restart when concurrent requests save out of order',
			async () => {
				const before = await open('trigger-dedupe.json', {
					// Requests that arrived earlier finish saving later.
					types: triggerWithN8nLatency(5, { saveLaterWhenEarlier: true }),
				});
				const payments = await Promise.all([1, 2, 3, 4, 5].map((n) => createPayment(before.sim, n * 10)));
				const reals = [];
				for (const payment of payments) {
					reals.push(await captureDelivery(before.sim, () => before.sim.pay(payment.referenceId, { state: 'FILLED' })));
				}
				const firsts = await Promise.all(
					reals.map((real) => before.sim.deliverRaw({ method: real.method, headers: headersOf(real), body: real.rawBody })),
				);
				// The acks come at once; the saves (and then the executions) follow within 5 × 20 ms.
				await sleep(300);
				await settle(before.host);
				// Before the restart everything is right: each event ran once, in memory all five are known.
				expect(firsts.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200, 200]);
				expect(before.host.executions).toHaveLength(5);
				const eventIds = firsts.map((delivery) => json(delivery).eventId as string);
				expect(new Set(eventIds).size).toBe(5);

				const after = await open('trigger-dedupe.json', {
					workflow: before.workflow,
					staticData: before.host.staticData,
					...freshProcess(),
				});
				for (const real of reals) {
					await after.sim.deliverRaw({ method: real.method, headers: headersOf(real), body: real.rawBody });
				}
				await settle(after.host);

				// After the restart every one of them is a duplicate; none runs again.
				expect(after.host.executions.map((execution) => itemOf(execution, 'Event').eventId)).toEqual([]);
				// Which needs n8n to have stored all five acknowledged event ids.
				const stored = before.host.staticData[NODE_STATIC_DATA] as IDataObject;
				expect([...(stored.seenEventIds as string[])].sort()).toEqual([...eventIds].sort());
			},
		);
	});

	describe('with Skip Duplicate Events off', () => {
		it('runs the workflow for every delivery of the same event', async () => {
			const t = await open('trigger-single.json');
			const payment = await createPayment(t.sim, 49.99);
			const first = await t.sim.pay(payment.referenceId, { state: 'FILLED' });
			const again = await t.sim.redeliver();
			const concurrent = await Promise.all(
				Array.from({ length: 3 }, () =>
					t.sim.deliverRaw({ method: 'POST', headers: headersOf(first!.request), body: first!.request.rawBody }),
				),
			);
			await settle(t.host);

			const all = [first!, again, ...concurrent];
			const { eventId } = json(first!);
			expect(all.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200, 200]);
			expect(all.map(json)).toEqual(Array(5).fill({ message: ACK_MESSAGE, eventId }));
			expect(t.host.executions).toHaveLength(5);
			expect(t.host.executions.map((execution) => itemOf(execution, 'Event').eventId)).toEqual(Array(5).fill(eventId));
			expect(t.host.staticData[NODE_STATIC_DATA]).toBeUndefined();
		});
	});
});
