import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { closeServer, listenLocally } from '../../../../testing/simulator/http';
import { validateWebhook } from './contracts';
import { SIGNATURE_HEADER, signatureFor, WEBHOOK_EVENTS, type WebhookEvent } from './server';
import { expectContractResponse, expectValidRequest, startTestSimulator, startWebhookReceiver, type TestSimulator, type WebhookReceiver } from './testkit';

let t: TestSimulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
	t = await startTestSimulator();
	receiver = await startWebhookReceiver('/webhook/uppromote');
});
afterAll(async () => {
	await receiver.close();
	await t.sim.close();
});
beforeEach(() => {
	t.sim.reset();
	receiver.received.length = 0;
	receiver.status = 200;
});

function subscribe(event: WebhookEvent, targetUrl = `${receiver.url}?event=${event}`) {
	return t.api.post('/webhook-subscriptions', { target_url: targetUrl, event });
}

function secretOf(event: WebhookEvent): string {
	return t.sim.state.subscriptions.find((subscription) => subscription.event === event)!.secretKey;
}

function verified(index: number, event: WebhookEvent): boolean {
	const delivery = receiver.received[index];
	const expected = createHmac('sha256', secretOf(event)).update(delivery.rawBody).digest('hex');
	return delivery.headers['x-uppromote-signature'] === expected;
}

describe('the signature', () => {
	it("matches the doc's test vector", () => {
		const body =
			'{"payment_id":26154,"affiliate_id":2014227,"status":"SUCCESS","affiliate_email":"test223@gmail.com","total_referrals":1,"total_processed":100,"payment_method":"debit","processed_at":"2025-09-24T10:52:59Z"}';
		expect(Buffer.byteLength(body)).toBe(205);
		expect(createHash('sha256').update(body).digest('hex')).toBe('cd493560e23d0902a0b3d7a717f8ffb1b93f4f1b71476b20701fe7c89133626f');
		expect(signatureFor('uppromote-test-secret-key', body)).toBe('61fd82a88eeecd55ecad89471351c73ab6997b5ed075598c8c8d099c6bd9afb6');
		expect(signatureFor('uppromote-test-secret-key', Buffer.from(body))).toBe('61fd82a88eeecd55ecad89471351c73ab6997b5ed075598c8c8d099c6bd9afb6');
	});
});

describe('subscriptions', () => {
	it('pings the target URL with an empty unsigned POST before subscribing, and issues a fresh 32-hex secret', async () => {
		expectValidRequest('subscribeWebhookEvent', { target_url: `${receiver.url}?event=referral.new`, event: 'referral.new' });
		const created = await subscribe('referral.new');
		expect(created.status).toBe(200);
		expectContractResponse(created);
		expect(created.data.data).toMatchObject({ event: 'referral.new', target_url: `${receiver.url}?event=referral.new`, status: 'active' });
		expect(created.data.data.secret_key).toMatch(/^[0-9a-f]{32}$/);
		expect(receiver.received).toHaveLength(1);
		const [ping] = receiver.received;
		expect(ping.method).toBe('POST');
		expect(ping.rawBody.length).toBe(0);
		expect(ping.headers[SIGNATURE_HEADER.toLowerCase()]).toBeUndefined();
		expect(t.sim.deliveries.map((delivery) => delivery.kind)).toEqual(['validation-ping']);
	});

	it('gives each subscription its own secret and lists them with their secrets', async () => {
		const secrets = [];
		for (const event of WEBHOOK_EVENTS) secrets.push((await subscribe(event)).data.data.secret_key);
		expect(new Set(secrets).size).toBe(9);
		const listed = await t.api.get('/webhook-subscriptions', { params: { per_page: 100 } });
		expectContractResponse(listed);
		expect(listed.data.data.map((row: { secret_key: string }) => row.secret_key)).toEqual(secrets);
		expect((await t.api.get('/webhook-subscriptions', { params: { event: 'payment.paid' } })).data.data).toHaveLength(1);
	});

	it('refuses a second subscription of the same event in the store, without pinging it', async () => {
		await subscribe('affiliate.new');
		const again = await subscribe('affiliate.new', `${receiver.url}/other`);
		expect(receiver.received).toHaveLength(1);
		expect(again.status).toBe(422);
		expect(again.data).toEqual({ status: 422, message: 'The event has already been taken.', errors: { event: ['The event has already been taken.'] } });
		expectContractResponse(again);
		expect(t.sim.state.subscriptions).toHaveLength(1);
	});

	it('refuses the slower of two subscribe calls for one event made at once', async () => {
		const [first, second] = await Promise.all([subscribe('payment.paid'), subscribe('payment.paid', `${receiver.url}/other`)]);
		expect([first.status, second.status].sort()).toEqual([200, 422]);
		expect(t.sim.state.subscriptions).toHaveLength(1);
	});

	it('refuses an unknown event or a bad URL without pinging', async () => {
		const refused = await t.api.post('/webhook-subscriptions', { target_url: 'ftp://example.com/hook', event: 'referral.created' });
		expect(refused.status).toBe(422);
		expect(refused.data.errors).toEqual({ target_url: ['The target url format is invalid.'], event: ['The selected event is invalid.'] });
		expect((await t.api.post('/webhook-subscriptions', {})).data.errors).toEqual({
			target_url: ['The target url field is required.'],
			event: ['The event field is required.'],
		});
		expect(receiver.received).toHaveLength(0);
	});

	it('creates no subscription when the ping is answered other than 200, or cannot connect', async () => {
		receiver.status = 201;
		const notOk = await subscribe('payment.paid');
		expect(notOk.status).toBe(422);
		expect(notOk.data).toEqual({ status: 422, message: 'The target url could not be verified.', errors: { target_url: ['The target url could not be verified.'] } });
		expectContractResponse(notOk);

		const closed = createServer();
		const origin = await listenLocally(closed);
		await closeServer(closed);
		expect((await subscribe('payment.paid', `${origin}/hook`)).status).toBe(422);
		expect(t.sim.state.subscriptions).toEqual([]);
		expect(t.sim.deliveries.map((delivery) => [delivery.kind, delivery.status])).toEqual([
			['validation-ping', 201],
			['validation-ping', 0],
		]);
	});

	it('unsubscribes by event with a JSON body on DELETE', async () => {
		await subscribe('referral.new');
		await subscribe('referral.denied');
		expectValidRequest('deleteWebhookSubscription', { event: 'referral.new' });
		const deleted = await t.api.delete('/webhook-subscriptions', { data: { event: 'referral.new', target_url: 'https://ignored.example.com' } });
		expect(deleted.status).toBe(200);
		expect(deleted.data).toEqual({ status: 200, message: 'success', data: null });
		expectContractResponse(deleted);
		expect(t.sim.state.subscriptions.map((subscription) => subscription.event)).toEqual(['referral.denied']);
		const gone = await t.api.delete('/webhook-subscriptions', { data: { event: 'referral.new' } });
		expect(gone.status).toBe(404);
		expectContractResponse(gone);
		expect((await t.api.delete('/webhook-subscriptions')).data.errors).toEqual({ event: ['The event field is required.'] });
		expect((await t.api.delete('/webhook-subscriptions', { data: { event: 'nope' } })).status).toBe(422);
	});
});

describe('deliveries fired by the API', () => {
	it('creating an affiliate fires affiliate.new, signed with that subscription\'s secret, once the API has answered', async () => {
		await subscribe('affiliate.new');
		await subscribe('referral.new');
		const created = await t.api.post('/affiliates', { email: 'fresh@example.com' });
		await t.sim.idle();
		expect(receiver.received).toHaveLength(3);
		const delivery = receiver.received[2];
		expect(delivery.method).toBe('POST');
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(delivery.json()).toEqual(created.data.data);
		expect(verified(2, 'affiliate.new')).toBe(true);
		expect(validateWebhook('affiliate.new', delivery.json()).errors).toEqual([]);
		expect(t.sim.deliveries.at(-1)).toMatchObject({ kind: 'affiliate.new', status: 200 });
	});

	it('approve fires affiliate.approved and affiliate.status-changed; deny fires affiliate.inactive and affiliate.status-changed', async () => {
		for (const event of ['affiliate.approved', 'affiliate.inactive', 'affiliate.status-changed'] as const) await subscribe(event);
		receiver.received.length = 0;
		await t.api.post('/affiliate/active', { affiliate_id: 2029241, status: 'approved' });
		await t.api.post('/affiliate/active', { affiliate_id: 2029241, status: 'denied' });
		await t.sim.idle();
		expect(receiver.received.map((delivery) => delivery.json())).toEqual([
			expect.objectContaining({ id: 2029241, status: 'active' }),
			{ affiliate_id: 2029241, previous_status: 'pending', current_status: 'active' },
			expect.objectContaining({ id: 2029241, status: 'inactive' }),
			{ affiliate_id: 2029241, previous_status: 'active', current_status: 'inactive' },
		]);
		expect([verified(0, 'affiliate.approved'), verified(1, 'affiliate.status-changed'), verified(2, 'affiliate.inactive')]).toEqual([true, true, true]);
		expect(validateWebhook('affiliate.status-changed', receiver.received[1].json()).errors).toEqual([]);
		expect(validateWebhook('affiliate.inactive', receiver.received[2].json()).errors).toEqual([]);
	});

	it('sends nothing for an event without a subscription, and does not count deliveries against the rate limit', async () => {
		await t.api.post('/affiliates', { email: 'quiet@example.com' });
		await t.sim.idle();
		expect(receiver.received).toHaveLength(0);
		expect((await t.api.get('/programs')).headers['x-ratelimit-remaining']).toBe('118');
	});
});

describe('deliveries fired by control calls', () => {
	it('creates a referral (referral.new), approves it (referral.approved + status-changed), pays it (payment.paid)', async () => {
		for (const event of ['referral.new', 'referral.approved', 'referral.status-changed', 'payment.paid'] as const) await subscribe(event);
		receiver.received.length = 0;
		const created = await t.control.post('/__sim/referrals', { affiliate_id: 2014227, total_sales: '80.00', commission: '8.50', order_id: 5938270000001, order_number: 1003 });
		expect(created.status).toBe(200);
		const id = created.data.record.id;
		expect((await t.control.post(`/__sim/referrals/${id}/approve`)).data.deliveries.map((delivery: { kind: string }) => delivery.kind)).toEqual([
			'referral.approved',
			'referral.status-changed',
		]);
		const unpaid = (await t.api.get('/payments/unpaid')).data.data;
		expect(unpaid.find((row: { affiliate_id: number }) => row.affiliate_id === 2014227)).toMatchObject({ total_commission: 8.5, referral_ids: [id] });

		const paid = await t.control.post('/__sim/payments/pay', { affiliate_id: 2014227 });
		expect(paid.status).toBe(200);
		const payments = (await t.api.get('/payments/paid')).data.data;
		expect(payments[0]).toMatchObject({ affiliate_id: 2014227, status: 'SUCCESS', total_processed: 8.5, payment_method: 'debit' });
		expect((await t.api.get('/payments/unpaid')).data.data.some((row: { affiliate_id: number }) => row.affiliate_id === 2014227)).toBe(false);
		expect((await t.api.get(`/referrals/${id}`)).data.data.status).toBe('paid');

		const bodies = receiver.received.map((delivery) => delivery.json());
		expect(bodies[0]).toMatchObject({ id, total_sales: '80.00', commission: '8.50', status: 'pending', order_number: 1003 });
		expect(bodies[2]).toEqual({ referral_id: id, previous_status: 'pending', current_status: 'approved' });
		expect(bodies[3]).toEqual(payments[0]);
		expect(receiver.received[3].rawBody.toString()).toContain('"total_processed":8.50,');
		const events: WebhookEvent[] = ['referral.new', 'referral.approved', 'referral.status-changed', 'payment.paid'];
		events.forEach((event, index) => {
			expect(verified(index, event)).toBe(true);
			expect(validateWebhook(event, bodies[index]).errors).toEqual([]);
		});
	});

	it('denies a referral (referral.denied + status-changed) and refuses to pay an affiliate owed nothing', async () => {
		await subscribe('referral.denied');
		const denied = await t.control.post('/__sim/referrals/880002/deny');
		expect(denied.data.deliveries).toHaveLength(1);
		expect(receiver.received[1].json()).toMatchObject({ id: 880002, status: 'denied' });
		expect((await t.control.post('/__sim/payments/pay', { affiliate_id: 2029241 })).status).toBe(409);
		expect((await t.control.post('/__sim/referrals/1/approve')).status).toBe(404);
	});

	it('delivers any event with a given body, exactly those bytes, signed', async () => {
		await subscribe('payment.paid');
		const text = '{"payment_id":26154,"total_processed":100.10}';
		const sent = await t.control.post('/__sim/deliver', { event: 'payment.paid', body: text });
		expect(sent.data.delivery).toMatchObject({ kind: 'payment.paid', status: 200 });
		expect(receiver.received[1].rawBody.toString()).toBe(text);
		expect(receiver.received[1].headers['x-uppromote-signature']).toBe(signatureFor(secretOf('payment.paid'), text));
		await t.control.post('/__sim/deliver', { event: 'payment.paid', body: { payment_id: 1 } });
		expect(receiver.received[2].rawBody.toString()).toBe('{"payment_id":1}');
		expect((await t.control.post('/__sim/deliver', { event: 'referral.new', body: {} })).status).toBe(409);
		expect((await t.control.post('/__sim/deliver', { event: 'nope', body: {} })).status).toBe(400);
	});

	it('sends raw (forged) requests to a subscription or any URL, and records the answers', async () => {
		await subscribe('referral.new');
		const forged = await t.control.post('/__sim/deliver-raw', {
			event: 'referral.new',
			method: 'POST',
			headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: '0'.repeat(64) },
			body: { id: 1 },
		});
		expect(forged.data.delivery).toMatchObject({ kind: 'raw', status: 200 });
		expect(receiver.received[1].headers['x-uppromote-signature']).toBe('0'.repeat(64));
		await t.control.post('/__sim/deliver-raw', { url: `${receiver.url}?event=x`, method: 'GET' });
		expect(receiver.received[2].method).toBe('GET');
		const recorded = (await t.control.get('/__sim/deliveries')).data;
		expect(recorded.map((delivery: { kind: string }) => delivery.kind)).toEqual(['validation-ping', 'raw', 'raw']);
	});
});

describe('delivery retries', () => {
	it('sends nothing again by default, and up to deliveryRetries more times while the answer is not 2xx', async () => {
		await subscribe('payment.paid');
		receiver.status = 500;
		expect((await t.sim.deliver('payment.paid', { payment_id: 1 })).status).toBe(500);
		expect(receiver.received).toHaveLength(2);

		const retrying = await startTestSimulator({ deliveryRetries: 2 });
		try {
			receiver.status = 200;
			await retrying.api.post('/webhook-subscriptions', { target_url: receiver.url, event: 'payment.paid' });
			receiver.status = 503;
			await retrying.sim.deliver('payment.paid', { payment_id: 2 });
			expect(retrying.sim.deliveries.map((delivery) => `${delivery.kind} ${delivery.status}`)).toEqual([
				'validation-ping 200',
				'payment.paid 503',
				'payment.paid 503',
				'payment.paid 503',
			]);
		} finally {
			await retrying.sim.close();
		}
	});
});

describe('control API', () => {
	it('records requests, shows the state, and never echoes the API key', async () => {
		await t.api.get('/programs');
		const requests = await t.control.get('/__sim/requests');
		expect(requests.data).toEqual([expect.objectContaining({ method: 'GET', path: '/api/v2/programs', status: 200 })]);
		expect(JSON.stringify(requests.data)).not.toContain(t.sim.apiKey);
		expect((await t.control.get('/__sim/state')).data.programs).toHaveLength(2);
		expect((await t.control.post('/__sim/nothing')).status).toBe(404);
		expect((await t.control.post('/__sim/referrals', 'not json')).status).toBe(400);
	});

	it('changes an affiliate status with its events, and resets the store', async () => {
		await subscribe('affiliate.inactive');
		expect((await t.control.post('/__sim/affiliates/2029238/status', { status: 'inactive' })).data.deliveries).toHaveLength(1);
		expect((await t.control.post('/__sim/affiliates/2029238/status', { status: 'gone' })).status).toBe(400);
		expect((await t.control.post('/__sim/reset')).data).toEqual({ reset: true });
		expect(t.sim.state.subscriptions).toEqual([]);
		expect(t.sim.state.affiliates.find((affiliate) => affiliate.id === 2029238)!.status).toBe('active');
	});
});
