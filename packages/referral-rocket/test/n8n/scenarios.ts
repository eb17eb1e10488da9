// The Referral Rocket Trigger and node in a real n8n (single instance or queue mode), against the Referral Rocket simulator.
import { createHmac } from 'node:crypto';

import axios from 'axios';

import type { SuiteN8n } from '../../../../testing/n8n/suite-package';
import { finishedExecutions, secretsIn } from '../../../../testing/n8n/trigger-runs';
import { waitFor } from '../../../../testing/n8n/wait';
import { MONEY_KEYS } from '../../nodes/ReferralRocketTrigger/helpers/deliveries';
import { participantsOf } from '../simulator/records';
import { SEED_CAMPAIGN_ID, SEED_REFERRER_CODE, SEED_REFERRER_EMAIL } from '../simulator/server';
import { deliverEvent, newWebhookSecret, signatureFor, type KeyEncoding } from '../simulator/webhooks';
import { amountIn, itemsOf, keyEncodingOf, SIGNATURE_HEADER, triggerUrl, WORKFLOWS, type ReferralRocketInSuite } from './setup';

export interface ScenarioContext extends SuiteN8n {
	rr: ReferralRocketInSuite;
}

const EVENT_ID = /^rr_[0-9a-f]{24}$/;
const UNDOCUMENTED = 'participant_qualified';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Exact bytes to a trigger URL; the answer's status and body text. */
async function post(url: string, body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; body: string }> {
	const answer = await axios.post<string>(url, Buffer.from(body), {
		headers: { 'Content-Type': 'application/json', ...headers },
		responseType: 'text',
		transformResponse: (text: string) => text,
		validateStatus: () => true,
	});
	return { status: answer.status, body: answer.data };
}

/** Waits until the published trigger answers (an unsigned request: 401 once it listens, 404 before). */
export async function untilListening(url: string): Promise<void> {
	await waitFor(`the trigger at ${url} to listen`, async () => ((await post(url, '{}', {})).status === 401 ? true : undefined), 120_000);
}

/**
 * Signed deliveries of every event type, in both key readings, start one execution each with the right item; forged,
 * unsigned and empty-key ones start none; the node reads through the credential; no secret reaches an execution or
 * log. `whilePublished` registers a suite's own tests (e.g. a load).
 */
export function referralRocketScenarios(context: () => ScenarioContext, whilePublished?: () => void): void {
	let ctx: ScenarioContext;
	const url = (workflowId: string) => triggerUrl(ctx.webhookBaseUrl, workflowId);

	describe('Referral Rocket Trigger and node in this n8n', () => {
		beforeAll(async () => {
			ctx = context();
			// What a builder does in Referral Rocket's dashboard: the Production URL and the secret the credential holds.
			ctx.rr.sim.webhooks.register({ url: url(WORKFLOWS.trigger), secret: ctx.rr.secrets.hex, keyEncoding: 'utf8' });
			for (const id of [WORKFLOWS.trigger, WORKFLOWS.whsec]) await ctx.n8n.publish(id);
			for (const id of [WORKFLOWS.trigger, WORKFLOWS.whsec]) await untilListening(url(id));
		}, 180_000);

		it('signed deliveries of each event type, with either reading of the secret, start one execution each with the right item and exact amounts', async () => {
			const { sim, secrets } = ctx.rr;
			const first = sim.webhooks.deliveries.length;
			// Referral Rocket's own deliveries (UTF-8 reading): a direct signup, a referred one, the referee qualifying.
			sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'e2e.referrer@example.com' });
			sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'e2e.referee@example.com', referredByCode: SEED_REFERRER_CODE });
			sim.qualify({ id: SEED_CAMPAIGN_ID, email: 'e2e.referee@example.com', amountPaid: '49.99' });
			await sim.idle();
			// The same three events signed with the hex reading, and an event type Referral Rocket does not document in both.
			const played: Array<[string, string, KeyEncoding]> = [
				['referrer_added', 'e2e.referrer@example.com', 'hex'],
				['referee_added', 'e2e.referee@example.com', 'hex'],
				['reward_unlocked', SEED_REFERRER_EMAIL, 'hex'],
				[UNDOCUMENTED, 'ada.lovelace@example.com', 'utf8'],
				[UNDOCUMENTED, 'ada.lovelace@example.com', 'hex'],
			];
			for (const [eventType, email, keyEncoding] of played) await deliverEvent(sim.webhooks, sim.state, { eventType, email, campaignId: SEED_CAMPAIGN_ID, keyEncoding });

			const ours = sim.webhooks.deliveries.slice(first);
			expect(ours.map((d) => [d.eventType, keyEncodingOf(secrets.hex, d.request.rawBody, d.request.headers[SIGNATURE_HEADER])])).toEqual([
				['referrer_added', 'utf8'],
				['referee_added', 'utf8'],
				['reward_unlocked', 'utf8'],
				...played.map(([eventType, , keyEncoding]) => [eventType, keyEncoding]),
			]);
			expect(ours.map((d) => [d.outcome, d.attempts[0].status])).toEqual(ours.map(() => ['delivered', 200]));
			const all = await finishedExecutions(ctx.n8n, WORKFLOWS.trigger, ours.length, 120_000);
			expect(all).toHaveLength(ours.length);
			const items = all.flatMap(itemsOf);
			for (const delivery of ours) {
				const raw = delivery.request.rawBody;
				const sent = JSON.parse(raw) as { eventType: string; data: Record<string, unknown>; createdAt: number };
				const { eventId } = JSON.parse(delivery.attempts[0].body) as { eventId: string };
				expect(eventId).toMatch(EVENT_ID);
				const matching = items.filter((item) => item.json.eventId === eventId && item.json.signatureKeyEncoding === keyEncodingOf(secrets.hex, raw, delivery.request.headers[SIGNATURE_HEADER]));
				expect(matching).toHaveLength(1);
				const [{ output, json }] = matching;
				expect(output).toBe(sent.eventType === UNDOCUMENTED ? 'Other Event' : 'Event');
				expect(json).toMatchObject({
					eventType: sent.eventType,
					participantId: String(sent.data.participantId),
					email: sent.data.email,
					referralCode: sent.data.code,
					campaignId: SEED_CAMPAIGN_ID,
					eventTime: new Date(sent.createdAt).toISOString(),
				});
				// Every amount is the exact text of the number Referral Rocket sent, never a float.
				for (const key of MONEY_KEYS) {
					if (amountIn(raw, key) === undefined) continue;
					expect([key, json[key]]).toEqual([key, amountIn(raw, key)]);
				}
			}
			const unlocked = items.filter((item) => item.json.eventType === 'reward_unlocked').map((item) => item.json);
			// The referrer's 20 already due plus the campaign's 20 for the referee who just qualified.
			expect(unlocked.map((item) => [item.email, item.rewardDue])).toEqual([
				[SEED_REFERRER_EMAIL, '40'],
				[SEED_REFERRER_EMAIL, '40'],
			]);
			if (ctx.workers) {
				const workerLogs = ctx.workers.map((w) => w.log()).join('\n');
				for (const execution of all) expect(workerLogs).toMatch(new RegExp(`execution ${String(execution.id)}\\b`));
			}
		}, 180_000);

		it('forged, unsigned and empty-key deliveries get 401, a malformed one 400, and none starts a workflow', async () => {
			const { sim, secrets } = ctx.rr;
			const before = (await ctx.n8n.executions(WORKFLOWS.trigger)).length;
			const body = sim.webhooks.deliveries.find((d) => d.eventType === 'referrer_added')!.request.rawBody;
			const emptyKey = createHmac('sha256', Buffer.alloc(0)).update(body).digest('hex');
			const trigger = url(WORKFLOWS.trigger);
			const whsec = url(WORKFLOWS.whsec);
			expect(Buffer.from(secrets.whsec, 'hex')).toHaveLength(0);
			const answers = {
				unsigned: await post(trigger, body, {}),
				'empty signature': await post(trigger, body, { [SIGNATURE_HEADER]: '' }),
				'forged: another secret': await post(trigger, body, { [SIGNATURE_HEADER]: signatureFor(newWebhookSecret(), body) }),
				'forged: the signature of another body': await post(trigger, body, { [SIGNATURE_HEADER]: signatureFor(secrets.hex, `${body} `) }),
				'forged: the other credential\'s secret': await post(trigger, body, { [SIGNATURE_HEADER]: signatureFor(secrets.whsec, body) }),
				'empty key, hex secret': await post(trigger, body, { [SIGNATURE_HEADER]: emptyKey }),
				// Referral Rocket's JavaScript sample would sign with this: a lenient hex decoder turns `whsec_…` into no key at all.
				'empty key, whsec_ secret': await post(whsec, body, { [SIGNATURE_HEADER]: emptyKey }),
				'whsec_ secret, hex reading': await post(whsec, body, { [SIGNATURE_HEADER]: signatureFor(secrets.whsec, body, 'hex') }),
				unsigned_whsec: await post(whsec, body, {}),
				// As text/plain: n8n itself answers JSON it cannot parse before the trigger runs.
				'signed, malformed JSON': await post(trigger, '{"eventType":', { 'Content-Type': 'text/plain', [SIGNATURE_HEADER]: signatureFor(secrets.hex, '{"eventType":') }),
			};
			expect(Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, answer.status]))).toEqual({
				unsigned: 401,
				'empty signature': 401,
				'forged: another secret': 401,
				'forged: the signature of another body': 401,
				'forged: the other credential\'s secret': 401,
				'empty key, hex secret': 401,
				'empty key, whsec_ secret': 401,
				'whsec_ secret, hex reading': 401,
				unsigned_whsec: 401,
				'signed, malformed JSON': 400,
			});
			for (const answer of Object.values(answers)) expect(answer.body).not.toContain('eventId');
			// The whsec_ credential's own UTF-8 reading passes: its trigger listens, and only the forgeries were refused.
			const genuine = await post(whsec, body, { [SIGNATURE_HEADER]: signatureFor(secrets.whsec, body, 'utf8') });
			expect(genuine.status).toBe(200);
			const [run] = await finishedExecutions(ctx.n8n, WORKFLOWS.whsec, 1);
			expect(itemsOf(run).map((item) => [item.output, item.json.signatureKeyEncoding])).toEqual([['Event', 'utf8']]);
			await sleep(2000);
			expect(await ctx.n8n.executions(WORKFLOWS.trigger)).toHaveLength(before);
			expect(await ctx.n8n.executions(WORKFLOWS.whsec)).toHaveLength(1);
		}, 120_000);

		it('the Referral Rocket node lists every participant of a campaign through the credential (Participant Get Many, Return All)', async () => {
			const { sim } = ctx.rr;
			const { ok, run, output } = await ctx.n8n.executeWorkflow(WORKFLOWS.node);
			expect({ ok, output: ok ? '' : output }).toEqual({ ok: true, output: '' });
			const listed = (run?.data?.resultData?.runData?.['Get Participants']?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
			expect(listed.map((p) => p.email).sort()).toEqual(participantsOf(sim.state, SEED_CAMPAIGN_ID).map((p) => p.email).sort());
			const reads = sim.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/getAllParticipants');
			expect(reads.map((r) => r.query.id)).toContain(SEED_CAMPAIGN_ID);
			// The credential's API Key is empty: no key header goes out.
			for (const read of reads) expect(read.headers['x-api-key']).toBeUndefined();
		});

		whilePublished?.();

		it('neither webhook signing secret appears in any execution or n8n log line', async () => {
			const { secrets } = ctx.rr;
			const all = (await Promise.all([WORKFLOWS.trigger, WORKFLOWS.whsec, WORKFLOWS.node].map((id) => ctx.n8n.executions(id)))).flat();
			expect(all.length).toBeGreaterThan(8);
			expect(secretsIn(JSON.stringify(all), Object.values(secrets))).toEqual([]);
			expect(secretsIn(ctx.logs(), Object.values(secrets))).toEqual([]);
		});
	});
}
