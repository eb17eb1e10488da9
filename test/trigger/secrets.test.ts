// The Project API Key and the webhook signatures must not end up in executions or in answers.
import { signatureFor } from '../simulator/webhooks';
import type { WebhookMode } from '../simulator/server';
import { createPayment, createPayout, headersOf, settle, startTrigger, type TriggerSetup } from './setup';

describe('PayRam Trigger and secrets', () => {
	const setups: TriggerSetup[] = [];

	afterEach(async () => {
		for (const setup of setups.splice(0)) await setup.close();
	});

	/** Every kind of delivery the trigger answers: events that run, duplicates, ignored ones, pings and refusals. */
	async function deliverEverything(mode: WebhookMode): Promise<TriggerSetup[]> {
		const perState = await startTrigger('trigger-per-state.json', { mode });
		const dedupe = await startTrigger('trigger-dedupe.json', { mode });
		const single = await startTrigger('trigger-single.json', { mode });
		setups.push(perState, dedupe, single);

		for (const t of [perState, dedupe, single]) {
			for (const state of ['PARTIALLY_FILLED', 'FILLED', 'OVER_FILLED'] as const) {
				const payment = await createPayment(t.sim, 49.99);
				await t.sim.pay(payment.referenceId, { state });
			}
			await t.sim.redeliver();
			const payoutId = await createPayout(t.sim, '12.34');
			await t.sim.setPayoutStatus(payoutId, 'processed');
			await t.sim.ping({ signed: true });
			await t.sim.ping({ signed: false });
			const [first] = t.sim.deliveries;
			// A body changed after signing (refused when signed), and one without reference_id (refused).
			await t.sim.deliverRaw({ method: first.request.method, headers: headersOf(first.request), body: `${first.request.rawBody} ` });
			const body = JSON.stringify({ status: 'FILLED' });
			await t.sim.deliverRaw({
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'API-Key': t.sim.apiKey, 'X-Payram-Signature': signatureFor(t.sim.apiKey, body) },
				body,
			});
			await settle(t.host);
		}
		return [perState, dedupe, single];
	}

	it.each(['current', 'legacy'] as const)('keeps the API key and signatures out of run data and answers (%s mode)', async (mode) => {
		const all = await deliverEverything(mode);

		for (const t of all) {
			const signatures = t.sim.deliveries
				.map((delivery) => delivery.request.headers['X-Payram-Signature'])
				.filter((signature): signature is string => signature !== undefined);
			const secrets = [t.sim.apiKey, ...signatures, ...signatures.map((signature) => signature.replace(/^sha256=/, ''))];
			// Not vacuous: the key was sent with every delivery, signed deliveries carried signatures, workflows ran.
			expect(t.sim.deliveries.every((delivery) => delivery.request.headers['API-Key'] === t.sim.apiKey)).toBe(true);
			expect(signatures.length).toBeGreaterThanOrEqual(mode === 'current' ? 7 : 1);
			expect(t.host.executions.length).toBeGreaterThanOrEqual(2);
			expect(t.host.responses.length).toBe(t.sim.deliveries.length);
			expect(t.host.errors).toEqual([]);

			const runData = t.host.executions.map((execution) => JSON.stringify(execution.run));
			const answers = [...t.host.responses.map((exchange) => exchange.responseBody), ...t.sim.deliveries.map((delivery) => delivery.body)];
			const staticData = JSON.stringify(t.host.staticData);
			for (const secret of secrets) {
				for (const text of runData) expect(text).not.toContain(secret);
				for (const text of answers) expect(text).not.toContain(secret);
				expect(staticData).not.toContain(secret);
			}
		}
	});
});
