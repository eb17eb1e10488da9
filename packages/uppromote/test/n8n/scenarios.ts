// The UpPromote Trigger and node in a real n8n (single instance or queue mode), against the UpPromote simulator.
import axios from 'axios';

import type { SuiteN8n } from '../../../../testing/n8n/suite-package';
import type { WebhookReceiver } from '../../../../testing/simulator/receiver';
import { signatureFor, type WebhookEvent } from '../simulator/server';
import { chosenEvents, eventUrl, triggerItems, WORKFLOWS, type UpPromoteInSuite } from './setup';
import { finishedExecutions, secretsIn } from '../../../../testing/n8n/trigger-runs';
import { waitFor } from '../../../../testing/n8n/wait';

export interface ScenarioContext extends SuiteN8n {
	up: UpPromoteInSuite;
	/** Another integration's URL, holding the one event the trigger does not choose. */
	foreign: WebhookReceiver;
}

const EVENT_ID = /^uppromote_[0-9a-f]{24}$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The record id an item must carry for a delivered body, by the shape of its event. */
function expectedIds(event: string, body: Record<string, unknown>): Record<string, string> {
	if (event === 'referral.status-changed') return { referralId: String(body.referral_id), currentStatus: String(body.current_status) };
	if (event === 'affiliate.status-changed') return { affiliateId: String(body.affiliate_id), currentStatus: String(body.current_status) };
	if (event.startsWith('referral.')) return { referralId: String(body.id), status: String(body.status) };
	if (event.startsWith('affiliate.')) return { affiliateId: String(body.id), status: String(body.status) };
	return { paymentId: String(body.payment_id), affiliateId: String(body.affiliate_id) };
}

/**
 * Publishing subscribes, signed deliveries of every chosen event run, forged ones do not, the node reads through the
 * credential, unpublishing unsubscribes exactly the trigger's events, and no key or secret reaches an execution or log.
 * `whilePublished` registers a suite's own tests (e.g. a load) before unpublishing.
 */
export function upPromoteScenarios(context: () => ScenarioContext, whilePublished?: () => void): void {
	const chosen = chosenEvents(WORKFLOWS.trigger);
	const foreignEvent: WebhookEvent = 'affiliate.status-changed';
	let ctx: ScenarioContext;
	const url = (event: string) => eventUrl(ctx.webhookBaseUrl, WORKFLOWS.trigger, event);
	const secretOf = (event: string) => ctx.up.sim.state.subscriptions.find((s) => s.event === event)?.secretKey ?? '';
	const executions = () => ctx.n8n.executions(WORKFLOWS.trigger);

	describe('UpPromote Trigger and node in this n8n', () => {
		beforeAll(async () => {
			ctx = context();
			const { sim } = ctx.up;
			// Another integration holds the one event the trigger does not choose: unpublishing must leave it.
			const held = await axios.post(`${sim.baseUrl}/webhook-subscriptions`, { event: foreignEvent, target_url: ctx.foreign.url }, { headers: { Authorization: sim.apiKey } });
			expect(held.status).toBe(200);
			await ctx.n8n.publish(WORKFLOWS.trigger);
			await waitFor('the trigger to subscribe its events', async () => (sim.state.subscriptions.length === chosen.length + 1 ? true : undefined), 120_000);
			ctx.up.noteSecrets();
		}, 180_000);

		it('publishing subscribes each chosen event to its own URL; the validation pings get 200 and start nothing', async () => {
			const { sim } = ctx.up;
			const held = Object.fromEntries(sim.state.subscriptions.map((s) => [s.event, s.targetUrl]));
			expect(held).toEqual({ ...Object.fromEntries(chosen.map((event) => [event, url(event)])), [foreignEvent]: ctx.foreign.url });
			const pings = sim.deliveries.filter((d) => d.kind === 'validation-ping' && d.request.url.startsWith(ctx.webhookBaseUrl));
			expect(pings.map((p) => [p.request.url, p.status]).sort()).toEqual(chosen.map((event) => [url(event), 200]).sort());
			expect(new Set(chosen.map(secretOf)).size).toBe(chosen.length);
			await sleep(1500);
			expect(await executions()).toHaveLength(0);
		});

		it('a signed delivery of each chosen event starts one execution whose item names the event and its record', async () => {
			const { sim } = ctx.up;
			const first = sim.deliveries.length;
			const approved = await sim.createReferral({ affiliate_id: 2029238, total_sales: '120.00', commission: '12.00', order_id: 5001, order_number: 1001 });
			await sim.setReferralStatus(approved.record.id, 'approved');
			const denied = await sim.createReferral({ affiliate_id: 2014227, total_sales: '10.00', commission: '1.00' });
			await sim.setReferralStatus(denied.record.id, 'denied');
			const created = await axios.post(`${sim.baseUrl}/affiliates`, { email: 'new-partner@example.com', first_name: 'New', last_name: 'Partner' }, { headers: { Authorization: sim.apiKey } });
			expect(created.status).toBe(200);
			await sim.setAffiliateStatus(2029241, 'active');
			await sim.setAffiliateStatus(2014227, 'inactive');
			await sim.markPaid(2029238);
			await sim.idle();

			const ours = sim.deliveries.slice(first).filter((d) => d.request.url.startsWith(ctx.webhookBaseUrl));
			expect(new Set(ours.map((d) => d.kind))).toEqual(new Set(chosen));
			expect(ours.map((d) => d.status)).toEqual(ours.map(() => 200));
			const all = await finishedExecutions(ctx.n8n, WORKFLOWS.trigger, ours.length, 120_000);
			expect(all).toHaveLength(ours.length);
			const items = all.flatMap(triggerItems);
			for (const delivery of ours) {
				const body = JSON.parse(delivery.request.rawBody) as Record<string, unknown>;
				const { eventId } = JSON.parse(delivery.body) as { eventId: string };
				expect(eventId).toMatch(EVENT_ID);
				const matching = items.filter((item) => item.eventId === eventId);
				expect(matching).toHaveLength(1);
				expect(matching[0]).toMatchObject({ event: delivery.kind, ...expectedIds(delivery.kind, body) });
			}
			// Amounts stay the exact text UpPromote sent: a JSON number in payment.paid becomes its digits, never a float.
			const paid = items.find((item) => item.event === 'payment.paid') as { payload: Record<string, unknown> };
			const paidBody = ours.find((d) => d.kind === 'payment.paid')!.request.rawBody;
			expect(typeof paid.payload.total_processed).toBe('string');
			expect(paidBody).toContain(`"total_processed":${String(paid.payload.total_processed)}`);
			if (ctx.workers) {
				const workerLogs = ctx.workers.map((w) => w.log()).join('\n');
				for (const execution of all) expect(workerLogs).toMatch(new RegExp(`execution ${String(execution.id)}\\b`));
			}
		}, 180_000);

		it('forged, unsigned, wrong-secret and wrong-path deliveries get 401, a malformed one 400, and none starts a workflow', async () => {
			const { sim } = ctx.up;
			const before = (await executions()).length;
			const accepted = sim.deliveries.find((d) => d.kind === 'referral.new' && d.status === 200)!.request;
			const body = accepted.rawBody;
			const json = { 'Content-Type': 'application/json' };
			const send = (event: string, headers: Record<string, string>, raw = body) => sim.deliverRaw({ url: url(event), method: 'POST', headers: { ...json, ...headers }, body: raw });
			const answers = {
				unsigned: await send('referral.new', {}),
				forged: await send('referral.new', { 'X-UpPromote-Signature': 'f'.repeat(64) }),
				'replayed with another event\'s secret': await send('referral.new', { 'X-UpPromote-Signature': signatureFor(secretOf('payment.paid'), body) }),
				'replayed with a made-up secret': await send('referral.new', { 'X-UpPromote-Signature': signatureFor('0123456789abcdef0123456789abcdef', body) }),
				'signed with the API key': await send('referral.new', { 'X-UpPromote-Signature': signatureFor(sim.apiKey, body) }),
				'right signature, wrong event path': await send('payment.paid', { 'X-UpPromote-Signature': signatureFor(secretOf('referral.new'), body) }),
				// As text/plain: n8n itself answers JSON it cannot parse before the trigger runs.
				'signed, malformed JSON': await send('referral.new', { 'Content-Type': 'text/plain', 'X-UpPromote-Signature': signatureFor(secretOf('referral.new'), '{"id":') }, '{"id":'),
				'validation ping': await send('referral.new', {}, ''),
			};
			expect(Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, answer.status]))).toEqual({
				unsigned: 401,
				forged: 401,
				'replayed with another event\'s secret': 401,
				'replayed with a made-up secret': 401,
				'signed with the API key': 401,
				'right signature, wrong event path': 401,
				'signed, malformed JSON': 400,
				'validation ping': 200,
			});
			for (const answer of Object.values(answers)) expect(answer.body).not.toContain('eventId');
			await sleep(2000);
			expect(await executions()).toHaveLength(before);
		});

		it('the UpPromote node lists every affiliate through the UpPromote API credential (Get Many, Return All)', async () => {
			const { sim } = ctx.up;
			const { ok, run, output } = await ctx.n8n.executeWorkflow(WORKFLOWS.node);
			expect({ ok, output: ok ? '' : output }).toEqual({ ok: true, output: '' });
			const runs = run?.data?.resultData?.runData?.['Get Affiliates'];
			const listed = (runs?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
			expect(listed.map((a) => a.email).sort()).toEqual(sim.state.affiliates.map((a) => a.email).sort());
			const reads = sim.requests.filter((r) => r.method === 'GET' && r.path === '/api/v2/affiliates');
			expect(reads.length).toBeGreaterThan(0);
			// The key goes as the raw Authorization header, without Bearer.
			for (const read of reads) expect(read.headers.authorization).toBe(sim.apiKey);
		});

		whilePublished?.();

		it('unpublishing removes exactly the trigger\'s subscriptions and leaves the other integration\'s', async () => {
			const { sim } = ctx.up;
			const first = sim.requests.length;
			await ctx.n8n.unpublish(WORKFLOWS.trigger);
			await waitFor('the subscriptions to go', async () => (sim.state.subscriptions.length === 1 ? true : undefined), 60_000);
			expect(sim.state.subscriptions.map((s) => [s.event, s.targetUrl])).toEqual([[foreignEvent, ctx.foreign.url]]);
			const removed = sim.requests.slice(first).filter((r) => r.method === 'DELETE' && r.path === '/api/v2/webhook-subscriptions');
			expect(removed.map((r) => (JSON.parse(r.rawBody) as { event: string }).event).sort()).toEqual([...chosen].sort());
		});

		it('the UpPromote API key and the webhook secrets appear in no execution data and no n8n log line', async () => {
			const { sim, secretsSeen } = ctx.up;
			const secrets = [sim.apiKey, ...secretsSeen];
			expect(secretsSeen.size).toBeGreaterThanOrEqual(chosen.length);
			const all = [...(await executions()), ...(await ctx.n8n.executions(WORKFLOWS.node))];
			expect(all.length).toBeGreaterThan(chosen.length);
			expect(secretsIn(JSON.stringify(all), secrets)).toEqual([]);
			expect(secretsIn(ctx.logs(), secrets)).toEqual([]);
		});
	});
}
