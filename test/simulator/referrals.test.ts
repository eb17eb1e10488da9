import { expectContractResponse, expectValidRequest, startTestSimulator, type TestSimulator } from './testkit';

describe('referrals API', () => {
	let t: TestSimulator;

	beforeAll(async () => {
		t = await startTestSimulator();
	});
	afterAll(() => t.sim.close());
	beforeEach(() => t.sim.reset());

	async function authenticate(body: unknown) {
		return t.api.post('/api/v1/referral/referrers/authenticate', body);
	}

	async function registerReferrer(referenceID = 'ref_alice') {
		const body = { email: 'alice@example.com', referenceID };
		expectValidRequest('authenticateReferrer', body);
		return authenticate(body);
	}

	it('registers a referrer with a 7-character code and returns the same one again', async () => {
		const first = await registerReferrer();
		expect(first.status).toBe(200);
		expectContractResponse(first);
		expect(first.data.redirectURL).toMatch(new RegExp(`^${t.sim.url}/referral/[0-9a-f]+$`));
		expect(first.data.referrer).toMatchObject({
			id: 1,
			project: '1',
			referenceId: 'ref_alice',
			email: 'alice@example.com',
			code: expect.stringMatching(/^[A-Z0-9]{7}$/),
			status: 'active',
			referredByMemberID: null,
			referredByMemberReferenceID: null,
			campaigns: [],
		});
		const again = await registerReferrer();
		expect(again.data.referrer.code).toBe(first.data.referrer.code);
		expect(again.data.referrer.id).toBe(first.data.referrer.id);
		expect(t.sim.state.referralMembers).toHaveLength(1);

		const dashboard = await t.anonymous.get(new URL(first.data.redirectURL).pathname);
		expect(dashboard.status).toBe(200);
		expect(dashboard.data).toContain(first.data.referrer.code);
	});

	it('rejects a bad email or missing fields with 422 and details', async () => {
		for (const body of [{ email: 'nope', referenceID: 'r1' }, { email: 'a@example.com' }, {}]) {
			const response = await authenticate(body);
			expect(response.status).toBe(422);
			expect(response.data).toMatchObject({ error: 'Validation failed', message: expect.any(String), details: expect.any(Object) });
			expectContractResponse(response);
		}
		const response = await authenticate({ email: 'nope', referenceID: 'r1' });
		expect(response.data.details).toEqual({ email: 'email must be a valid email address' });
	});

	it('answers a missing key and invalid JSON in the referral shapes', async () => {
		const unauthorized = await t.anonymous.post('/api/v1/referral/referee', {});
		expect(unauthorized.status).toBe(401);
		expect(unauthorized.data).toEqual({ error: 'Unauthorized', message: 'Invalid API key' });
		expectContractResponse(unauthorized);
		const malformed = await t.api.post('/api/v1/referral/event-log', '{nope', { headers: { 'Content-Type': 'application/json' } });
		expect(malformed.status).toBe(400);
		expect(malformed.data).toMatchObject({ error: 'Bad Request', message: expect.any(String) });
		expectContractResponse(malformed);
	});

	it('links a referee to a referrer code, once', async () => {
		const referrer = (await registerReferrer()).data.referrer;
		const body = { email: 'bob@example.com', referrerCode: referrer.code, referenceID: 'ref_bob' };
		expectValidRequest('linkReferee', body);
		const linked = await t.api.post('/api/v1/referral/referee', body);
		expect(linked.status).toBe(200);
		expectContractResponse(linked);
		expect(linked.data).toMatchObject({
			referenceId: 'ref_bob',
			email: 'bob@example.com',
			code: expect.stringMatching(/^[A-Z0-9]{7}$/),
			referredByMemberID: referrer.id,
			referredByMemberReferenceID: 'ref_alice',
			referredByMember: { id: referrer.id, code: referrer.code, campaigns: null },
		});
		expect(linked.data.code).not.toBe(referrer.code);

		const twice = await t.api.post('/api/v1/referral/referee', body);
		expect(twice.status).toBe(409);
		expect(twice.data).toEqual({ error: 'Conflict', message: 'Referee already linked' });
		expectContractResponse(twice);

		const referrerAsReferee = await t.api.post('/api/v1/referral/referee', { ...body, referenceID: 'ref_alice' });
		expect(referrerAsReferee.status).toBe(409);
	});

	it('rejects an unknown referrer code or bad input with 422', async () => {
		await registerReferrer();
		for (const body of [
			{ email: 'bob@example.com', referrerCode: 'ZZZZZZZ', referenceID: 'ref_bob' },
			{ email: 'bob', referrerCode: 'ZZZZZZZ', referenceID: 'ref_bob' },
			{ email: 'bob@example.com', referenceID: 'ref_bob' },
		]) {
			const response = await t.api.post('/api/v1/referral/referee', body);
			expect(response.status).toBe(422);
			expectContractResponse(response);
		}
	});

	it('logs campaign events with the amount as the exact decimal string sent', async () => {
		const referrer = (await registerReferrer()).data.referrer;
		await t.api.post('/api/v1/referral/referee', { email: 'bob@example.com', referrerCode: referrer.code, referenceID: 'ref_bob' });

		const signup = { eventKey: 'signup', referenceID: 'ref_bob' };
		expectValidRequest('logReferralEvent', signup);
		const logged = await t.api.post('/api/v1/referral/event-log', signup);
		expect(logged.status).toBe(200);
		expectContractResponse(logged);
		expect(logged.data).toMatchObject({ eventKey: 'signup', memberReferenceID: 'ref_bob', amount: null, status: 'pending', project: '1' });
		expect(logged.data.memberID).toBe(2);
		expect(logged.data.triggeredAt).toBe(logged.data.createdAt);

		expectValidRequest('logReferralEvent', { eventKey: 'purchase', referenceID: 'ref_bob', amount: 345.44 });
		const purchase = await t.api.post('/api/v1/referral/event-log', '{"EventKey":"purchase","referenceId":"ref_bob","amount":0.1000000000000000001}', {
			headers: { 'Content-Type': 'application/json' },
		});
		expect(purchase.status).toBe(200);
		expectContractResponse(purchase);
		expect(purchase.data.amount).toBe('0.1000000000000000001');
		const secondPurchase = await t.api.post('/api/v1/referral/event-log', { eventKey: 'purchase', referenceID: 'ref_bob', amount: 30 });
		expect(secondPurchase.data.amount).toBe('30');
	});

	it('rejects duplicate non-amount events with 409', async () => {
		await registerReferrer();
		expect((await t.api.post('/api/v1/referral/event-log', { eventKey: 'signup', referenceID: 'ref_alice' })).status).toBe(200);
		const duplicate = await t.api.post('/api/v1/referral/event-log', { eventKey: 'signup', referenceID: 'ref_alice' });
		expect(duplicate.status).toBe(409);
		expect(duplicate.data).toEqual({ error: 'Conflict', message: 'Duplicate event' });
		expectContractResponse(duplicate);
	});

	it('rejects unknown keys or members and amounts that do not fit the event with 422', async () => {
		await registerReferrer();
		const cases: [Record<string, unknown>, string][] = [
			[{ eventKey: 'no_such_event', referenceID: 'ref_alice' }, 'eventKey'],
			[{ eventKey: 'signup', referenceID: 'ref_nobody' }, 'referenceID'],
			[{ eventKey: 'signup', referenceID: 'ref_alice', amount: 5 }, 'amount'],
			[{ eventKey: 'purchase', referenceID: 'ref_alice' }, 'amount'],
			[{ eventKey: 'purchase', referenceID: 'ref_alice', amount: '5' }, 'amount'],
			[{ eventKey: 'purchase', referenceID: 'ref_alice', amount: 0 }, 'amount'],
			[{ referenceID: 'ref_alice' }, 'eventKey'],
		];
		for (const [body, field] of cases) {
			const response = await t.api.post('/api/v1/referral/event-log', body);
			expect({ body, status: response.status }).toEqual({ body, status: 422 });
			expect(Object.keys(response.data.details)).toContain(field);
			expectContractResponse(response);
		}
		expect(t.sim.state.referralEvents).toHaveLength(0);
	});

	it('takes campaign event keys from the options', async () => {
		const custom = await startTestSimulator({ eventKeys: { kyc_passed: { amountRequired: false } } });
		try {
			await custom.api.post('/api/v1/referral/referrers/authenticate', { email: 'a@example.com', referenceID: 'r1' });
			expect((await custom.api.post('/api/v1/referral/event-log', { eventKey: 'kyc_passed', referenceID: 'r1' })).status).toBe(200);
			expect((await custom.api.post('/api/v1/referral/event-log', { eventKey: 'signup', referenceID: 'r1' })).status).toBe(422);
		} finally {
			await custom.sim.close();
		}
	});
});
