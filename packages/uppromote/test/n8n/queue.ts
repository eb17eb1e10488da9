// Queue mode: a load of signed UpPromote deliveries through the webhook processor, bounded by time with a floor.
import { runLoad } from '../../../../testing/n8n/load';
import { waitFor } from '../../../../testing/n8n/wait';
import type { ScenarioContext } from './scenarios';
import { eventUrl, lostAndDuplicated, referralDeliveries, WORKFLOWS } from './setup';

/**
 * Sized by time: UPPROMOTE_QUEUE_LOAD_SECONDS (60) or UPPROMOTE_QUEUE_DELIVERIES (2,000), whichever comes first, and
 * at least 100. The queue suite's PayRam load measured about 4 deliveries/s end to end on a slow machine: 240 in a
 * minute, over twice the floor.
 */
const LOAD_MS = Number(process.env.UPPROMOTE_QUEUE_LOAD_SECONDS ?? 60) * 1000;
const MAX = Number(process.env.UPPROMOTE_QUEUE_DELIVERIES ?? 2000);
const FLOOR = Math.min(100, MAX);

export function upPromoteQueueLoad(context: () => ScenarioContext): void {
	it(`turns a ${LOAD_MS / 1000}-second load of signed referral.new deliveries (at most ${MAX}, at least ${FLOOR}) through the webhook processor into one execution each`, async () => {
		const ctx = context();
		const before = new Set((await ctx.n8n.executions(WORKFLOWS.trigger)).map((e) => String(e.id)));
		const deliveries = referralDeliveries(ctx.up, eventUrl(ctx.webhookBaseUrl, WORKFLOWS.trigger, 'referral.new'), MAX, 7_000_000);
		const report = await runLoad({
			url: eventUrl(ctx.webhookBaseUrl, WORKFLOWS.trigger, 'referral.new'),
			count: deliveries.length,
			request: (i) => deliveries[i].request,
			concurrency: 20,
			timeCapMs: LOAD_MS,
		});
		const sent = report.started;
		expect(sent).toBeGreaterThanOrEqual(FLOOR);
		expect(report.statuses).toEqual({ 200: sent });
		const seen = await waitFor('every execution to finish', async () => {
			const fresh = (await ctx.n8n.executions(WORKFLOWS.trigger)).filter((e) => !before.has(String(e.id)));
			return fresh.length >= sent && fresh.every((e) => e.finished) ? fresh : undefined;
		}, 10 * 60_000);
		const check = lostAndDuplicated(deliveries.slice(0, sent).map((d) => d.referralId), seen);
		console.log(`queue mode, UpPromote: ${sent} signed deliveries in ${(report.elapsedMs / 1000).toFixed(0)} s (${(sent / (report.elapsedMs / 1000)).toFixed(1)}/s acknowledged, p95 ${report.latencyMs.p95.toFixed(0)} ms): executions ${seen.length}, lost ${check.lost}, duplicated ${check.duplicated}`);
		expect({ ...check, executions: seen.length }).toEqual({ lost: 0, duplicated: 0, unexpected: 0, examples: [], executions: sent });
	}, 20 * 60_000);
}
