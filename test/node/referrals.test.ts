// PayRam node → Referral (Register Referrer, Link Referee, Log Event), run in n8n's execution engine
// against the PayRam simulator.
import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { jsonOf, requestsSince, run, seedReferee, seedReferrer, withItems } from './referral-payout.helpers';

let sim: PayRamSimulator;

beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

/** The referrer record PayRam keeps, as the simulator answers it. */
function profileOf(referenceId: string) {
	const member = sim.state.referralMembers.find((candidate) => candidate.referenceId === referenceId)!;
	return {
		id: member.id,
		createdAt: member.createdAt.toISOString(),
		updatedAt: member.updatedAt.toISOString(),
		project: '1',
		referenceId: member.referenceId,
		email: member.email,
		code: member.code,
		status: 'active',
		referredByMemberID: null,
		referredByMemberReferenceID: null,
		campaigns: [],
	};
}

describe('Referral → Register Referrer', () => {
	it('outputs the referral code and dashboard URL next to PayRam\'s referrer record', async () => {
		const result = await run(sim, 'referral-register-referrer.json');

		expect(result.error).toBeUndefined();
		const member = sim.state.referralMembers[0];
		expect(sim.state.referralMembers).toHaveLength(1);
		expect(member.code).toMatch(/^[A-Z0-9]{7}$/);
		const dashboardUrl = `${sim.url}/referral/${member.dashboardToken}`;
		expect(result.output('Register Referrer')).toEqual([
			{
				json: {
					referralCode: member.code,
					dashboardUrl,
					redirectURL: dashboardUrl,
					referrer: {
						...profileOf('user-alice'),
						referenceId: 'user-alice',
						email: 'alice@example.com',
					},
				},
				pairedItem: { item: 0 },
			},
		]);

		const [request] = sim.requests;
		expect(sim.requests).toHaveLength(1);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/v1/referral/referrers/authenticate');
		expect(request.headers['api-key']).toBe(sim.apiKey);
		expect(request.headers.authorization).toBeUndefined();
		expect(request.rawBody).toBe('{"email":"alice@example.com","referenceID":"user-alice"}');
	});

	it('gives the same referral code when the same referrer ID is registered again', async () => {
		const twice = withItems('referral-register-referrer.json', [
			{ email: 'alice@example.com', userId: 'user-alice' },
			{ email: 'alice@example.com', userId: 'user-alice' },
		]);
		const first = await run(sim, twice);
		const again = await run(sim, 'referral-register-referrer.json');

		const code = sim.state.referralMembers[0].code;
		expect(sim.state.referralMembers).toHaveLength(1);
		expect(jsonOf(first, 'Register Referrer').map((item) => item.referralCode)).toEqual([code, code]);
		expect(jsonOf(again, 'Register Referrer').map((item) => item.referralCode)).toEqual([code]);
		expect(jsonOf(again, 'Register Referrer')[0].dashboardUrl).toBe(jsonOf(first, 'Register Referrer')[0].dashboardUrl);
	});

	it('gives different referrers different codes', async () => {
		const result = await run(
			sim,
			withItems('referral-register-referrer.json', [
				{ email: 'alice@example.com', userId: 'user-alice' },
				{ email: 'zoe@example.com', userId: 'user-zoe' },
			]),
		);
		const codes = jsonOf(result, 'Register Referrer').map((item) => item.referralCode);
		expect(codes).toEqual(sim.state.referralMembers.map((member) => member.code));
		expect(codes[0]).not.toBe(codes[1]);
	});

	it.each([
		[{ email: 'alice.example.com', userId: 'user-alice' }, 'Email "alice.example.com" is not a valid email address'],
		[{ email: '', userId: 'user-alice' }, 'Email is empty'],
		[{ email: 'alice@example.com', userId: '   ' }, 'Referrer ID is empty'],
	])('refuses %j before sending anything', async (item, message) => {
		const before = sim.requests.length;
		const result = await run(sim, withItems('referral-register-referrer.json', [item]));

		expect(result.nodeError('Register Referrer')).toMatchObject({ name: 'NodeOperationError', message });
		expect(result.error?.message).toBe(message);
		expect(sim.requests.length).toBe(before);
		expect(sim.state.referralMembers).toHaveLength(0);
	});
});

describe('Referral → Register Referrer, known bugs', () => {
	// The node's email check (anything@anything.anything) lets through addresses PayRam refuses
	// (422 "email must be a valid email address"), so they reach PayRam.
	it.each(['alice@example..com', '.alice@example.com', 'alice@exa_mple.com'])(
		'refuses the email %j, which PayRam refuses, before sending anything',
		async (email) => {
			const result = await run(sim, withItems('referral-register-referrer.json', [{ email, userId: 'user-alice' }]));

			expect(result.nodeError('Register Referrer')).toMatchObject({
				name: 'NodeOperationError',
				message: `Email "${email}" is not a valid email address`,
			});
			expect(sim.requests).toHaveLength(0);
		},
	);
});

describe('Referral → Link Referee', () => {
	it('links the referee to the referrer whose code they used', async () => {
		const code = await seedReferrer(sim, 'user-alice', 'alice@example.com');
		const before = sim.requests.length;
		const result = await run(
			sim,
			withItems('referral-link-referee.json', [{ email: 'bob@example.com', referralCode: code, userId: 'user-bob' }]),
		);

		expect(result.error).toBeUndefined();
		const referee = sim.state.referralMembers[1];
		expect(result.output('Link Referee')).toEqual([
			{
				json: {
					...profileOf('user-bob'),
					id: 2,
					referenceId: 'user-bob',
					email: 'bob@example.com',
					code: referee.code,
					referredByMemberID: 1,
					referredByMemberReferenceID: 'user-alice',
					referredByMember: { ...profileOf('user-alice'), id: 1, code, campaigns: null },
				},
				pairedItem: { item: 0 },
			},
		]);
		const requests = requestsSince(sim, before);
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/v1/referral/referee']);
		expect(requests[0].rawBody).toBe(`{"email":"bob@example.com","referrerCode":"${code}","referenceID":"user-bob"}`);
	});

	it("fails with PayRam's 422 message, in one sentence, when the referral code is unknown", async () => {
		await seedReferrer(sim, 'user-alice', 'alice@example.com');
		const result = await run(
			sim,
			withItems('referral-link-referee.json', [{ email: 'bob@example.com', referralCode: 'NOPE999', userId: 'user-bob' }]),
		);

		const error = result.nodeError('Link Referee');
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '422',
			message: 'PayRam: referrer code NOPE999 not found (HTTP 422)',
			description: 'POST /api/v1/referral/referee. referrerCode: referrer code NOPE999 not found.',
		});
		expect(error?.message).not.toMatch(/\n/);
		expect(result.error?.message).toBe('PayRam: referrer code NOPE999 not found (HTTP 422)');
		expect(sim.state.referralMembers).toHaveLength(1);
	});

	it("fails with the node's own 409 message when the referee is already linked", async () => {
		const code = await seedReferrer(sim, 'user-alice', 'alice@example.com');
		await seedReferee(sim, code, 'user-bob', 'bob@example.com');
		const result = await run(
			sim,
			withItems('referral-link-referee.json', [{ email: 'bob@example.com', referralCode: code, userId: 'user-bob' }]),
		);

		expect(result.nodeError('Link Referee')).toMatchObject({
			name: 'NodeApiError',
			httpCode: '409',
			message: 'PayRam: This referee is already linked to a referrer (HTTP 409)',
			description: 'POST /api/v1/referral/referee. Conflict. PayRam said: Referee already linked.',
		});
		expect(sim.state.referralMembers).toHaveLength(2);
	});

	it.each([
		[{ email: 'bob at example.com', referralCode: 'ABC1234', userId: 'user-bob' }, 'Email "bob at example.com" is not a valid email address'],
		[{ email: 'bob@example.com', referralCode: '', userId: 'user-bob' }, 'Referrer Code is empty'],
		[{ email: 'bob@example.com', referralCode: 'ABC1234', userId: '' }, 'Referee ID is empty'],
	])('refuses %j before sending anything', async (item, message) => {
		const before = sim.requests.length;
		const result = await run(sim, withItems('referral-link-referee.json', [item]));

		expect(result.nodeError('Link Referee')).toMatchObject({ name: 'NodeOperationError', message });
		expect(sim.requests.length).toBe(before);
	});
});

describe('Referral → Log Event', () => {
	beforeEach(async () => {
		const code = await seedReferrer(sim, 'user-alice', 'alice@example.com');
		await seedReferee(sim, code, 'user-bob', 'bob@example.com');
	});

	function eventRecord(id: number, eventKey: string, amount: string | null) {
		const event = sim.state.referralEvents.find((candidate) => candidate.id === id)!;
		const at = event.createdAt.toISOString();
		return {
			id,
			createdAt: at,
			updatedAt: at,
			project: '1',
			eventKey,
			memberID: 2,
			memberReferenceID: 'user-bob',
			amount,
			triggeredAt: at,
			data: null,
			status: 'pending',
			failureReason: null,
			member: null,
		};
	}

	it('logs an event that takes no amount, sending no amount', async () => {
		const before = sim.requests.length;
		const result = await run(sim, 'referral-log-event.json');

		expect(result.error).toBeUndefined();
		expect(result.output('Log Event')).toEqual([{ json: eventRecord(1, 'signup', null), pairedItem: { item: 0 } }]);
		const requests = requestsSince(sim, before);
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/v1/referral/event-log']);
		expect(requests[0].rawBody).toBe('{"eventKey":"signup","referenceID":"user-bob"}');
	});

	it('sends the amount "345.44" as the JSON number literal 345.44', async () => {
		const before = sim.requests.length;
		const result = await run(sim, 'referral-log-event-amount.json');

		expect(result.error).toBeUndefined();
		const [request] = requestsSince(sim, before);
		expect(request.rawBody).toBe('{"eventKey":"purchase","referenceID":"user-bob","amount":345.44}');
		expect(sim.state.referralEvents.map((event) => event.amount)).toEqual(['345.44']);
		expect(result.output('Log Event')).toEqual([{ json: eventRecord(1, 'purchase', '345.44'), pairedItem: { item: 0 } }]);
	});

	it('keeps the amount "0.1000000000000000001" exact in the request and in the answer', async () => {
		const before = sim.requests.length;
		const result = await run(
			sim,
			withItems('referral-log-event-amount.json', [{ event: 'purchase', userId: 'user-bob', amount: '0.1000000000000000001' }]),
		);

		expect(result.error).toBeUndefined();
		const [request] = requestsSince(sim, before);
		expect(request.rawBody).toBe('{"eventKey":"purchase","referenceID":"user-bob","amount":0.1000000000000000001}');
		expect(sim.state.referralEvents[0].amount).toBe('0.1000000000000000001');
		expect(jsonOf(result, 'Log Event')[0].amount).toBe('0.1000000000000000001');
	});

	it('logs events with and without an amount from one workflow, one result per item', async () => {
		const before = sim.requests.length;
		const result = await run(
			sim,
			withItems('referral-log-event-amount.json', [
				{ event: 'signup', userId: 'user-bob' },
				{ event: 'purchase', userId: 'user-bob', amount: '12.50' },
			]),
		);

		expect(result.output('Log Event')).toEqual([
			{ json: eventRecord(1, 'signup', null), pairedItem: { item: 0 } },
			{ json: eventRecord(2, 'purchase', '12.50'), pairedItem: { item: 1 } },
		]);
		expect(requestsSince(sim, before).map((request) => request.rawBody)).toEqual([
			'{"eventKey":"signup","referenceID":"user-bob"}',
			'{"eventKey":"purchase","referenceID":"user-bob","amount":12.50}',
		]);
	});

	it('takes an amount mapped as a JSON number (345.44) and sends it as that literal', async () => {
		const before = sim.requests.length;
		const result = await run(sim, withItems('referral-log-event-amount.json', [{ event: 'purchase', userId: 'user-bob', amount: 345.44 }]));

		expect(result.error).toBeUndefined();
		expect(requestsSince(sim, before)[0].rawBody).toBe('{"eventKey":"purchase","referenceID":"user-bob","amount":345.44}');
		expect(jsonOf(result, 'Log Event')[0].amount).toBe('345.44');
	});

	// An empty or missing mapped amount means "no amount", but null (what a database or API gives
	// for a missing value) fails with 'Amount must be a decimal number greater than 0 (got "null")'.
	it('treats an amount mapped from null as no amount', async () => {
		const before = sim.requests.length;
		const result = await run(sim, withItems('referral-log-event-amount.json', [{ event: 'signup', userId: 'user-bob', amount: null }]));

		expect(result.error).toBeUndefined();
		expect(result.output('Log Event')).toEqual([{ json: eventRecord(1, 'signup', null), pairedItem: { item: 0 } }]);
		expect(requestsSince(sim, before)[0].rawBody).toBe('{"eventKey":"signup","referenceID":"user-bob"}');
	});

	it("fails with the node's 409 message when an event without amount is logged twice for a member", async () => {
		await run(sim, 'referral-log-event.json');
		const result = await run(sim, 'referral-log-event.json');

		expect(result.nodeError('Log Event')).toMatchObject({
			name: 'NodeApiError',
			httpCode: '409',
			message: 'PayRam: This event was already recorded for this member (HTTP 409)',
			description: 'POST /api/v1/referral/event-log. Conflict. PayRam said: Duplicate event.',
		});
		expect(sim.state.referralEvents).toHaveLength(1);
	});

	it("fails with PayRam's 422 message when no campaign has the event key", async () => {
		const result = await run(sim, withItems('referral-log-event.json', [{ event: 'bogus_event', userId: 'user-bob' }]));

		expect(result.nodeError('Log Event')).toMatchObject({
			name: 'NodeApiError',
			httpCode: '422',
			message: 'PayRam: no campaign has the event key bogus_event (HTTP 422)',
			description: 'POST /api/v1/referral/event-log. eventKey: no campaign has the event key bogus_event.',
		});
		expect(sim.state.referralEvents).toHaveLength(0);
	});

	it("fails with PayRam's 422 message when the member is unknown", async () => {
		const result = await run(sim, withItems('referral-log-event.json', [{ event: 'signup', userId: 'user-nobody' }]));

		expect(result.nodeError('Log Event')).toMatchObject({
			name: 'NodeApiError',
			httpCode: '422',
			message: 'PayRam: no referral member has the reference ID user-nobody (HTTP 422)',
		});
	});

	it.each([
		['referral-log-event.json', { event: '', userId: 'user-bob' }, 'Event Key is empty'],
		['referral-log-event.json', { event: 'signup', userId: ' ' }, 'Member Reference ID is empty'],
		['referral-log-event-amount.json', { event: 'purchase', userId: 'user-bob', amount: '-5' }, 'Amount must be a decimal number greater than 0, like 49.99 (got "-5")'],
		['referral-log-event-amount.json', { event: 'purchase', userId: 'user-bob', amount: '12,50' }, 'Amount must be a decimal number greater than 0, like 49.99 (got "12,50")'],
		['referral-log-event-amount.json', { event: 'purchase', userId: 'user-bob', amount: '0' }, 'Amount must be a decimal number greater than 0, like 49.99 (got "0")'],
	])('%s refuses %j before sending anything', async (fixture, item, message) => {
		const before = sim.requests.length;
		const result = await run(sim, withItems(fixture, [item]));

		expect(result.nodeError('Log Event')).toMatchObject({ name: 'NodeOperationError', message });
		expect(sim.requests.length).toBe(before);
		expect(sim.state.referralEvents).toHaveLength(0);
	});
});
