// Pure helpers of the UpPromote Trigger: events by path, signatures, bodies, dedupe keys, subscription plans.
import { eventIdOf, eventItem, readDelivery, readEventBody, upPromoteSignature, verifyDelivery } from '../../nodes/UpPromoteTrigger/helpers/deliveries';
import type { UpPromoteDelivery } from '../../nodes/UpPromoteTrigger/helpers/deliveries';
import { eventForRequestPath, eventNamed, eventWebhookUrls, UPPROMOTE_EVENTS } from '../../nodes/UpPromoteTrigger/helpers/events';
import type { PlanInput } from '../../nodes/UpPromoteTrigger/helpers/subscriptions';
import { WEBHOOK_EVENTS } from '../simulator/server';
import { allSubscribed, eventsToUnsubscribe, planSubscriptions, readSubscriptions } from '../../nodes/UpPromoteTrigger/helpers/subscriptions';

// The test vector of UpPromote's signature from the API notes (computed with node, cross-checked with openssl and Python).
const VECTOR_SECRET = 'uppromote-test-secret-key';
const VECTOR_BODY =
	'{"payment_id":26154,"affiliate_id":2014227,"status":"SUCCESS","affiliate_email":"test223@gmail.com","total_referrals":1,"total_processed":100,"payment_method":"debit","processed_at":"2025-09-24T10:52:59Z"}';
const VECTOR_SIGNATURE = '61fd82a88eeecd55ecad89471351c73ab6997b5ed075598c8c8d099c6bd9afb6';

const event = (value: string) => eventNamed(value)!;

describe('events', () => {
	it('lists the 9 events once each, with a path of their own', () => {
		expect(UPPROMOTE_EVENTS.map((e) => e.value)).toEqual([...WEBHOOK_EVENTS]);
		expect(new Set(UPPROMOTE_EVENTS.map((e) => e.path)).size).toBe(9);
	});

	it('tells the event by the request path, with or without a trailing slash or query', () => {
		expect(eventForRequestPath('/webhook/abc/uppromote/referral-status-changed')?.value).toBe('referral.status-changed');
		expect(eventForRequestPath('/webhook-test/abc/uppromote/payment-paid/')?.value).toBe('payment.paid');
		expect(eventForRequestPath('/webhook/abc/uppromote/referral-new?x=1')?.value).toBe('referral.new');
		expect(eventForRequestPath('/webhook/abc/uppromote/unknown')).toBeUndefined();
	});

	it("derives each event's URL from the first webhook's URL", () => {
		const urls = eventWebhookUrls('https://n8n.example.com/webhook/abc/uppromote/referral-new')!;
		expect(urls['affiliate.inactive']).toBe('https://n8n.example.com/webhook/abc/uppromote/affiliate-inactive');
		expect(Object.keys(urls)).toHaveLength(9);
		expect(eventWebhookUrls('https://n8n.example.com/webhook/abc/other')).toBeUndefined();
	});
});

describe('verifyDelivery', () => {
	const body = Buffer.from(VECTOR_BODY);

	it('computes the documented test vector', () => {
		expect(Buffer.byteLength(VECTOR_BODY)).toBe(205);
		expect(upPromoteSignature(body, VECTOR_SECRET)).toBe(VECTOR_SIGNATURE);
	});

	it('accepts the signature in any letter case', () => {
		expect(verifyDelivery(body, VECTOR_SIGNATURE, VECTOR_SECRET)).toEqual({ accepted: true });
		expect(verifyDelivery(body, ` ${VECTOR_SIGNATURE.toUpperCase()} `, VECTOR_SECRET)).toEqual({ accepted: true });
	});

	it('refuses a missing, wrong or other-secret signature, and a body changed by one byte', () => {
		expect(verifyDelivery(body, undefined, VECTOR_SECRET)).toMatchObject({ refused: 401, reason: 'X-UpPromote-Signature is missing' });
		expect(verifyDelivery(body, 'abc', VECTOR_SECRET)).toMatchObject({ refused: 401 });
		expect(verifyDelivery(body, upPromoteSignature(body, 'another-secret'), VECTOR_SECRET)).toMatchObject({ refused: 401 });
		expect(verifyDelivery(Buffer.from(VECTOR_BODY.replace('100', '101')), VECTOR_SIGNATURE, VECTOR_SECRET)).toMatchObject({
			refused: 401,
			reason: 'X-UpPromote-Signature does not match the body',
		});
	});

	it('refuses a signed body for an event this trigger holds no secret for', () => {
		expect(verifyDelivery(body, VECTOR_SIGNATURE, undefined)).toMatchObject({ refused: 401 });
	});

	it('answers the validation ping (empty, unsigned), with or without a stored secret', () => {
		expect(verifyDelivery(Buffer.alloc(0), undefined, undefined)).toEqual({ ping: true });
		expect(verifyDelivery(Buffer.alloc(0), '', VECTOR_SECRET)).toEqual({ ping: true });
		expect(verifyDelivery(Buffer.alloc(0), 'forged', VECTOR_SECRET)).toMatchObject({ refused: 401 });
	});
});

describe('readEventBody and readDelivery', () => {
	it('keeps amounts exactly as sent: numbers as their digits, strings as strings', () => {
		const read = readEventBody(Buffer.from('{"payment_id":1,"total_processed":100.50,"total_sales":"0.10"}'));
		expect(read).toEqual({ payload: { payment_id: 1, total_processed: '100.50', total_sales: '0.10' } });
	});

	it.each([
		['', 'the body is not valid JSON'],
		['{"a":', 'the body is not valid JSON'],
		['[1]', 'the body is not a JSON object'],
		['{"id":1,"id":2}', 'the key "id" appears twice in one object'],
	])('refuses %j', (raw, reason) => {
		expect(readEventBody(Buffer.from(raw))).toEqual({ reason });
	});

	it('refuses bytes that are not UTF-8', () => {
		expect(readEventBody(Buffer.from([0x7b, 0xff, 0x7d]))).toEqual({ reason: 'the body is not UTF-8 text' });
	});

	it('reads a referral: its id, its affiliate and status', () => {
		const delivery = readDelivery(event('referral.approved'), { id: 77, status: 'approved', affiliate: { id: 5 }, total_sales: '10.00' });
		expect(delivery).toMatchObject({ event: 'referral.approved', objectId: '77', referralId: '77', affiliateId: '5', status: 'approved' });
	});

	it('reads status changes by referral_id (else id) and affiliate_id', () => {
		expect(readDelivery(event('referral.status-changed'), { referral_id: 9, previous_status: 'pending', current_status: 'approved' })).toMatchObject({
			referralId: '9',
			previousStatus: 'pending',
			currentStatus: 'approved',
		});
		expect(readDelivery(event('referral.status-changed'), { id: 9, current_status: 'denied' })).toMatchObject({ referralId: '9' });
		expect(readDelivery(event('affiliate.status-changed'), { affiliate_id: 2029241, previous_status: 'active', current_status: 'inactive' })).toMatchObject({
			affiliateId: '2029241',
			previousStatus: 'active',
			currentStatus: 'inactive',
		});
	});

	it('reads a payment: payment and affiliate ids, status', () => {
		expect(readDelivery(event('payment.paid'), JSON.parse(VECTOR_BODY))).toMatchObject({ paymentId: '26154', affiliateId: '2014227', status: 'SUCCESS' });
	});

	it.each([
		['referral.new', { status: 'pending' }],
		['referral.status-changed', { current_status: 'approved' }],
		['affiliate.new', { email: 'a@example.com' }],
		['affiliate.status-changed', { current_status: 'active' }],
		['payment.paid', { affiliate_id: 1 }],
	])('refuses a %s body without its id', (value, payload) => {
		expect(readDelivery(event(value), payload)).toHaveProperty('reason');
	});
});

describe('eventIdOf and eventItem', () => {
	const delivery = (overrides: Partial<UpPromoteDelivery> = {}): UpPromoteDelivery => ({
		event: 'referral.new',
		objectId: '1',
		referralId: '1',
		status: 'pending',
		payload: {},
		...overrides,
	});

	it('gives a redelivery the same id, and another event, record or status another', () => {
		const id = eventIdOf(delivery());
		expect(id).toMatch(/^uppromote_[0-9a-f]{24}$/);
		expect(eventIdOf(delivery({ payload: { anything: 'else' } }))).toBe(id);
		expect(eventIdOf(delivery({ event: 'referral.approved' }))).not.toBe(id);
		expect(eventIdOf(delivery({ objectId: '2' }))).not.toBe(id);
		expect(eventIdOf(delivery({ status: 'approved' }))).not.toBe(id);
		expect(eventIdOf(delivery({ status: undefined, previousStatus: 'a', currentStatus: 'b' }))).not.toBe(
			eventIdOf(delivery({ status: undefined, previousStatus: 'b', currentStatus: 'a' })),
		);
	});

	it('emits the event, the ids present, status fields and the payload as sent', () => {
		const item = eventItem(delivery({ affiliateId: '5', payload: { id: 1, total_sales: '10.00' } }), 'uppromote_x', new Date('2026-01-01T00:00:00Z'));
		expect(item).toEqual({
			event: 'referral.new',
			eventId: 'uppromote_x',
			affiliateId: '5',
			referralId: '1',
			status: 'pending',
			receivedAt: '2026-01-01T00:00:00.000Z',
			payload: { id: 1, total_sales: '10.00' },
		});
	});
});

describe('subscriptions', () => {
	const urls = eventWebhookUrls('https://n8n.example.com/webhook/wh1/uppromote/referral-new')!;
	const testUrls = eventWebhookUrls('https://n8n.example.com/webhook-test/wh1/uppromote/referral-new')!;
	const paths = Object.fromEntries(UPPROMOTE_EVENTS.map((e) => [e.value, e.path]));
	const plan = (overrides: Partial<PlanInput>) =>
		planSubscriptions({ events: ['referral.new', 'payment.paid'], urls, paths, webhookId: 'wh1', existing: [], isTest: false, replaceExisting: false, ...overrides });

	it('reads list rows with an event and a target URL', () => {
		expect(readSubscriptions([{ event: 'referral.new', target_url: 'https://a', secret_key: 's' }, { event: 'x' }, null])).toEqual([
			{ event: 'referral.new', targetUrl: 'https://a', secretKey: 's' },
		]);
		expect(readSubscriptions(null)).toEqual([]);
	});

	it('subscribes free events and keeps those already ours with their listed secret', () => {
		const result = plan({ existing: [{ event: 'payment.paid', targetUrl: urls['payment.paid'], secretKey: 's1' }] });
		expect(result).toEqual({
			steps: [
				{ event: 'referral.new', url: urls['referral.new'], holder: 'free' },
				{ event: 'payment.paid', url: urls['payment.paid'], holder: 'ours', heldBy: urls['payment.paid'], secretKey: 's1' },
			],
		});
	});

	it('refuses an event held by another URL, naming the event and the URL', () => {
		const result = plan({ existing: [{ event: 'payment.paid', targetUrl: 'https://other.example.com/hook' }] });
		expect(result).toHaveProperty('refused');
		const { refused } = result as { refused: string };
		expect(refused).toContain('payment.paid');
		expect(refused).toContain('https://other.example.com/hook');
		expect(refused).toContain('Replace Existing Subscriptions');
	});

	it('replaces an event held by another URL with the option on', () => {
		const result = plan({ existing: [{ event: 'payment.paid', targetUrl: 'https://other.example.com/hook' }], replaceExisting: true });
		expect(result).toMatchObject({ steps: [{ holder: 'free' }, { event: 'payment.paid', holder: 'foreign', heldBy: 'https://other.example.com/hook' }] });
	});

	it('takes an event back from its own Test URL when published, never the reverse, even with Replace on', () => {
		const fromTest = plan({ existing: [{ event: 'payment.paid', targetUrl: testUrls['payment.paid'] }] });
		expect(fromTest).toMatchObject({ steps: [{ holder: 'free' }, { holder: 'sameTrigger' }] });
		const fromProduction = plan({ urls: testUrls, isTest: true, replaceExisting: true, existing: [{ event: 'payment.paid', targetUrl: urls['payment.paid'] }] });
		expect((fromProduction as { refused: string }).refused).toContain("this workflow's production URL");
	});

	it('unsubscribes only events still pointing at this trigger', () => {
		const existing = [
			{ event: 'referral.new', targetUrl: urls['referral.new'] },
			{ event: 'payment.paid', targetUrl: 'https://other.example.com/hook' },
			{ event: 'affiliate.new', targetUrl: urls['affiliate.new'] },
		];
		const stored = { 'payment.paid': { targetUrl: urls['payment.paid'], sealedSecret: 's' }, 'affiliate.new': { targetUrl: urls['affiliate.new'], sealedSecret: 't' } };
		expect(eventsToUnsubscribe(['referral.new'], stored, urls, existing).sort()).toEqual(['affiliate.new', 'referral.new']);
	});

	it('says all are subscribed only when every chosen event is ours with a secret', () => {
		const ours = [{ event: 'referral.new', targetUrl: urls['referral.new'], secretKey: 's' }];
		expect(allSubscribed(['referral.new'], urls, ours)).toBe(true);
		expect(allSubscribed(['referral.new', 'payment.paid'], urls, ours)).toBe(false);
		expect(allSubscribed(['referral.new'], urls, [{ event: 'referral.new', targetUrl: urls['referral.new'] }])).toBe(false);
	});
});
