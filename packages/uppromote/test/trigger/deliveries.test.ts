// Deliveries to the UpPromote Trigger from the simulator: every event by its path, refusals, the ping, duplicates.
import type { IDataObject } from 'n8n-workflow';

import type { WebhookHost } from '../../../../testing/engine/webhook-server';
import { MONEY_KEYS } from '../../nodes/UpPromote/helpers/envelope';
import { parseJsonExact } from '../../nodes/UpPromote/kit/exactJson';
import { upPromoteSignature } from '../../nodes/UpPromoteTrigger/helpers/deliveries';
import type { RecordedDelivery, UpPromoteSimulator, WebhookEvent } from '../simulator/server';
import { SIGNATURE_HEADER, signatureFor, WEBHOOK_EVENTS } from '../simulator/server';
import { credentialsFor, EVENT_ID, itemOf, publish, settle, startSimulator, subscriptions, TRIGGER, upPromoteApi, urlOf, type Fixture } from './setup';

// The documented test vector of UpPromote's signature.
const VECTOR_SECRET = 'uppromote-test-secret-key';
const VECTOR_BODY =
	'{"payment_id":26154,"affiliate_id":2014227,"status":"SUCCESS","affiliate_email":"test223@gmail.com","total_referrals":1,"total_processed":100,"payment_method":"debit","processed_at":"2025-09-24T10:52:59Z"}';
const VECTOR_SIGNATURE = '61fd82a88eeecd55ecad89471351c73ab6997b5ed075598c8c8d099c6bd9afb6';

const PENDING_AFFILIATE = 2029241;
const ACTIVE_AFFILIATE = 2029238;

describe('UpPromote Trigger deliveries', () => {
	let sim: UpPromoteSimulator;
	let host: WebhookHost;

	async function start(fixture: Fixture): Promise<void> {
		sim = await startSimulator();
		host = await publish(sim, fixture);
	}

	afterEach(async () => {
		await host?.close();
		await sim?.close();
	});

	function json(delivery: RecordedDelivery): IDataObject {
		return JSON.parse(delivery.body) as IDataObject;
	}

	/** Nothing ran and nothing threw (a throw answers 500 and invites retries). */
	function expectNothingStarted(): void {
		expect(host.executions).toEqual([]);
		expect(host.errors).toEqual([]);
	}

	/** The secret UpPromote gave the trigger's subscription of the event (the trigger keeps it sealed). */
	function secretOf(event: WebhookEvent): string {
		const subscription = sim.state.subscriptions.find((candidate) => candidate.event === event);
		if (!subscription) throw new Error(`${event} is not subscribed`);
		return subscription.secretKey;
	}

	it('routes each of the 9 events by its path, one execution per event with its ids and status', async () => {
		await start('uppromote-trigger-all-events.json');
		const created = await upPromoteApi(sim, 'POST', '/affiliates', { email: 'new.partner@example.com', first_name: 'New', last_name: 'Partner' });
		expect(created.status).toBe(200);
		const newAffiliate = (created.data.data as { id: number }).id;
		await sim.setAffiliateStatus(PENDING_AFFILIATE, 'active');
		await sim.setAffiliateStatus(PENDING_AFFILIATE, 'inactive');
		const approved = await sim.createReferral({ affiliate_id: ACTIVE_AFFILIATE, total_sales: '120.50', commission: '12.05' });
		await sim.setReferralStatus(approved.record.id, 'approved');
		const denied = await sim.createReferral({ affiliate_id: ACTIVE_AFFILIATE, total_sales: '5.00' });
		await sim.setReferralStatus(denied.record.id, 'denied');
		const paid = await sim.markPaid(ACTIVE_AFFILIATE, 'other');
		await settle(sim, host);

		const events = sim.deliveries.filter((delivery) => delivery.kind !== 'validation-ping');
		expect(new Set(events.map((delivery) => delivery.kind))).toEqual(new Set(WEBHOOK_EVENTS));
		expect(events.map((delivery) => delivery.status)).toEqual(events.map(() => 200));
		expect(host.errors).toEqual([]);
		expect(host.executions).toHaveLength(events.length);

		const items = host.executions.map(itemOf);
		// Each delivery went to its event's URL, and the item names that event.
		for (const delivery of events) {
			expect(delivery.request.url).toBe(urlOf(host, delivery.kind as WebhookEvent));
			const eventId = (json(delivery).eventId as string) ?? '';
			const item = items.find((candidate) => candidate.eventId === eventId);
			expect(item?.event).toBe(delivery.kind);
			// The body as sent, amounts sent as numbers kept as their exact digits.
			expect(item?.payload).toEqual(parseJsonExact(delivery.request.rawBody, MONEY_KEYS).exact);
		}
		const byEvent = (event: WebhookEvent) => items.filter((item) => item.event === event);
		expect(byEvent('affiliate.new')[0]).toMatchObject({ affiliateId: String(newAffiliate), eventId: expect.stringMatching(EVENT_ID) });
		expect(byEvent('affiliate.approved')[0]).toMatchObject({ affiliateId: String(PENDING_AFFILIATE), status: 'active' });
		expect(byEvent('affiliate.inactive')[0]).toMatchObject({ affiliateId: String(PENDING_AFFILIATE), status: 'inactive' });
		expect(byEvent('affiliate.status-changed').map(({ previousStatus, currentStatus }) => [previousStatus, currentStatus])).toEqual([
			['pending', 'active'],
			['active', 'inactive'],
		]);
		expect(byEvent('referral.new').map((item) => item.referralId)).toEqual([String(approved.record.id), String(denied.record.id)]);
		expect(byEvent('referral.new')[0]).toMatchObject({ affiliateId: String(ACTIVE_AFFILIATE), status: 'pending' });
		expect(byEvent('referral.approved')[0]).toMatchObject({ referralId: String(approved.record.id), status: 'approved' });
		expect(byEvent('referral.denied')[0]).toMatchObject({ referralId: String(denied.record.id), status: 'denied' });
		expect(byEvent('referral.status-changed').map(({ referralId, currentStatus }) => [referralId, currentStatus])).toEqual([
			[String(approved.record.id), 'approved'],
			[String(denied.record.id), 'denied'],
		]);
		expect(byEvent('payment.paid')[0]).toMatchObject({ paymentId: String(paid.record.paymentId), affiliateId: String(ACTIVE_AFFILIATE), status: 'SUCCESS' });
		// Amounts exactly as sent: referral amounts are strings, payment amounts numbers read as their exact digits.
		expect((byEvent('referral.new')[0].payload as IDataObject).total_sales).toBe('120.50');
		const paidBody = events.find((delivery) => delivery.kind === 'payment.paid')!.request.rawBody;
		expect(paidBody).toMatch(/"total_processed":\d+(\.\d+)?[,}]/);
		expect((byEvent('payment.paid')[0].payload as IDataObject).total_processed).toBe(/"total_processed":([\d.]+)/.exec(paidBody)![1]);
	});

	it('accepts the documented signature test vector and keeps the amount as sent', async () => {
		await start('uppromote-trigger-all-events.json');
		expect(signatureFor(VECTOR_SECRET, VECTOR_BODY)).toBe(VECTOR_SIGNATURE);
		expect(upPromoteSignature(VECTOR_BODY, VECTOR_SECRET)).toBe(VECTOR_SIGNATURE);
		const delivery = await sim.deliver('payment.paid', VECTOR_BODY);
		await settle(sim, host);

		expect(delivery.request.rawBody).toBe(VECTOR_BODY);
		expect(delivery.request.headers[SIGNATURE_HEADER]).toBe(signatureFor(secretOf('payment.paid'), VECTOR_BODY));
		expect(delivery.status).toBe(200);
		expect(itemOf(host.executions[0])).toMatchObject({
			event: 'payment.paid',
			paymentId: '26154',
			affiliateId: '2014227',
			status: 'SUCCESS',
			payload: { ...JSON.parse(VECTOR_BODY), total_processed: '100' },
		});
	});

	describe('refusals', () => {
		beforeEach(async () => {
			await start('uppromote-trigger-all-events.json');
		});

		const body = '{"payment_id":1,"affiliate_id":2014227,"status":"SUCCESS","total_processed":5}';

		it.each([
			['an unsigned delivery', () => ({}), 'X-UpPromote-Signature is missing'],
			['a forged delivery', () => ({ [SIGNATURE_HEADER]: signatureFor('a-guessed-secret', body) }), 'X-UpPromote-Signature does not match the body'],
			["a delivery signed with another event's secret", (secret: (event: WebhookEvent) => string) => ({ [SIGNATURE_HEADER]: signatureFor(secret('referral.new'), body) }), 'X-UpPromote-Signature does not match the body'],
			['a delivery signed for another body', (secret: (event: WebhookEvent) => string) => ({ [SIGNATURE_HEADER]: signatureFor(secret('payment.paid'), `${body} `) }), 'X-UpPromote-Signature does not match the body'],
		])('answers 401 to %s and starts nothing', async (_name, headers, reason) => {
			const delivery = await sim.deliverRaw({
				event: 'payment.paid',
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...headers(secretOf) },
				body,
			});
			await settle(sim, host);
			expect(delivery.status).toBe(401);
			expect(json(delivery)).toEqual({ message: `Unauthorized: ${reason}` });
			expect(delivery.body).not.toContain(secretOf('payment.paid'));
			expectNothingStarted();
		});

		it("answers 401, saying to republish, to a rightly signed delivery once the credential's API key changed, and starts nothing", async () => {
			host.setCredentials({ upPromoteApi: { apiKey: `${sim.apiKey}-rotated`, baseUrl: sim.baseUrl } });
			const delivery = await sim.deliverRaw({
				event: 'payment.paid',
				method: 'POST',
				headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signatureFor(secretOf('payment.paid'), body) },
				body,
			});
			await settle(sim, host);
			host.setCredentials(credentialsFor(sim));
			expect(delivery.status).toBe(401);
			expect(json(delivery)).toEqual({
				message: "Unauthorized: this event's webhook secret cannot be opened with the credential's API key, which changed since the workflow was published. Unpublish and publish the workflow again.",
			});
			expectNothingStarted();
		});

		it('answers the validation ping (empty, unsigned) 200 and starts nothing', async () => {
			const delivery = await sim.deliverRaw({ event: 'referral.new', method: 'POST', headers: {} });
			await settle(sim, host);
			expect(delivery.status).toBe(200);
			expectNothingStarted();
		});

		it.each([
			['text that is not JSON', 'text/plain', 'not json', 'the body is not valid JSON'],
			['a JSON array', 'application/json', '[{"payment_id":1}]', 'the body is not a JSON object'],
			['a key named twice', 'application/json', '{"payment_id":1,"payment_id":2}', 'the key "payment_id" appears twice in one object'],
			['a payment without payment_id', 'application/json', '{"affiliate_id":1,"status":"SUCCESS"}', 'a payment.paid body needs payment_id'],
		])('answers 400 to a signed body of %s and starts nothing', async (_name, contentType, raw, reason) => {
			const delivery = await sim.deliverRaw({
				event: 'payment.paid',
				method: 'POST',
				headers: { 'Content-Type': contentType, [SIGNATURE_HEADER]: signatureFor(secretOf('payment.paid'), raw) },
				body: raw,
			});
			await settle(sim, host);
			expect(delivery.status).toBe(400);
			expect(json(delivery)).toEqual({ message: `Bad request: ${reason}` });
			expectNothingStarted();
		});
	});

	it('refuses deliveries to an event it does not hold, even signed with a secret it holds', async () => {
		await start('uppromote-trigger-dedupe.json');
		const body = '{"payment_id":1}';
		const url = urlOf(host, 'payment.paid');
		expect((await subscriptions(sim)).some((subscription) => subscription.event === 'payment.paid')).toBe(false);
		const delivery = await sim.deliverRaw({ url, method: 'POST', headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signatureFor(secretOf('referral.new'), body) }, body });
		await settle(sim, host);
		expect(delivery.status).toBe(401);
		expect(json(delivery)).toEqual({ message: 'Unauthorized: this trigger holds no UpPromote subscription for this event' });
		expectNothingStarted();
	});

	it('skips a redelivered event with Skip Duplicate Events, and runs a later change of the same record', async () => {
		await start('uppromote-trigger-dedupe.json');
		await sim.setAffiliateStatus(PENDING_AFFILIATE, 'active');
		await settle(sim, host);
		const first = sim.deliveries.find((delivery) => delivery.kind === 'affiliate.status-changed')!;
		expect(first.status).toBe(200);

		// UpPromote redelivers: the same bytes and signature.
		const again = await sim.deliverRaw({ url: first.request.url, method: 'POST', headers: first.request.headers, body: first.request.rawBody });
		await sim.setAffiliateStatus(PENDING_AFFILIATE, 'inactive');
		await settle(sim, host);

		expect(again.status).toBe(200);
		expect(json(again)).toEqual({ message: 'Webhook received successfully', duplicate: true, eventId: json(first).eventId });
		expect(host.executions.map((execution) => [itemOf(execution).previousStatus, itemOf(execution).currentStatus])).toEqual([
			['pending', 'active'],
			['active', 'inactive'],
		]);
		expect((host.staticData[`node:${TRIGGER}`] as { seenEventIds: string[] }).seenEventIds).toEqual(host.executions.map((execution) => itemOf(execution).eventId));
	});

	it('runs a redelivered event again without Skip Duplicate Events, with the same eventId', async () => {
		await start('uppromote-trigger-all-events.json');
		const first = await sim.deliver('referral.new', { id: 7, status: 'pending', total_sales: '1.00', affiliate: { id: ACTIVE_AFFILIATE } });
		const again = await sim.deliverRaw({ url: first.request.url, method: 'POST', headers: first.request.headers, body: first.request.rawBody });
		await settle(sim, host);
		expect([first.status, again.status]).toEqual([200, 200]);
		expect(host.executions.map((execution) => itemOf(execution).eventId)).toEqual([json(first).eventId, json(first).eventId]);
	});
});
