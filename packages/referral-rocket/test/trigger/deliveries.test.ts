// Deliveries to the Referral Rocket Trigger through n8n-core's engine: each event type from the simulator, both key
// readings, the empty-key attack, refusals, the unsigned opt-out, Other Event, duplicates and exact amounts.
import { createHmac } from 'node:crypto';

import axios from 'axios';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WebhookHost } from '../../../../testing/engine/webhook-server';
import { MONEY_KEYS } from '../../nodes/ReferralRocketTrigger/helpers/deliveries';
import { parseJsonExact } from '../../nodes/ReferralRocket/kit/exactJson';
import type { ReferralRocketSimulator } from '../simulator/server';
import { SECOND_CAMPAIGN_ID, SEED_CAMPAIGN_ID, SEED_REFERRER_CODE, SEED_REFERRER_EMAIL } from '../simulator/server';
import type { KeyEncoding, WebhookDelivery } from '../simulator/webhooks';
import { deliverEvent, newWebhookSecret, SIGNATURE_HEADER, signatureFor } from '../simulator/webhooks';
import { CONTENT_ID, EVENT_ID, itemOf, publish, settle, startSimulator, TRIGGER } from './setup';

// The test vector of the Referral Rocket notes: one body, one secret, a signature per key reading.
const VECTOR_SECRET = '9f2c4e6a8b0d1f3a5c7e9b1d3f5a7c9e';
const VECTOR_BODY =
	'{"eventType":"referrer_added","data":{"participantId":384,"email":"karan.r.shahss92@gmail.com","code":"scG3q9Ez","campaignId":"PMf8BDZ1zb"},"createdAt":1739070028207,"updatedAt":1739070028207}';
const VECTOR_SIGNATURES: Record<KeyEncoding, string> = {
	utf8: 'a2af33fc95ce1cd136a33a58fa108430406c447d8f68a27164d8517fae5e8bcc',
	hex: '31323a5d238068b6160b7ddfb945872b6e6895ebf497aab15ee2f2d5f8b846b5',
};

const ACK = 'Webhook received successfully';

describe('Referral Rocket Trigger deliveries', () => {
	let sim: ReferralRocketSimulator;
	let host: WebhookHost;

	/** Publishes the trigger and registers its URL in the simulator, as a builder does in Referral Rocket's dashboard. */
	async function start(options: { secret?: string; credentialSecret?: string; keyEncoding?: KeyEncoding; parameters?: INodeParameters } = {}): Promise<string> {
		const secret = options.secret ?? newWebhookSecret();
		sim = await startSimulator();
		host = await publish(options.credentialSecret ?? secret, options.parameters);
		sim.webhooks.register({ url: host.url, secret, keyEncoding: options.keyEncoding });
		return secret;
	}

	afterEach(async () => {
		await host?.close();
		await sim?.close();
	});

	function answerOf(delivery: WebhookDelivery): IDataObject {
		return JSON.parse(delivery.attempts[0].body) as IDataObject;
	}

	/** Sends exact bytes as a test wrote them, straight to the trigger, and waits for what they started. */
	async function post(body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; body: IDataObject }> {
		const response = await axios.post<string>(host.url, Buffer.from(body), {
			headers: { 'Content-Type': 'application/json', ...headers },
			responseType: 'text',
			transformResponse: (text: string) => text,
			validateStatus: () => true,
		});
		await settle(sim, host);
		return { status: response.status, body: JSON.parse(response.data) as IDataObject };
	}

	/** Nothing ran and nothing threw (a throw answers 500 and invites retries). */
	function expectNothingStarted(): void {
		expect(host.executions).toEqual([]);
		expect(host.errors).toEqual([]);
	}

	it('starts one execution per event type the store fires, with the normalised fields and the envelope as sent', async () => {
		const secret = await start();
		// A direct signup (referrer_added), a referred one (referee_added), and the referee qualifying (reward_unlocked for the referrer).
		sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'new.referrer@example.com' });
		sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'new.referee@example.com', referredByCode: SEED_REFERRER_CODE });
		sim.qualify({ id: SEED_CAMPAIGN_ID, email: 'new.referee@example.com', amountPaid: '49.99' });
		await settle(sim, host);

		const deliveries = sim.webhooks.deliveries;
		expect(deliveries.map((delivery) => delivery.eventType)).toEqual(['referrer_added', 'referee_added', 'reward_unlocked']);
		expect(deliveries.map((delivery) => [delivery.outcome, delivery.attempts.length, delivery.attempts[0].status])).toEqual(deliveries.map(() => ['delivered', 1, 200]));
		expect(host.errors).toEqual([]);
		expect(host.executions).toHaveLength(3);

		const items = host.executions.map((execution) => itemOf(execution, 'Event'));
		for (const [index, delivery] of deliveries.entries()) {
			const sent = JSON.parse(delivery.request.rawBody) as { eventType: string; data: IDataObject; createdAt: number };
			expect(answerOf(delivery)).toEqual({ message: ACK, eventId: items[index].eventId });
			expect(items[index]).toMatchObject({
				eventId: expect.stringMatching(EVENT_ID),
				contentId: expect.stringMatching(CONTENT_ID),
				eventType: sent.eventType,
				participantId: String(sent.data.participantId),
				email: sent.data.email,
				referralCode: sent.data.code,
				referredByCode: sent.data.referredByCode,
				campaignId: SEED_CAMPAIGN_ID,
				rewardCurrency: 'USD',
				eventTime: new Date(sent.createdAt).toISOString(),
				signatureKeyEncoding: 'utf8',
			});
			// The envelope exactly as sent, amounts as the exact text of their JSON numbers.
			expect(items[index].payload).toEqual(parseJsonExact(delivery.request.rawBody, MONEY_KEYS).exact);
			// Neither the secret nor the signature reaches the execution.
			expect(JSON.stringify(host.executions[index].run)).not.toContain(secret);
			expect(JSON.stringify(host.executions[index].run)).not.toContain(delivery.request.headers[SIGNATURE_HEADER]);
		}
		expect(items[0]).toMatchObject({ email: 'new.referrer@example.com', referredByCode: null, rewardDue: '0' });
		expect(items[1]).toMatchObject({ email: 'new.referee@example.com', referredByCode: SEED_REFERRER_CODE, refereeReward: '20' });
		// The referrer unlocked the campaign's 20 on top of the 20 already due.
		expect(items[2]).toMatchObject({ email: SEED_REFERRER_EMAIL, rewardDue: '40', referralReward: '40', referralRewardBalance: '40' });
	});

	it.each(['utf8', 'hex'] as const)('accepts deliveries signed with the %s reading of the secret, and says which one matched', async (keyEncoding) => {
		const secret = await start({ keyEncoding });
		sim.addParticipant({ id: SECOND_CAMPAIGN_ID, email: 'signer@example.com' });
		await settle(sim, host);
		const [delivery] = sim.webhooks.deliveries;
		expect(delivery.request.headers[SIGNATURE_HEADER]).toBe(signatureFor(secret, delivery.request.rawBody, keyEncoding));
		expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([200]);
		expect(itemOf(host.executions[0])).toMatchObject({ email: 'signer@example.com', signatureKeyEncoding: keyEncoding });
	});

	it.each(['utf8', 'hex'] as const)("accepts the notes' test vector signed with the %s key", async (keyEncoding) => {
		await start({ secret: VECTOR_SECRET });
		expect(signatureFor(VECTOR_SECRET, VECTOR_BODY, keyEncoding)).toBe(VECTOR_SIGNATURES[keyEncoding]);
		const answer = await post(VECTOR_BODY, { [SIGNATURE_HEADER]: VECTOR_SIGNATURES[keyEncoding] });
		expect(answer.status).toBe(200);
		expect(itemOf(host.executions[0])).toEqual({
			eventId: expect.stringMatching(EVENT_ID),
			contentId: expect.stringMatching(CONTENT_ID),
			eventType: 'referrer_added',
			participantId: '384',
			email: 'karan.r.shahss92@gmail.com',
			referralCode: 'scG3q9Ez',
			campaignId: 'PMf8BDZ1zb',
			eventTime: '2025-02-09T03:00:28.207Z',
			receivedAt: expect.any(String),
			signatureKeyEncoding: keyEncoding,
			payload: JSON.parse(VECTOR_BODY),
		});
	});

	it('refuses the empty-key attack: a non-hex secret never becomes the empty key a lenient hex decoder makes of it', async () => {
		const secret = 'whsec_Zm9yZ2VkLWtleQ';
		expect(Buffer.from(secret, 'hex')).toHaveLength(0);
		// Referral Rocket's JavaScript sample, given this secret, signs with an empty key: so can anyone.
		await start({ secret, keyEncoding: 'hex' });
		sim.addParticipant({ id: SECOND_CAMPAIGN_ID, email: 'attacked@example.com' });
		await settle(sim, host);
		const [delivery] = sim.webhooks.deliveries;
		expect(delivery.request.headers[SIGNATURE_HEADER]).toBe(createHmac('sha256', Buffer.alloc(0)).update(delivery.request.rawBody).digest('hex'));
		// Refused on the first attempt and on each retry, then given up.
		expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([401, 401, 401]);
		expect(delivery.outcome).toBe('undeliverable');
		expect(answerOf(delivery)).toEqual({ message: 'Unauthorized: X-RR-Signature does not match the body' });
		expectNothingStarted();

		// The same secret's UTF-8 reading, which only its holder can compute, passes.
		await deliverEvent(sim.webhooks, sim.state, { eventType: 'referrer_added', email: 'attacked@example.com', keyEncoding: 'utf8' });
		await settle(sim, host);
		expect(host.executions.map((execution) => itemOf(execution).signatureKeyEncoding)).toEqual(['utf8']);
	});

	describe('refusals', () => {
		let secret: string;
		const body = VECTOR_BODY;

		beforeEach(async () => {
			secret = await start();
		});

		it.each([
			['a delivery without X-RR-Signature', () => ({}), 'X-RR-Signature is missing'],
			['a delivery with an empty X-RR-Signature', () => ({ [SIGNATURE_HEADER]: '' }), 'X-RR-Signature is missing'],
			['a forged delivery (another secret)', () => ({ [SIGNATURE_HEADER]: signatureFor(newWebhookSecret(), body) }), 'X-RR-Signature does not match the body'],
			['a signature of another body', () => ({ [SIGNATURE_HEADER]: signatureFor(secret, `${body} `) }), 'X-RR-Signature does not match the body'],
			['a signature that is not hex', () => ({ [SIGNATURE_HEADER]: 'sha256=not-a-signature' }), 'X-RR-Signature does not match the body'],
		])('answers 401 to %s and starts nothing', async (_name, headers, reason) => {
			const answer = await post(body, headers());
			expect(answer).toEqual({ status: 401, body: { message: `Unauthorized: ${reason}` } });
			expect(JSON.stringify(answer.body)).not.toContain(secret);
			expectNothingStarted();
		});

		it.each([
			['bytes that are not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), 'the body is not UTF-8 text'],
			['a JSON array', '[{"eventType":"referrer_added","data":{}}]', 'the body is not a JSON object'],
			['a key named twice', '{"eventType":"referrer_added","eventType":"reward_unlocked","data":{"participantId":1}}', 'the key "eventType" appears twice in one object'],
			['an amount named twice', '{"eventType":"reward_unlocked","data":{"rewardDue":1,"rewardDue":1000}}', 'the key "rewardDue" appears twice in one object'],
			['no eventType', '{"data":{"participantId":1},"createdAt":1}', 'the body has no eventType'],
			['no data', '{"eventType":"referrer_added","createdAt":1}', 'the body has no data object'],
			['text that is not JSON', 'eventType=referrer_added', 'the body is not valid JSON'],
			['an empty body', '', 'the body is not valid JSON'],
		])('answers 400 to a signed body of %s and starts nothing', async (_name, raw, reason) => {
			// text/plain: n8n itself answers 422 to invalid JSON sent as application/json, before the trigger sees it.
			const answer = await post(raw, { 'Content-Type': 'text/plain', [SIGNATURE_HEADER]: signatureFor(secret, raw) });
			expect(answer).toEqual({ status: 400, body: { message: `Bad request: ${reason}` } });
			expectNothingStarted();
		});
	});

	it('refuses everything, saying where the secret is, while the credential has no Webhook Signing Secret', async () => {
		await start({ credentialSecret: '' });
		sim.addParticipant({ id: SECOND_CAMPAIGN_ID, email: 'nosecret@example.com' });
		await settle(sim, host);
		const [delivery] = sim.webhooks.deliveries;
		expect(delivery.attempts[0].status).toBe(401);
		expect(answerOf(delivery).message).toBe(
			"Unauthorized: the credential has no Webhook Signing Secret; copy the endpoint's secret from Referral Rocket (Settings > Webhooks) into the credential's Webhook Signing Secret",
		);
		expectNothingStarted();
	});

	describe('Accept Unsigned Deliveries', () => {
		it('starts the workflow for an unsigned delivery only when turned on, and still refuses a forged signature', async () => {
			const secret = await start({ parameters: { options: { acceptUnsigned: true } } });
			const unsigned = await post(VECTOR_BODY, {});
			expect(unsigned.status).toBe(200);
			expect(itemOf(host.executions[0])).toMatchObject({ participantId: '384', signatureKeyEncoding: 'unsigned' });

			const forged = await post(VECTOR_BODY, { [SIGNATURE_HEADER]: signatureFor(newWebhookSecret(), VECTOR_BODY) });
			expect(forged.status).toBe(401);
			const signed = await post(VECTOR_BODY, { [SIGNATURE_HEADER]: signatureFor(secret, VECTOR_BODY) });
			expect(signed.status).toBe(200);
			expect(host.executions.map((execution) => itemOf(execution).signatureKeyEncoding)).toEqual(['unsigned', 'utf8']);
		});

		it('lets every delivery through while the credential has no secret', async () => {
			await start({ credentialSecret: '', parameters: { options: { acceptUnsigned: true } } });
			sim.addParticipant({ id: SECOND_CAMPAIGN_ID, email: 'unverified@example.com' });
			await settle(sim, host);
			expect(sim.webhooks.deliveries[0].attempts[0].status).toBe(200);
			expect(itemOf(host.executions[0])).toMatchObject({ email: 'unverified@example.com', signatureKeyEncoding: 'unsigned' });
		});
	});

	describe('Secret Encoding', () => {
		it.each([
			['utf8', 'hex'],
			['hex', 'utf8'],
		] as const)('pinned to %s, refuses a delivery signed with the %s reading', async (pinned, other) => {
			const secret = await start({ keyEncoding: other, parameters: { options: { secretEncoding: pinned } } });
			const signed = await post(VECTOR_BODY, { [SIGNATURE_HEADER]: signatureFor(secret, VECTOR_BODY, pinned) });
			expect(signed.status).toBe(200);
			const refused = await post(VECTOR_BODY, { [SIGNATURE_HEADER]: signatureFor(secret, VECTOR_BODY, other) });
			expect(refused.status).toBe(401);
			expect(host.executions.map((execution) => itemOf(execution).signatureKeyEncoding)).toEqual([pinned]);
		});
	});

	describe('routing', () => {
		it('sends an event type Referral Rocket does not document to Other Event, never dropping it', async () => {
			await start({ parameters: { events: ['reward_unlocked'] } });
			await deliverEvent(sim.webhooks, sim.state, { eventType: 'participant_qualified', email: 'ada.lovelace@example.com' });
			await settle(sim, host);
			const item = itemOf(host.executions[0], 'Other Event');
			expect(item).toMatchObject({ eventType: 'participant_qualified', email: 'ada.lovelace@example.com', participantId: '381', amountPaid: '149.90' });
		});

		it('acknowledges a documented event type that is not selected, and starts nothing', async () => {
			await start({ parameters: { events: ['reward_unlocked'] } });
			sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'unselected@example.com' });
			await settle(sim, host);
			const [delivery] = sim.webhooks.deliveries;
			expect(delivery.attempts[0].status).toBe(200);
			expect(answerOf(delivery)).toEqual({ message: ACK, ignored: 'event type referrer_added is not selected' });
			expectNothingStarted();
		});

		it('reads the event type without regard to ASCII case', async () => {
			const secret = await start({ parameters: { events: ['referrer_added'] } });
			const body = VECTOR_BODY.replace('"referrer_added"', '"REFERRER_ADDED"');
			await post(body, { [SIGNATURE_HEADER]: signatureFor(secret, body) });
			expect(itemOf(host.executions[0], 'Event').eventType).toBe('REFERRER_ADDED');
		});
	});

	describe('duplicates', () => {
		/** The same event again, its body changed by `change`, signed anew. */
		async function redeliver(secret: string, first: WebhookDelivery, change: (envelope: IDataObject) => void) {
			const envelope = JSON.parse(first.request.rawBody) as IDataObject;
			change(envelope);
			const body = JSON.stringify(envelope);
			return await post(body, { [SIGNATURE_HEADER]: signatureFor(secret, body) });
		}

		it('skips a redelivery with Skip Duplicate Events, whether createdAt or the snapshot stayed the same', async () => {
			const secret = await start({ parameters: { options: { skipDuplicates: true } } });
			sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'once@example.com' });
			await settle(sim, host);
			const [first] = sim.webhooks.deliveries;
			const eventId = answerOf(first).eventId;

			// The same bytes; createdAt stamped again per attempt; the same createdAt over a fresher snapshot.
			const again = await post(first.request.rawBody, { [SIGNATURE_HEADER]: first.request.headers[SIGNATURE_HEADER] });
			const restamped = await redeliver(secret, first, (envelope) => {
				envelope.createdAt = (envelope.createdAt as number) + 3_600_000;
				envelope.updatedAt = envelope.createdAt;
			});
			const resnapshot = await redeliver(secret, first, (envelope) => {
				(envelope.data as IDataObject).impressionCount = 7;
			});
			for (const duplicate of [again, restamped, resnapshot]) {
				expect(duplicate).toEqual({ status: 200, body: { message: ACK, duplicate: true, eventId: expect.stringMatching(EVENT_ID) } });
			}
			expect(again.body.eventId).toBe(eventId);

			// A new event of the same participant runs.
			sim.qualify({ id: SEED_CAMPAIGN_ID, email: 'grace.hopper@example.com' });
			await settle(sim, host);
			expect(host.executions.map((execution) => itemOf(execution).eventType)).toEqual(['referrer_added', 'reward_unlocked']);
			const items = host.executions.map((execution) => itemOf(execution));
			const stored = (host.staticData[`node:${TRIGGER}`] as { seenEventIds: string[] }).seenEventIds;
			expect(stored).toEqual(expect.arrayContaining(items.flatMap((item) => [item.eventId, item.contentId])));
		});

		it('still skips a redelivery after a restart, from the ids the execution stored in static data', async () => {
			const secret = await start({ parameters: { options: { skipDuplicates: true } } });
			sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'restart@example.com' });
			await settle(sim, host);
			const [first] = sim.webhooks.deliveries;
			expect(host.executions).toHaveLength(1);
			await host.close();

			// Another process (a fresh in-memory record, under a new workflow id) with the static data n8n stored.
			host = await publish(secret, { options: { skipDuplicates: true } }, host.staticData);
			const restamped = JSON.parse(first.request.rawBody) as IDataObject;
			restamped.createdAt = (restamped.createdAt as number) + 60_000;
			const body = JSON.stringify(restamped);
			const again = await post(body, { [SIGNATURE_HEADER]: signatureFor(secret, body) });
			expect(again.body).toMatchObject({ duplicate: true });
			expect(host.executions).toEqual([]);
		});

		it('runs a redelivery again without Skip Duplicate Events, with the same eventId', async () => {
			await start();
			sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'twice@example.com' });
			await settle(sim, host);
			const [first] = sim.webhooks.deliveries;
			await post(first.request.rawBody, { [SIGNATURE_HEADER]: first.request.headers[SIGNATURE_HEADER] });
			const ids = host.executions.map((execution) => itemOf(execution).eventId);
			expect(ids).toEqual([answerOf(first).eventId, answerOf(first).eventId]);
		});
	});

	it('keeps amounts digit for digit, however large or fine', async () => {
		const secret = await start();
		const body =
			'{"eventType":"reward_unlocked","data":{"participantId":384,"email":"karan.r.shahss92@gmail.com","code":"scG3q9Ez","campaignId":"PMf8BDZ1zb","rewardDue":12345678901234567890.10,"rewardPaid":0.1000000000000000001,"amountPaid":1E-7,"revenueGenerated":"49.990","rewardCurrency":"USD"},"createdAt":1739266200000,"updatedAt":1739266200000}';
		await post(body, { [SIGNATURE_HEADER]: signatureFor(secret, body) });
		const item = itemOf(host.executions[0]);
		expect(item).toMatchObject({ rewardDue: '12345678901234567890.10', rewardPaid: '0.1000000000000000001', amountPaid: '0.0000001', revenueGenerated: '49.990' });
		expect(item.payload).toMatchObject({ data: { rewardDue: '12345678901234567890.10', rewardPaid: '0.1000000000000000001' } });
	});
});
