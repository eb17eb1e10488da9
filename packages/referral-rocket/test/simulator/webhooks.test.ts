// The simulator's signed deliveries: each event type's body on the contract, both key readings, back-off retries, control calls.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startWebhookReceiver, type WebhookReceiver } from '../../../../testing/simulator/receiver';
import { validateWebhook } from './contracts';
import { SEED_CAMPAIGN_ID, SEED_REFERRER_CODE, SEED_REFERRER_EMAIL } from './server';
import { startTestSimulator, type TestSimulator } from './testkit';
import { backOffDelays, SIGNATURE_HEADER, signatureFor } from './webhooks';

// The test vector of the Referral Rocket notes.
const VECTOR_SECRET = '9f2c4e6a8b0d1f3a5c7e9b1d3f5a7c9e';
const VECTOR_BODY =
	'{"eventType":"referrer_added","data":{"participantId":384,"email":"karan.r.shahss92@gmail.com","code":"scG3q9Ez","campaignId":"PMf8BDZ1zb"},"createdAt":1739070028207,"updatedAt":1739070028207}';

// The seed's data keys, in the seed's order.
const SEED_DATA_KEYS = [
	'participantId', 'firstName', 'lastName', 'email', 'code', 'campaignId', 'referredByCode', 'referralReward', 'referralRewardBalance',
	'referralRewardRedeemed', 'refereeReward', 'refereeRewardBalance', 'refereeRewardRedeemed', 'refereeActionCompleted',
	'refereeActionCompletedLabel', 'rewardType', 'rewardCurrency', 'createdOn', 'updatedOn', 'approval', 'totalReferred',
	'totalCompletedReferred', 'amountPaid', 'paymentCount', 'revenueGenerated', 'rewardDue', 'rewardPaid', 'score', 'impressionCount',
];

/** A receiver that answers each request with the next status of `statuses`, then 200. */
async function startScriptedReceiver(statuses: number[]): Promise<{ url: string; bodies: string[]; close(): Promise<void> }> {
	const bodies: string[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			bodies.push(Buffer.concat(chunks).toString('utf8'));
			res.writeHead(statuses.shift() ?? 200).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		bodies,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

describe('Referral Rocket simulator webhooks', () => {
	let t: TestSimulator;
	let receiver: WebhookReceiver;

	beforeEach(async () => {
		t = await startTestSimulator({ webhooks: { retryDelaysMs: [1, 1] } });
		receiver = await startWebhookReceiver();
	});

	afterEach(async () => {
		await t.sim.close();
		await receiver.close();
	});

	async function settle(): Promise<void> {
		await t.sim.idle();
		await t.sim.webhooks.idle();
	}

	it('signs the test vector with either key reading, and hex-decodes leniently as the vendor sample does', () => {
		expect(signatureFor(VECTOR_SECRET, VECTOR_BODY)).toBe('a2af33fc95ce1cd136a33a58fa108430406c447d8f68a27164d8517fae5e8bcc');
		expect(signatureFor(VECTOR_SECRET, VECTOR_BODY, 'hex')).toBe('31323a5d238068b6160b7ddfb945872b6e6895ebf497aab15ee2f2d5f8b846b5');
		// new Buffer('whsec_…', 'hex') is empty: the JavaScript sample signs with no key at all.
		expect(signatureFor('whsec_abc', VECTOR_BODY, 'hex')).toBe(signatureFor('', VECTOR_BODY));
	});

	it('delivers each event type the store fires as a signed POST of compact JSON on the contract, data in the seed order', async () => {
		const endpoint = t.sim.webhooks.register({ url: receiver.url });
		expect(endpoint).toEqual({ url: receiver.url, events: [], secret: expect.stringMatching(/^[0-9a-f]{32}$/), keyEncoding: 'utf8' });
		await t.api.post('/api/v1/addParticipant', { id: SEED_CAMPAIGN_ID, email: 'referrer@example.com' });
		await t.api.post('/api/v1/addParticipant', { id: SEED_CAMPAIGN_ID, email: 'referee@example.com', referredByCode: SEED_REFERRER_CODE });
		await t.api.post('/api/v1/qualify', { id: SEED_CAMPAIGN_ID, email: 'referee@example.com', amountPaid: 49.99 });
		await settle();

		expect(receiver.received.map((request) => request.json().eventType)).toEqual(['referrer_added', 'referee_added', 'reward_unlocked']);
		for (const request of receiver.received) {
			const body = request.rawBody.toString('utf8');
			expect(request.method).toBe('POST');
			expect(request.headers['content-type']).toBe('application/json');
			expect(request.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(signatureFor(endpoint.secret, request.rawBody));
			expect(body).toBe(JSON.stringify(JSON.parse(body)));
			const envelope = request.json() as { eventType: string; data: Record<string, unknown>; createdAt: number; updatedAt: number };
			expect(validateWebhook(envelope.eventType, envelope).errors).toEqual([]);
			expect(Object.keys(envelope)).toEqual(['eventType', 'data', 'createdAt', 'updatedAt']);
			expect(Object.keys(envelope.data)).toEqual(SEED_DATA_KEYS);
			expect(Number.isSafeInteger(envelope.createdAt)).toBe(true);
		}
		const [referrer, referee, reward] = receiver.received.map((request) => request.json().data as Record<string, unknown>);
		expect(referrer).toMatchObject({ email: 'referrer@example.com', referredByCode: null });
		expect(referee).toMatchObject({ email: 'referee@example.com', referredByCode: SEED_REFERRER_CODE });
		expect(reward).toMatchObject({ email: SEED_REFERRER_EMAIL, rewardDue: 40 });
		// Amounts are JSON numbers written with the stored digits.
		expect(receiver.received[2].rawBody.toString()).toContain('"rewardDue":40,');
		expect(t.sim.webhooks.deliveries.map((delivery) => [delivery.eventType, delivery.outcome])).toEqual([
			['referrer_added', 'delivered'],
			['referee_added', 'delivered'],
			['reward_unlocked', 'delivered'],
		]);
	});

	it('signs with the hex-decoded secret for an endpoint set to hex, and sends only the event types an endpoint takes', async () => {
		const endpoint = t.sim.webhooks.register({ url: receiver.url, events: ['referee_added'], keyEncoding: 'hex' });
		t.sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'direct@example.com' });
		t.sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'referred@example.com', referredByEmail: SEED_REFERRER_EMAIL });
		await settle();
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0].json().eventType).toBe('referee_added');
		expect(receiver.received[0].headers['x-rr-signature']).toBe(signatureFor(endpoint.secret, receiver.received[0].rawBody, 'hex'));
		expect(receiver.received[0].headers['x-rr-signature']).not.toBe(signatureFor(endpoint.secret, receiver.received[0].rawBody, 'utf8'));
	});

	it('retries a delivery not answered 2xx with the same bytes and signature until one is, after back-off waits', async () => {
		expect(backOffDelays(1000, 5)).toEqual([1000, 2000, 4000, 8000, 16000]);
		const flaky = await startScriptedReceiver([503, 500]);
		try {
			t.sim.webhooks.register({ url: flaky.url });
			t.sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'retry@example.com' });
			await settle();
			const [delivery] = t.sim.webhooks.deliveries;
			expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([503, 500, 200]);
			expect(delivery.outcome).toBe('delivered');
			expect(new Set(flaky.bodies)).toEqual(new Set([delivery.request.rawBody]));
			expect(delivery.attempts.map((attempt) => attempt.request.headers[SIGNATURE_HEADER])).toEqual(Array(3).fill(delivery.request.headers[SIGNATURE_HEADER]));
		} finally {
			await flaky.close();
		}
	});

	it('marks a delivery undeliverable once the retries are spent, and counts an unreachable URL as a failed attempt', async () => {
		receiver.status = 500;
		t.sim.webhooks.register({ url: receiver.url });
		t.sim.webhooks.register({ url: 'http://127.0.0.1:1/unreachable' });
		t.sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'never@example.com' });
		await settle();
		const [refused, unreachable] = t.sim.webhooks.deliveries;
		expect(refused.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500]);
		expect(refused.outcome).toBe('undeliverable');
		expect(unreachable.attempts.map((attempt) => attempt.status)).toEqual([0, 0, 0]);
		expect(unreachable.attempts[0].error).toBeTruthy();
		expect(unreachable.outcome).toBe('undeliverable');
	});

	it('stops pending retries and forgets endpoints on reset', async () => {
		const sim = (await startTestSimulator({ webhooks: { retryDelaysMs: [60_000] } })).sim;
		try {
			receiver.status = 500;
			sim.webhooks.register({ url: receiver.url });
			sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'reset@example.com' });
			await sim.idle();
			expect(sim.webhooks.deliveries.map((delivery) => delivery.outcome)).toEqual(['pending']);
			sim.reset();
			expect([sim.webhooks.endpoints, sim.webhooks.deliveries]).toEqual([[], []]);
			// The 60-second wait ended with the reset: nothing is left to wait for.
			await sim.webhooks.idle();
			expect(receiver.received).toHaveLength(1);
		} finally {
			await sim.close();
		}
	});

	describe('control calls', () => {
		it('registers an endpoint as the dashboard does, and lists endpoints and deliveries', async () => {
			const registered = await t.control.post('/__sim/webhooks', { url: receiver.url, events: ['reward_unlocked'], secret: VECTOR_SECRET, keyEncoding: 'hex' });
			expect(registered.status).toBe(200);
			expect(registered.data).toEqual({ url: receiver.url, events: ['reward_unlocked'], secret: VECTOR_SECRET, keyEncoding: 'hex' });
			expect((await t.control.get('/__sim/webhooks')).data).toEqual([registered.data]);
			await t.control.post('/__sim/qualify', { id: SEED_CAMPAIGN_ID, email: 'grace.hopper@example.com' });
			await t.control.post('/__sim/idle');
			const deliveries = (await t.control.get('/__sim/deliveries')).data as Array<{ eventType: string; outcome: string }>;
			expect(deliveries.map(({ eventType, outcome }) => [eventType, outcome])).toEqual([['reward_unlocked', 'delivered']]);
		});

		it.each([
			[{ url: 'ftp://example.com' }, 'url must be an http(s) URL'],
			[{ url: 'http://example.com', events: 'reward_unlocked' }, 'events must be a list of event types'],
			[{ url: 'http://example.com', keyEncoding: 'base64' }, 'keyEncoding must be one of utf8, hex'],
			[{ url: 'http://example.com', secret: '' }, 'secret must be a non-empty string'],
		])('refuses the endpoint %j', async (body, error) => {
			const response = await t.control.post('/__sim/webhooks', body);
			expect(response.status).toBe(400);
			expect(response.data).toEqual({ error });
		});

		it("delivers a participant's event now, of any event type, with the key reading asked for, to the registered endpoints or a URL", async () => {
			const endpoint = t.sim.webhooks.register({ url: receiver.url });
			const registered = await t.control.post('/__sim/deliver', { eventType: 'participant_qualified', email: 'ada.lovelace@example.com', keyEncoding: 'hex' });
			expect(registered.status).toBe(200);
			expect(registered.data.deliveries).toHaveLength(1);
			const other = await startWebhookReceiver();
			try {
				const direct = await t.control.post('/__sim/deliver', { eventType: 'referrer_added', email: SEED_REFERRER_EMAIL, url: other.url, secret: 'whsec_direct' });
				expect(direct.data.deliveries[0].outcome).toBe('delivered');
				expect(other.received[0].headers['x-rr-signature']).toBe(signatureFor('whsec_direct', other.received[0].rawBody));
			} finally {
				await other.close();
			}
			const [request] = receiver.received;
			expect(request.json()).toMatchObject({ eventType: 'participant_qualified', data: { participantId: 381, email: 'ada.lovelace@example.com', amountPaid: 149.9 } });
			expect(request.rawBody.toString()).toContain('"amountPaid":149.90,');
			expect(request.headers['x-rr-signature']).toBe(signatureFor(endpoint.secret, request.rawBody, 'hex'));
		});

		it.each([
			[{ eventType: 'referrer_added', email: 'nobody@example.com' }, 404, 'no participant with email nobody@example.com'],
			[{ email: SEED_REFERRER_EMAIL }, 400, 'eventType must be a non-empty string'],
			[{ eventType: 'referrer_added', email: SEED_REFERRER_EMAIL, keyEncoding: 'latin1' }, 400, 'keyEncoding must be one of utf8, hex'],
			[{ eventType: 'referrer_added', email: SEED_REFERRER_EMAIL, url: 'http://127.0.0.1:1/x' }, 400, 'secret must be a non-empty string'],
		])('refuses the delivery %j', async (body, status, error) => {
			const response = await t.control.post('/__sim/deliver', body);
			expect([response.status, response.data]).toEqual([status, { error }]);
		});

	});
});
