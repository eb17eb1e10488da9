// Queue mode: a load of signed UpPromote deliveries through the webhook processor, bounded by time with a floor.
import { signedLoad } from '../../../../testing/n8n/trigger-reliability';
import type { ScenarioContext } from './scenarios';
import { eventUrl, referralDeliveries, referralIdsOf, WORKFLOWS } from './setup';

/**
 * Sized by time: UPPROMOTE_QUEUE_LOAD_SECONDS (90) or UPPROMOTE_QUEUE_DELIVERIES (2,000), whichever comes first, and
 * at least 100. A busy 2-core machine sent 298 in 60 s (about 5/s): 90 s gives about 4x the floor.
 */
const LOAD_MS = Number(process.env.UPPROMOTE_QUEUE_LOAD_SECONDS ?? 90) * 1000;
const MAX = Number(process.env.UPPROMOTE_QUEUE_DELIVERIES ?? 2000);
const FLOOR = Math.min(100, MAX);

export function upPromoteQueueLoad(context: () => ScenarioContext): void {
	it(`turns a ${LOAD_MS / 1000}-second load of signed referral.new deliveries (at most ${MAX}, at least ${FLOOR}) through the webhook processor into one execution each`, async () => {
		const ctx = context();
		const url = eventUrl(ctx.webhookBaseUrl, WORKFLOWS.trigger, 'referral.new');
		const deliveries = referralDeliveries(ctx.up, url, MAX, 7_000_000);
		const { report, executions, check } = await signedLoad({ n8n: ctx.n8n, workflowId: WORKFLOWS.trigger, url, deliveries, concurrency: 20, timeCapMs: LOAD_MS, idsOf: referralIdsOf });
		const sent = report.started;
		console.log(`queue mode, UpPromote: ${sent} signed deliveries in ${(report.elapsedMs / 1000).toFixed(0)} s (${(sent / (report.elapsedMs / 1000)).toFixed(1)}/s acknowledged, p95 ${report.latencyMs.p95.toFixed(0)} ms): executions ${executions.length}, lost ${check.lost}, duplicated ${check.duplicated}`);
		expect(sent).toBeGreaterThanOrEqual(FLOOR);
		expect(report.statuses).toEqual({ 200: sent });
		expect({ ...check, executions: executions.length }).toEqual({ lost: 0, duplicated: 0, unexpected: 0, examples: [], executions: sent });
	}, 20 * 60_000);
}
