// The UpPromote Trigger in the reliability suite's n8n: 2,000 signed deliveries at concurrency 50, a hostile corpus,
// and a scan for the API key and the webhook secrets in every execution, log line and answer.
import { executionCounts, n8nHealthy, waitUntilReady } from '../../../../test/reliability/instance';
import type { LoadRequest } from '../../../../testing/n8n/load';
import type { SuiteN8n, SuitePart } from '../../../../testing/n8n/suite-package';
import { runHostileCorpus, scanForSecrets, signedLoad } from '../../../../testing/n8n/trigger-reliability';
import { waitFor } from '../../../../testing/n8n/wait';
import { jsonText } from '../../../../testing/simulator/http';
import { affiliateJson, paidPaymentJson, referralJson } from '../simulator/records';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../simulator/server';
import { hostileCorpus } from './hostile';
import { chosenEvents, eventUrl, referralDeliveries, referralIdsOf, startUpPromote, TRIGGER, workflow, WORKFLOWS, type UpPromoteInSuite } from './setup';

/** The count: every one must be sent, so it has a time cap of its own instead of a bound. */
const DELIVERIES = Number(process.env.UPPROMOTE_RELIABILITY_DELIVERIES ?? 2000);
const CONCURRENCY = 50;
/**
 * 2,000 deliveries took 241 s on a busy 2-core machine; a machine twice as slow needs about 8 minutes. The cap of
 * 16 minutes (UPPROMOTE_RELIABILITY_CAP_MINUTES) keeps 2x headroom against that.
 */
const CAP_MS = Number(process.env.UPPROMOTE_RELIABILITY_CAP_MINUTES ?? 16) * 60_000;
const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function upPromoteReliability(): SuitePart {
	let up: UpPromoteInSuite | undefined;
	return {
		async start() {
			const started = await startUpPromote([WORKFLOWS.reliability]);
			up = started;
			return started.imports;
		},
		tests: (setup) => reliabilityTests(setup, () => up!),
		async stop() {
			await up?.sim.close();
		},
	};
}

function reliabilityTests(setup: () => SuiteN8n, upPromote: () => UpPromoteInSuite): void {
	describe('UpPromote Trigger (every event, Skip Duplicate Events) under load and hostile input', () => {
		let n8n: SuiteN8n['n8n'];
		let up: UpPromoteInSuite;
		let url: (event: string) => string;
		const accepted: Array<{ event: WebhookEvent; request: LoadRequest }> = [];
		/** Answers and executions (id → JSON) collected for the secret scan. */
		const answers: Array<{ source: string; text: string }> = [];
		const scanned = new Map<string, string>();
		const webhookId = (workflow(WORKFLOWS.reliability).nodes.find((node) => node.name === TRIGGER) as { webhookId: string }).webhookId;

		beforeAll(async () => {
			({ n8n } = setup());
			up = upPromote();
			url = (event) => eventUrl(n8n.baseUrl, WORKFLOWS.reliability, event);
			await waitUntilReady(n8n);
			await n8n.publish(WORKFLOWS.reliability);
			const events = chosenEvents(WORKFLOWS.reliability);
			await waitFor('the trigger to subscribe its 9 events', async () => (up.sim.state.subscriptions.length === events.length ? true : undefined), 2 * MINUTE);
			up.noteSecrets();
			expect(up.sim.deliveries.filter((d) => d.kind === 'validation-ping').map((d) => d.status)).toEqual(events.map(() => 200));
		}, 3 * MINUTE);

		it(`${DELIVERIES} signed deliveries at concurrency ${CONCURRENCY} (capped at ${CAP_MS / MINUTE} minutes): each one execution, 0 lost, 0 duplicated`, async () => {
			const deliveries = referralDeliveries(up, url('referral.new'), DELIVERIES, 8_000_000);
			const { report, acknowledged, executions, check, elapsedMs } = await signedLoad({ n8n, workflowId: WORKFLOWS.reliability, url: url('referral.new'), deliveries, concurrency: CONCURRENCY, timeCapMs: CAP_MS, idsOf: referralIdsOf });
			report.results.forEach((r) => answers.push({ source: `load answer #${r.index}`, text: r.body }));
			accepted.push(...acknowledged.slice(-20).map((r) => ({ event: 'referral.new' as const, request: deliveries[r.index].request })));
			for (const execution of executions) scanned.set(String(execution.id), JSON.stringify(execution));
			process.stdout.write(`  UpPromote load: ${report.started} of ${DELIVERIES} sent in ${(report.elapsedMs / 1000).toFixed(1)} s (${((report.started * 1000) / report.elapsedMs).toFixed(1)}/s), statuses ${JSON.stringify(report.statuses)}, p50 ${report.latencyMs.p50.toFixed(0)} ms p95 ${report.latencyMs.p95.toFixed(0)} ms\n`);
			process.stdout.write(`  UpPromote load: ${executions.length} executions after ${(elapsedMs / 1000).toFixed(1)} s: lost ${check.lost}, duplicated ${check.duplicated}, unexpected ${check.unexpected}\n`);
			expect({ sent: report.started, cappedByTime: report.cappedByTime }).toEqual({ sent: DELIVERIES, cappedByTime: false });
			expect(acknowledged).toHaveLength(DELIVERIES);
			expect({ ...check, executions: executions.length }).toEqual({ lost: 0, duplicated: 0, unexpected: 0, examples: [], executions: DELIVERIES });
			expect((await n8nHealthy(n8n)).ok).toBe(true);
		}, CAP_MS + 15 * MINUTE);

		it('a hostile corpus of over 100 requests: none accepted, none starts a workflow, no stack trace or secret in an answer', async () => {
			const { sim } = up;
			const secrets = Object.fromEntries(sim.state.subscriptions.map((s) => [s.event, s.secretKey]));
			const referral = referralJson(sim.state, sim.state.referrals[0]);
			const affiliate = affiliateJson(sim.state, sim.state.affiliates[0]);
			const bodies = Object.fromEntries(
				WEBHOOK_EVENTS.map((event) => {
					const body =
						event === 'referral.status-changed'
							? { referral_id: 8_500_000, previous_status: 'pending', current_status: 'approved' }
							: event === 'affiliate.status-changed'
								? { affiliate_id: 2029238, previous_status: 'pending', current_status: 'active' }
								: event === 'payment.paid'
									? paidPaymentJson(sim.state, sim.state.paidPayments[0])
									: event.startsWith('referral.')
										? { ...referral, id: 8_500_000 }
										: affiliate;
					return [event, jsonText(body)];
				}),
			) as Record<WebhookEvent, string>;
			const corpus = hostileCorpus({ secrets, apiKey: sim.apiKey, bodies, accepted });
			expect(corpus.length).toBeGreaterThanOrEqual(100);
			const before = await executionCounts(n8n, WORKFLOWS.reliability);
			const { problems, table } = await runHostileCorpus({ n8n, webhookId, corpus, secrets: [sim.apiKey, ...up.secretsSeen], answers });
			await sleep(5000);
			const after = await executionCounts(n8n, WORKFLOWS.reliability);
			process.stdout.write(`  UpPromote hostile corpus: ${corpus.length} requests, executions started by them ${after.total - before.total}\n${table.join('\n')}\n`);
			if (after.total !== before.total) problems.push(`the hostile corpus started ${after.total - before.total} executions, expected 0`);
			expect(problems).toEqual([]);
		}, 20 * MINUTE);

		it('the UpPromote API key and every webhook secret appear in no execution, n8n log line or answer', async () => {
			const scanner = await scanForSecrets({ n8n, workflowIds: [WORKFLOWS.reliability], scanned, answers, secrets: [up.sim.apiKey, ...up.secretsSeen] });
			process.stdout.write(`  UpPromote secrets: scanned ${scanned.size} executions, the n8n log and ${answers.length} answers for the API key and ${up.secretsSeen.size} secrets: ${scanner.leaks.length} leaks\n`);
			expect(up.secretsSeen.size).toBe(WEBHOOK_EVENTS.length);
			expect(scanned.size).toBeGreaterThanOrEqual(DELIVERIES);
			expect(scanner.leaks.slice(0, 10)).toEqual([]);
		}, 10 * MINUTE);
	});
}
