// The PayRam Poll Trigger across polls, activated like n8n does (n8n-core's PollContext over a real Workflow,
// static data saved as n8n saves it), against the simulator's payment search.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { NodeApiError } from 'n8n-workflow';

import { activatePollWorkflow } from '../../testing/engine/poll-host';
import type { WorkflowFixture } from '../../testing/engine/run-workflow';

import { createHarnessTypes } from '../../testing/engine/node-types';
import { runWorkflow } from '../../testing/engine/run-workflow';
import type { PayRamSimulator } from '../simulator/server';
import { startSimulator } from '../simulator/server';
import type { WebhookReceiver } from '../simulator/testkit';
import { startWebhookReceiver } from '../simulator/testkit';
import { createPayment, payRamCredentials, startTrigger } from '../trigger/setup';
import { activate, itemsOf, POLL_TRIGGER, pollWorkflow, searchCount, startPagingProxy } from './setup';

const EXPIRED = { states: ['CANCELLED'], catchUnnotified: false };
const NET = { states: [], catchUnnotified: true, graceMinutes: 10 };
const MINUTE = 60 * 1000;

describe('PayRam Poll Trigger', () => {
	let sim: PayRamSimulator;
	let receiver: WebhookReceiver;

	beforeEach(async () => {
		sim = await startSimulator({ port: 0 });
		receiver = await startWebhookReceiver();
		sim.setWebhook({ url: receiver.url, mode: 'current' });
	});

	afterEach(async () => {
		jest.useRealTimers();
		await receiver.close();
		await sim.close();
	});

	describe('expired payment links', () => {
		it('does not report links that expired before the first activation', async () => {
			await createPayment(sim, 10).then(({ referenceId }) => sim.expire(referenceId));
			const host = await activate(sim, pollWorkflow(EXPIRED));
			expect(host.activation.emitted).toBeNull();
			expect(itemsOf(await host.tick())).toEqual([]);
		});

		it('reports a link expired by the control call once, with the normalised fields', async () => {
			const host = await activate(sim, pollWorkflow(EXPIRED));
			const { referenceId, customerId, customerEmail } = await createPayment(sim, 49.99);
			expect(itemsOf(await host.tick())).toEqual([]);

			sim.expire(referenceId);
			const [item, ...more] = itemsOf(await host.tick());
			expect(more).toEqual([]);
			expect(item).toMatchObject({
				eventType: 'payment',
				condition: 'state',
				state: 'CANCELLED',
				referenceId,
				customerId,
				customerEmail,
				amount: '49.99',
				filledAmount: null,
			});
			expect(item.eventId).toMatch(/^payment_[0-9a-f]{24}$/);
			expect((item.payload as { referenceId: string }).referenceId).toBe(referenceId);

			expect(itemsOf(await host.tick())).toEqual([]);
			expect(itemsOf(await host.tick())).toEqual([]);
		});

		it('reports every link the clock expired, each once', async () => {
			const host = await activate(sim, pollWorkflow(EXPIRED));
			const links = await Promise.all([10, 20, 30].map((amount) => createPayment(sim, amount)));
			sim.advanceClock(16 * MINUTE);
			const items = itemsOf(await host.tick());
			expect(items.map((item) => item.referenceId).sort()).toEqual(links.map((link) => link.referenceId).sort());
			expect(itemsOf(await host.tick())).toEqual([]);
		});
	});

	describe('missed notifications', () => {
		it('reports a FILLED payment whose webhook got a 500, and not one that was received', async () => {
			const host = await activate(sim, pollWorkflow(NET));
			const delivered = await createPayment(sim, 10);
			await sim.pay(delivered.referenceId, { state: 'FILLED' });
			receiver.status = 500;
			const failed = await createPayment(sim, 25);
			await sim.pay(failed.referenceId, { state: 'FILLED' });

			const items = itemsOf(await host.tick());
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({ referenceId: failed.referenceId, state: 'FILLED', condition: 'webhookFailed', webhookStatus: 'failed' });
			expect(itemsOf(await host.tick())).toEqual([]);
		});

		it('does not report a notification that failed before the first activation', async () => {
			receiver.status = 500;
			const failedBefore = await createPayment(sim, 10);
			await sim.pay(failedBefore.referenceId, { state: 'FILLED' });
			receiver.status = 200;
			const receivedLater = await createPayment(sim, 20);
			await sim.pay(receivedLater.referenceId, { state: 'FILLED' });
			const host = await activate(sim, pollWorkflow({ ...NET, options: { pageSize: 1 } }));
			expect(itemsOf(await host.tick())).toEqual([]);
		});

		it('reports a payment whose webhook could not reach the merchant at all', async () => {
			const host = await activate(sim, pollWorkflow(NET));
			await receiver.close();
			const unreachable = await createPayment(sim, 10);
			await sim.pay(unreachable.referenceId, { state: 'OVER_FILLED' });
			const items = itemsOf(await host.tick());
			expect(items.map((item) => [item.referenceId, item.state, item.condition])).toEqual([
				[unreachable.referenceId, 'OVER_FILLED', 'webhookFailed'],
			]);
		});

		it('reports payments whose webhook is still pending once the grace period has passed', async () => {
			sim.setWebhook(null);
			const host = await activate(sim, pollWorkflow({ ...NET, options: { pageSize: 1 } }));
			const older = await createPayment(sim, 10);
			await sim.pay(older.referenceId, { state: 'PARTIALLY_FILLED' });
			const newer = await createPayment(sim, 20);
			await sim.pay(newer.referenceId, { state: 'FILLED' });
			expect(itemsOf(await host.tick())).toEqual([]);

			// Only Date is faked: n8n's clock moves 11 minutes on, sockets and timers stay real.
			jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
			jest.setSystemTime(Date.now() + 11 * MINUTE);
			const items = itemsOf(await host.tick());
			// Both can change in the same millisecond, and then their order is PayRam's tie-break, not ours.
			const reported = items.map((item) => [item.referenceId, item.condition, item.webhookStatus]).sort();
			expect(reported).toEqual(
				[
					[older.referenceId, 'webhookPending', 'pending'],
					[newer.referenceId, 'webhookPending', 'pending'],
				].sort(),
			);
			expect(itemsOf(await host.tick())).toEqual([]);
		});
	});

	it('misses nothing and repeats nothing while payments change between the pages of one poll', async () => {
		const proxy = await startPagingProxy(sim.url);
		try {
			const history = await Promise.all([1, 2, 3].map((amount) => createPayment(sim, amount)));
			for (const link of history) sim.expire(link.referenceId);
			sim.advanceClock(5 * MINUTE);
			const links = await Promise.all([4, 5, 6, 7, 8, 9, 10].map((amount) => createPayment(sim, amount)));
			const host = await activate(sim, pollWorkflow({ ...EXPIRED, options: { pageSize: 2 } }), { url: proxy.url });
			for (const link of links.slice(0, 5)) sim.expire(link.referenceId);
			const first = itemsOf(await host.tick());
			// While the next poll reads page 2, two more links expire: they jump to the top of a list read newest first.
			proxy.afterPage(2, () => {
				sim.expire(links[5].referenceId);
				sim.expire(links[6].referenceId);
			});
			const second = itemsOf(await host.tick());
			const third = itemsOf(await host.tick());
			const reported = [...first, ...second, ...third].map((item) => item.referenceId as string);
			expect(reported.sort()).toEqual(links.map((link) => link.referenceId).sort());
			expect(itemsOf(await host.tick())).toEqual([]);
		} finally {
			await proxy.close();
		}
	});

	it('does not report history deeper than the first page at first activation', async () => {
		const history = await Promise.all([1, 2, 3, 4, 5].map((amount) => createPayment(sim, amount)));
		for (const link of history) sim.expire(link.referenceId);
		const host = await activate(sim, pollWorkflow({ ...EXPIRED, options: { pageSize: 2 } }));
		expect(host.activation.emitted).toBeNull();
		expect(itemsOf(await host.tick())).toEqual([]);
	});

	it('pages by the rows PayRam returned when it answers fewer than the page size', async () => {
		await sim.close();
		sim = await startSimulator({ port: 0, searchPageCap: 2 });
		const links = await Promise.all([1, 2, 3, 4, 5].map((amount) => createPayment(sim, amount)));
		const host = await activate(sim, pollWorkflow(EXPIRED));
		for (const link of links) sim.expire(link.referenceId);
		expect(itemsOf(await host.tick())).toHaveLength(5);
	});

	describe('restarts', () => {
		it('never reports again after n8n restarts with the static data it saved', async () => {
			const workflow = pollWorkflow(EXPIRED);
			const first = await activate(sim, workflow);
			const before = await createPayment(sim, 10);
			sim.expire(before.referenceId);
			expect(itemsOf(await first.tick())).toHaveLength(1);
			// Empty polls change the cursor in memory only; n8n does not save them.
			expect(itemsOf(await first.tick())).toEqual([]);

			const saved = JSON.parse(JSON.stringify(first.staticData)) as typeof first.staticData;
			const restarted = await activate(sim, workflow, { staticData: saved, types: createHarnessTypes(), activationMode: 'init' });
			expect(restarted.activation.emitted).toBeNull();
			expect(itemsOf(await restarted.tick())).toEqual([]);

			const after = await createPayment(sim, 20);
			sim.expire(after.referenceId);
			expect(itemsOf(await restarted.tick()).map((item) => item.referenceId)).toEqual([after.referenceId]);
		});

		it('reports what changed while n8n was down, after a restart from an older save', async () => {
			const workflow = pollWorkflow(EXPIRED);
			const first = await activate(sim, workflow);
			const whileDown = await createPayment(sim, 10);
			const saved = first.staticData;
			sim.expire(whileDown.referenceId);
			const restarted = await activate(sim, workflow, { staticData: saved, types: createHarnessTypes(), activationMode: 'init' });
			expect(itemsOf(restarted.activation).map((item) => item.referenceId)).toEqual([whileDown.referenceId]);
			expect(itemsOf(await restarted.tick())).toEqual([]);
		});
	});

	describe('first activation', () => {
		it('with Look Back reports what met a condition in that window, once', async () => {
			const old = await createPayment(sim, 10);
			sim.expire(old.referenceId);
			const host = await activate(sim, pollWorkflow({ ...EXPIRED, options: { lookBackMinutes: 60 } }));
			expect(itemsOf(host.activation).map((item) => item.referenceId)).toEqual([old.referenceId]);
			expect(itemsOf(await host.tick())).toEqual([]);
		});

		it('with Look Back leaves out what met a condition before the window', async () => {
			const old = await createPayment(sim, 10);
			sim.expire(old.referenceId);
			sim.advanceClock(90 * MINUTE);
			const recent = await createPayment(sim, 20);
			sim.expire(recent.referenceId);
			jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
			jest.setSystemTime(Date.now() + 90 * MINUTE);
			const host = await activate(sim, pollWorkflow({ ...EXPIRED, options: { lookBackMinutes: 60 } }));
			expect(itemsOf(host.activation).map((item) => item.referenceId)).toEqual([recent.referenceId]);
		});
	});

	it('returns recent matching payments in a manual test and leaves the cursor alone', async () => {
		const links = await Promise.all([10, 20].map((amount) => createPayment(sim, amount)));
		for (const link of links) sim.expire(link.referenceId);
		const workflow = pollWorkflow(EXPIRED);
		const result = await runWorkflow(workflow, {
			credentials: payRamCredentials(sim.url, sim.apiKey),
			mode: 'manual',
			startNode: POLL_TRIGGER,
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Event').map((item) => item.json.referenceId).sort()).toEqual(links.map((link) => link.referenceId).sort());
		// A manual test stored nothing: the first activation still starts from now.
		const host = await activate(sim, workflow);
		expect(host.activation.emitted).toBeNull();
	});

	it('costs one search request per idle poll, with both conditions watched', async () => {
		const host = await activate(sim, pollWorkflow({ ...NET, states: ['CANCELLED'] }));
		for (const amount of [1, 2, 3]) {
			const { referenceId } = await createPayment(sim, amount);
			await sim.pay(referenceId, { state: 'FILLED' });
		}
		await createPayment(sim, 4).then(({ referenceId }) => sim.expire(referenceId));
		await host.tick();
		const before = searchCount(sim);
		for (let poll = 0; poll < 5; poll++) expect(itemsOf(await host.tick())).toEqual([]);
		expect(searchCount(sim) - before).toBe(5);
	});

	it('gives the same eventId as the PayRam Trigger for the same payment and state', async () => {
		const webhook = await startTrigger('trigger-single.json');
		try {
			const host = await activate(webhook.sim, pollWorkflow({ states: ['FILLED'] }));
			const { referenceId } = await createPayment(webhook.sim, 12.5);
			// Paid in ETH: the filled amount is a crypto amount with many digits, the USD amount another number.
			const delivery = await webhook.sim.pay(referenceId, { state: 'FILLED', amountUsd: '12.50', currency: 'ETH', network: 'ETH' });
			expect(delivery?.status).toBe(200);
			await webhook.host.idle();
			const pushed = webhook.host.executions.at(-1)!.output('Event')[0].json;
			const [polled] = itemsOf(await host.tick());
			expect(polled.referenceId).toBe(referenceId);
			expect(polled.eventId).toBe(pushed.eventId);
		} finally {
			await webhook.close();
		}
	});

	it('turns a PayRam error into one NodeApiError without the key, and carries on at the next poll', async () => {
		const host = await activate(sim, pollWorkflow(EXPIRED));
		// The search only reads, so the transport retries it twice: three failures in a row reach the poll.
		sim.setFaults({ failNext: { count: 3, status: 503, pathPrefix: '/api/v1/payment/search' } });
		const failed = await host.tick();
		expect(failed.error).toBeInstanceOf(NodeApiError);
		expect(failed.error!.message).toMatch(/^PayRam: .*HTTP 503/);
		expect(JSON.stringify(failed.error)).not.toContain(sim.apiKey);
		const link = await createPayment(sim, 10);
		sim.expire(link.referenceId);
		expect(itemsOf(await host.tick()).map((item) => item.referenceId)).toEqual([link.referenceId]);
	});

	it('refuses to activate with nothing to watch', async () => {
		await expect(activate(sim, pollWorkflow({ states: [], catchUnnotified: false }))).rejects.toThrow('Nothing to watch');
	});

	describe('example workflows', () => {
		const example = (file: string) =>
			JSON.parse(readFileSync(path.resolve(__dirname, '../../examples', file), 'utf8')) as WorkflowFixture;
		const activateExample = (file: string) =>
			activatePollWorkflow({ workflow: example(file), credentials: payRamCredentials(sim.url, sim.apiKey) });

		it('"Chase expired payment links" hands each expired link to Chase Customer', async () => {
			const host = await activateExample('chase-expired-payment-links.json');
			const link = await createPayment(sim, 10);
			sim.expire(link.referenceId);
			const tick = await host.tick();
			expect(tick.execution!.output('Chase Customer').map((item) => item.json.referenceId)).toEqual([link.referenceId]);
		});

		it('"Fulfil paid orders whose webhook failed" hands the order to Fulfil Order', async () => {
			const host = await activateExample('fulfil-unnotified-payments.json');
			receiver.status = 500;
			const order = await createPayment(sim, 10);
			await sim.pay(order.referenceId, { state: 'FILLED' });
			const tick = await host.tick();
			expect(tick.execution!.output('Fulfil Order').map((item) => [item.json.referenceId, item.json.condition])).toEqual([
				[order.referenceId, 'webhookFailed'],
			]);
		});
	});
});
