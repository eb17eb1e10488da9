// Publishing and unpublishing the UpPromote Trigger against the simulator: subscriptions, secrets, foreign holders.
import type { WebhookReceiver } from '../../../../testing/simulator/receiver';
import { startWebhookReceiver } from '../../../../testing/simulator/receiver';
import type { UpPromoteSimulator } from '../simulator/server';
import { WEBHOOK_EVENTS } from '../simulator/server';
import { startWebhookHost } from '../../../../testing/engine/webhook-server';
import { openSecret } from '../../nodes/UpPromote/kit/sealedSecret';
import { SEALING_LABEL } from '../../nodes/UpPromoteTrigger/webhookMethods';
import { credentialsFor, publish, startSimulator, subscriptions, TRIGGER, uniqueWorkflow, upPromoteApi, urlOf } from './setup';

describe('UpPromote Trigger activation', () => {
	let sim: UpPromoteSimulator;
	let foreign: WebhookReceiver;

	beforeEach(async () => {
		sim = await startSimulator();
		foreign = await startWebhookReceiver('/other-integration');
	});

	afterEach(async () => {
		await foreign.close();
		await sim.close();
	});

	it('subscribes each chosen event to its own URL, answers the validation pings live, and keeps each secret', async () => {
		const host = await publish(sim, 'uppromote-trigger-all-events.json');
		try {
			const held = await subscriptions(sim);
			expect(held.map((subscription) => subscription.event).sort()).toEqual([...WEBHOOK_EVENTS].sort());
			for (const subscription of held) expect(subscription.target_url).toBe(urlOf(host, subscription.event as never));

			const pings = sim.deliveries.filter((delivery) => delivery.kind === 'validation-ping');
			expect(pings).toHaveLength(9);
			expect(pings.map((ping) => ping.status)).toEqual(Array(9).fill(200));
			expect(host.executions).toEqual([]);
			expect(host.errors).toEqual([]);

			// n8n 1.x stores static data with every execution: each secret is kept sealed under the API key, never as sent.
			const stored = (host.staticData[`node:${TRIGGER}`] as { subscriptions: Record<string, { sealedSecret: string; targetUrl: string }> }).subscriptions;
			const staticText = JSON.stringify(host.staticData);
			for (const subscription of held) {
				expect(staticText).not.toContain(subscription.secret_key);
				expect(stored[subscription.event]).toEqual({ targetUrl: subscription.target_url, sealedSecret: expect.any(String) });
				expect(openSecret(stored[subscription.event].sealedSecret, sim.apiKey, SEALING_LABEL)).toBe(subscription.secret_key);
			}
			expect(new Set(held.map((subscription) => subscription.secret_key)).size).toBe(9);
			expect(staticText).not.toContain(sim.apiKey);
		} finally {
			await host.close();
		}
	});

	it('refuses an event another URL holds, naming the event and that URL, and leaves it and everything else as it was', async () => {
		expect((await upPromoteApi(sim, 'POST', '/webhook-subscriptions', { event: 'referral.new', target_url: foreign.url })).status).toBe(200);

		// A publish that wrongly succeeds is unpublished, so the failure is this assertion and not an open server.
		const published = publish(sim, 'uppromote-trigger-dedupe.json').then(async (host) => {
			await host.close();
			return host;
		});
		await expect(published).rejects.toThrow(
			`UpPromote's referral.new event is already subscribed to another URL: ${foreign.url}. UpPromote allows one subscription per event, so remove that subscription, or turn on the option Replace Existing Subscriptions to move the event to this trigger.`,
		);
		expect((await subscriptions(sim)).map(({ event, target_url }) => ({ event, target_url }))).toEqual([
			{ event: 'referral.new', target_url: foreign.url },
		]);
	});

	it('moves an event held by another URL to the trigger with Replace Existing Subscriptions', async () => {
		expect((await upPromoteApi(sim, 'POST', '/webhook-subscriptions', { event: 'payment.paid', target_url: foreign.url })).status).toBe(200);

		const host = await publish(sim, 'uppromote-trigger-replace.json');
		try {
			const held = await subscriptions(sim);
			expect(held.find((subscription) => subscription.event === 'payment.paid')?.target_url).toBe(urlOf(host, 'payment.paid'));
			expect(held.find((subscription) => subscription.event === 'referral.new')?.target_url).toBe(urlOf(host, 'referral.new'));
		} finally {
			await host.close();
		}
	});

	it('on unpublishing, removes only the subscriptions that still point at the trigger', async () => {
		const host = await publish(sim, 'uppromote-trigger-dedupe.json');
		expect((await subscriptions(sim)).map((subscription) => subscription.event).sort()).toEqual(['affiliate.new', 'affiliate.status-changed', 'referral.new']);
		// Another integration takes affiliate.new over while the workflow is published.
		expect((await upPromoteApi(sim, 'DELETE', '/webhook-subscriptions', { event: 'affiliate.new' })).status).toBe(200);
		expect((await upPromoteApi(sim, 'POST', '/webhook-subscriptions', { event: 'affiliate.new', target_url: foreign.url })).status).toBe(200);
		// And holds an event the trigger never chose.
		expect((await upPromoteApi(sim, 'POST', '/webhook-subscriptions', { event: 'payment.paid', target_url: foreign.url })).status).toBe(200);

		await host.close();

		expect((await subscriptions(sim)).map(({ event, target_url }) => ({ event, target_url })).sort((a, b) => a.event.localeCompare(b.event))).toEqual([
			{ event: 'affiliate.new', target_url: foreign.url },
			{ event: 'payment.paid', target_url: foreign.url },
		]);
		expect(host.staticData[`node:${TRIGGER}`]).toEqual({ subscriptions: {} });
	});

	it('takes its events back from its own URL under another address (a Test URL left behind), whose removal then touches nothing', async () => {
		const workflow = uniqueWorkflow('uppromote-trigger-dedupe.json');
		const first = await startWebhookHost({ workflow, credentials: credentialsFor(sim) });
		const before = await subscriptions(sim);
		const subscribeCalls = () => sim.requests.filter((request) => request.method === 'POST' && request.path === '/api/v2/webhook-subscriptions').length;
		expect(subscribeCalls()).toBe(3);
		// The same trigger (same webhook id) served at another address, as its Test URL is.
		const second = await startWebhookHost({ workflow, credentials: credentialsFor(sim) });
		try {
			expect(second.url).not.toBe(first.url);
			const after = await subscriptions(sim);
			expect(after.map((subscription) => subscription.target_url).sort()).toEqual(
				['affiliate.new', 'affiliate.status-changed', 'referral.new'].map((event) => urlOf(second, event as never)).sort(),
			);
			expect(subscribeCalls()).toBe(6);
			expect(before.map((subscription) => subscription.target_url)).toEqual(
				['referral.new', 'affiliate.new', 'affiliate.status-changed'].map((event) => urlOf(first, event as never)),
			);
			await first.close();
			expect(await subscriptions(sim)).toEqual(after);
		} finally {
			await second.close();
		}
	});
});
