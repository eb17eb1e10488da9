// Pure helpers of the Referral Rocket Trigger: signature key readings, envelopes, normalised fields, event ids, routing.
import { createHmac } from 'node:crypto';

import type { ReferralRocketDelivery } from '../../nodes/ReferralRocketTrigger/helpers/deliveries';
import { eventIdsOf, eventItem, eventTimeOf, readDelivery, readEnvelope } from '../../nodes/ReferralRocketTrigger/helpers/deliveries';
import { documentedEvent, REFERRAL_ROCKET_EVENTS, routeEvent } from '../../nodes/ReferralRocketTrigger/helpers/events';
import type { SignatureInput } from '../../nodes/ReferralRocketTrigger/helpers/signature';
import { isHexSecret, referralRocketSignature, signingKeys, verifySignature } from '../../nodes/ReferralRocketTrigger/helpers/signature';
import { ReferralRocketTrigger } from '../../nodes/ReferralRocketTrigger/ReferralRocketTrigger.node';

// The test vector of the Referral Rocket notes (computed with node, cross-checked with openssl and Python).
const VECTOR_SECRET = '9f2c4e6a8b0d1f3a5c7e9b1d3f5a7c9e';
const VECTOR_BODY =
	'{"eventType":"referrer_added","data":{"participantId":384,"email":"karan.r.shahss92@gmail.com","code":"scG3q9Ez","campaignId":"PMf8BDZ1zb"},"createdAt":1739070028207,"updatedAt":1739070028207}';
const VECTOR_UTF8_SIGNATURE = 'a2af33fc95ce1cd136a33a58fa108430406c447d8f68a27164d8517fae5e8bcc';
const VECTOR_HEX_SIGNATURE = '31323a5d238068b6160b7ddfb945872b6e6895ebf497aab15ee2f2d5f8b846b5';

/** What an attacker computes when a lenient hex decoder turns the secret into no key at all. */
const emptyKeySignature = (body: string) => createHmac('sha256', Buffer.alloc(0)).update(body).digest('hex');

function verify(overrides: Partial<SignatureInput>) {
	return verifySignature({ rawBody: Buffer.from(VECTOR_BODY), signature: undefined, secret: VECTOR_SECRET, encoding: 'auto', acceptUnsigned: false, ...overrides });
}

describe('signature', () => {
	it('computes both documented test vectors', () => {
		expect(Buffer.byteLength(VECTOR_BODY)).toBe(192);
		const [utf8, hex] = signingKeys(VECTOR_SECRET);
		expect([utf8.encoding, hex.encoding]).toEqual(['utf8', 'hex']);
		expect(referralRocketSignature(VECTOR_BODY, utf8.key)).toBe(VECTOR_UTF8_SIGNATURE);
		expect(referralRocketSignature(Buffer.from(VECTOR_BODY), hex.key)).toBe(VECTOR_HEX_SIGNATURE);
	});

	it('accepts either key reading and says which one matched, in any letter case', () => {
		expect(verify({ signature: VECTOR_UTF8_SIGNATURE })).toEqual({ verifiedWith: 'utf8' });
		expect(verify({ signature: VECTOR_HEX_SIGNATURE })).toEqual({ verifiedWith: 'hex' });
		expect(verify({ signature: ` ${VECTOR_HEX_SIGNATURE.toUpperCase()} ` })).toEqual({ verifiedWith: 'hex' });
	});

	it('accepts only the pinned reading when Secret Encoding is pinned', () => {
		expect(verify({ signature: VECTOR_UTF8_SIGNATURE, encoding: 'utf8' })).toEqual({ verifiedWith: 'utf8' });
		expect(verify({ signature: VECTOR_HEX_SIGNATURE, encoding: 'utf8' })).toEqual({ refused: 'X-RR-Signature does not match the body' });
		expect(verify({ signature: VECTOR_HEX_SIGNATURE, encoding: 'hex' })).toEqual({ verifiedWith: 'hex' });
		expect(verify({ signature: VECTOR_UTF8_SIGNATURE, encoding: 'hex' })).toEqual({ refused: 'X-RR-Signature does not match the body' });
	});

	it.each([
		['a prefixed secret, which Node decodes to 0 bytes', 'whsec_3f5a7c9e'],
		['a secret with a non-hex pair after hex, which Node decodes to 1 byte', 'abcxyz'],
		['an odd-length hex secret, which Node decodes to its first byte', 'abc'],
	])('offers no hex reading for %s', (_name, secret) => {
		expect(isHexSecret(secret)).toBe(false);
		expect(Buffer.from(secret, 'hex').length).toBeLessThan(secret.length / 2);
		expect(signingKeys(secret).map((key) => key.encoding)).toEqual(['utf8']);
	});

	it('refuses the empty-key attack: a signature keyed with what a lenient hex decoder makes of a non-hex secret', () => {
		const secret = 'whsec_3f5a7c9e';
		expect(Buffer.from(secret, 'hex').length).toBe(0);
		expect(verify({ secret, signature: emptyKeySignature(VECTOR_BODY) })).toEqual({ refused: 'X-RR-Signature does not match the body' });
		// Nor one keyed with the single byte 'abcxyz' would decode to, which anyone could find in 256 tries.
		const oneByte = createHmac('sha256', Buffer.from('abcxyz', 'hex')).update(VECTOR_BODY).digest('hex');
		expect(verify({ secret: 'abcxyz', signature: oneByte })).toEqual({ refused: 'X-RR-Signature does not match the body' });
		// The same secret's real (UTF-8) signature passes.
		expect(verify({ secret, signature: createHmac('sha256', secret).update(VECTOR_BODY).digest('hex') })).toEqual({ verifiedWith: 'utf8' });
	});

	it('refuses every delivery when Secret Encoding is Hex and the secret is not hex, rather than using an empty key', () => {
		expect(verify({ secret: 'whsec_3f5a7c9e', encoding: 'hex', signature: emptyKeySignature(VECTOR_BODY) })).toEqual({
			refused: 'Secret Encoding is Hex, but the Webhook Signing Secret is not an even number of hex digits',
		});
	});

	it('refuses a missing, forged or other-body signature, and a secret-less credential, with a reason', () => {
		expect(verify({})).toEqual({ refused: 'X-RR-Signature is missing' });
		expect(verify({ signature: '' })).toEqual({ refused: 'X-RR-Signature is missing' });
		expect(verify({ signature: 'a2af33fc' })).toEqual({ refused: 'X-RR-Signature does not match the body' });
		expect(verify({ signature: VECTOR_UTF8_SIGNATURE, rawBody: Buffer.from(VECTOR_BODY.replace('384', '385')) })).toEqual({
			refused: 'X-RR-Signature does not match the body',
		});
		expect(verify({ signature: VECTOR_UTF8_SIGNATURE, secret: '  ' })).toEqual({
			refused: "the credential has no Webhook Signing Secret; copy the endpoint's secret from Referral Rocket (Settings > Webhooks) into the credential's Webhook Signing Secret",
		});
	});

	it('trims a pasted secret', () => {
		expect(verify({ signature: VECTOR_UTF8_SIGNATURE, secret: ` ${VECTOR_SECRET}\n` })).toEqual({ verifiedWith: 'utf8' });
	});

	it('lets unsigned deliveries through only with the opt-out, and still checks a signature it can check', () => {
		expect(verify({ acceptUnsigned: true })).toEqual({ verifiedWith: 'unsigned' });
		expect(verify({ acceptUnsigned: true, secret: '', signature: 'anything' })).toEqual({ verifiedWith: 'unsigned' });
		expect(verify({ acceptUnsigned: true, signature: VECTOR_HEX_SIGNATURE })).toEqual({ verifiedWith: 'hex' });
		expect(verify({ acceptUnsigned: true, signature: emptyKeySignature(VECTOR_BODY) })).toEqual({ refused: 'X-RR-Signature does not match the body' });
	});
});

describe('readEnvelope', () => {
	it('reads the envelope with amounts as the exact text sent', () => {
		const read = readEnvelope(Buffer.from('{"eventType":"reward_unlocked","data":{"participantId":384,"rewardDue":20.10,"rewardPaid":0.1000000000000000001,"totalReferred":2},"createdAt":1739266200000}'));
		expect(read).toEqual({
			envelope: {
				eventType: 'reward_unlocked',
				data: { participantId: 384, rewardDue: '20.10', rewardPaid: '0.1000000000000000001', totalReferred: 2 },
				createdAt: 1739266200000,
			},
		});
	});

	it.each([
		['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), 'the body is not UTF-8 text'],
		['text that is not JSON', Buffer.from('eventType=referrer_added'), 'the body is not valid JSON'],
		['an empty body', Buffer.alloc(0), 'the body is not valid JSON'],
		['a JSON array', Buffer.from('[{"eventType":"referrer_added","data":{}}]'), 'the body is not a JSON object'],
		['a key named twice', Buffer.from('{"eventType":"referrer_added","eventType":"reward_unlocked","data":{}}'), 'the key "eventType" appears twice in one object'],
		['a key named twice inside data', Buffer.from('{"eventType":"reward_unlocked","data":{"rewardDue":1,"rewardDue":1000}}'), 'the key "rewardDue" appears twice in one object'],
		['no eventType', Buffer.from('{"data":{"participantId":1}}'), 'the body has no eventType'],
		['a blank eventType', Buffer.from('{"eventType":" ","data":{"participantId":1}}'), 'the body has no eventType'],
		['a numeric eventType', Buffer.from('{"eventType":1,"data":{"participantId":1}}'), 'the body has no eventType'],
		['no data', Buffer.from('{"eventType":"referrer_added"}'), 'the body has no data object'],
		['data that is an array', Buffer.from('{"eventType":"referrer_added","data":[]}'), 'the body has no data object'],
	])('refuses %s', (_name, body, reason) => {
		expect(readEnvelope(body)).toEqual({ reason });
	});
});

describe('readDelivery and eventItem', () => {
	const envelope = (data: object, extra: object = {}) => {
		const read = readEnvelope(Buffer.from(JSON.stringify({ eventType: 'reward_unlocked', data, createdAt: 1739266200000, updatedAt: 1739266200000, ...extra })));
		if (!('envelope' in read)) throw new Error(read.reason);
		return read.envelope;
	};

	it('normalises the participant, codes, campaign, amounts and event time', () => {
		const delivery = readDelivery(envelope({ participantId: 384, email: 'karan.r.shahss92@gmail.com', code: 'scG3q9Ez', campaignId: 'PMf8BDZ1zb', referredByCode: null, rewardCurrency: 'USD', rewardDue: 20, rewardPaid: '12.50', amountPaid: 1e-7, refereeReward: null, score: 'Low' }));
		expect(delivery).toMatchObject({
			eventType: 'reward_unlocked',
			participantId: '384',
			email: 'karan.r.shahss92@gmail.com',
			referralCode: 'scG3q9Ez',
			referredByCode: null,
			campaignId: 'PMf8BDZ1zb',
			rewardCurrency: 'USD',
			amounts: { rewardDue: '20', rewardPaid: '12.50', amountPaid: '0.0000001', refereeReward: null },
			createdAt: '1739266200000',
			eventTime: '2025-02-11T09:30:00.000Z',
		});
		const item = eventItem(delivery, eventIdsOf(delivery), { receivedAt: new Date('2025-02-11T09:30:01.000Z'), verifiedWith: 'hex' });
		expect(item).toMatchObject({ rewardDue: '20', referredByCode: null, eventTime: '2025-02-11T09:30:00.000Z', receivedAt: '2025-02-11T09:30:01.000Z', signatureKeyEncoding: 'hex' });
		expect(item.payload).toBe(delivery.envelope);
		expect(Object.keys(item)).not.toContain('referralReward');
	});

	it('leaves out what the body does not carry, and an amount that is not a decimal', () => {
		const delivery = readDelivery(envelope({ rewardDue: 'twenty', referredByCode: 'scG3q9Ez' }, { createdAt: undefined }));
		expect(delivery).toMatchObject({ referredByCode: 'scG3q9Ez', amounts: {} });
		expect(delivery.participantId).toBeUndefined();
		expect(delivery.eventTime).toBeUndefined();
		const item = eventItem(delivery, eventIdsOf(delivery), { receivedAt: new Date(0), verifiedWith: 'utf8' });
		expect(Object.keys(item)).toEqual(['eventId', 'contentId', 'eventType', 'referredByCode', 'receivedAt', 'signatureKeyEncoding', 'payload']);
	});

	it('reads createdAt as epoch milliseconds, or an ISO date', () => {
		expect(eventTimeOf(1739070028207)).toBe('2025-02-09T03:00:28.207Z');
		expect(eventTimeOf('1739070028207')).toBe('2025-02-09T03:00:28.207Z');
		expect(eventTimeOf('2025-02-09T03:00:28.002+00:00')).toBe('2025-02-09T03:00:28.002Z');
		expect(eventTimeOf('soon')).toBeUndefined();
		expect(eventTimeOf(1.5)).toBeUndefined();
		expect(eventTimeOf(null)).toBeUndefined();
	});
});

describe('eventIdsOf', () => {
	const delivery = (eventType: string, data: object, createdAt?: number): ReferralRocketDelivery => {
		const read = readEnvelope(Buffer.from(JSON.stringify({ eventType, data, createdAt, updatedAt: createdAt })));
		if (!('envelope' in read)) throw new Error(read.reason);
		return readDelivery(read.envelope);
	};
	const data = { participantId: 384, email: 'a@example.com', rewardDue: 20, updatedOn: '2025-02-11T09:30:00.000+00:00' };

	it('gives a redelivery the same ids, however its keys are ordered or its amounts spelled', () => {
		const first = eventIdsOf(delivery('reward_unlocked', data, 1739266200000));
		expect(first.eventId).toMatch(/^rr_[0-9a-f]{24}$/);
		expect(first.contentId).toMatch(/^rrc_[0-9a-f]{24}$/);
		expect(eventIdsOf(delivery('reward_unlocked', { updatedOn: data.updatedOn, rewardDue: '20.00', email: data.email, participantId: 384 }, 1739266200000))).toEqual(first);
	});

	it('keeps eventId when createdAt is stable but the snapshot changed, and contentId when createdAt changed', () => {
		const first = eventIdsOf(delivery('reward_unlocked', data, 1739266200000));
		const resnapshot = eventIdsOf(delivery('reward_unlocked', { ...data, impressionCount: 4 }, 1739266200000));
		expect(resnapshot.eventId).toBe(first.eventId);
		expect(resnapshot.contentId).not.toBe(first.contentId);
		const restamped = eventIdsOf(delivery('reward_unlocked', data, 1739266260000));
		expect(restamped.contentId).toBe(first.contentId);
		expect(restamped.eventId).not.toBe(first.eventId);
	});

	it('tells apart other event types, participants and rewards', () => {
		const first = eventIdsOf(delivery('reward_unlocked', data, 1739266200000));
		for (const other of [
			delivery('referrer_added', data, 1739266200000),
			delivery('reward_unlocked', { ...data, participantId: 385 }, 1739266200000),
			delivery('reward_unlocked', { ...data, rewardDue: 40, updatedOn: '2025-02-12T10:00:00.000+00:00' }, 1739352000000),
		]) {
			const ids = eventIdsOf(other);
			expect(ids.eventId).not.toBe(first.eventId);
			expect(ids.contentId).not.toBe(first.contentId);
		}
		// ASCII case of the event type does not make another event.
		expect(eventIdsOf(delivery('REWARD_UNLOCKED', data, 1739266200000))).toEqual(first);
	});

	it('falls back to the content for eventId when createdAt or the participant is missing', () => {
		const ids = eventIdsOf(delivery('reward_unlocked', data));
		expect(ids.eventId).toBe(`rr_${ids.contentId.slice('rrc_'.length)}`);
		const withoutParticipant = eventIdsOf(delivery('reward_unlocked', { email: 'a@example.com' }, 1739266200000));
		expect(withoutParticipant.eventId.slice(3)).toBe(withoutParticipant.contentId.slice(4));
	});
});

describe('routeEvent', () => {
	const all = REFERRAL_ROCKET_EVENTS.map((event) => event.value);

	it('lists the three dashboard events, all of them selected on a new trigger', () => {
		expect(all).toEqual(['referrer_added', 'referee_added', 'reward_unlocked']);
		const events = new ReferralRocketTrigger().description.properties.find((property) => property.name === 'events');
		expect(events?.default).toEqual(all);
		expect(events?.options?.map((option) => ('value' in option ? option.value : undefined))).toEqual(all);
	});

	it('sends selected events to Event, unselected ones nowhere, undocumented ones to Other Event', () => {
		expect(routeEvent('referrer_added', all)).toEqual({ output: 0 });
		expect(routeEvent(' Reward_Unlocked ', ['reward_unlocked'])).toEqual({ output: 0 });
		expect(routeEvent('referee_added', ['reward_unlocked'])).toEqual({ ignored: 'event type referee_added is not selected' });
		expect(routeEvent('participant_qualified', all)).toEqual({ output: 1 });
		expect(routeEvent('participant_qualified', [])).toEqual({ output: 1 });
	});

	it('folds only ASCII letters: a look-alike letter is an undocumented event type', () => {
		expect(documentedEvent('REFERRER_ADDED')?.value).toBe('referrer_added');
		// The Kelvin sign lower-cases to k in JavaScript, but is not the k of reward_unlocked.
		const lookAlike = 'reward_unloc\u212Aed';
		expect(lookAlike.toLowerCase()).toBe('reward_unlocked');
		expect(documentedEvent(lookAlike)).toBeUndefined();
		expect(routeEvent(lookAlike, all)).toEqual({ output: 1 });
	});
});
