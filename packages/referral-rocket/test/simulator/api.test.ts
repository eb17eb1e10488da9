import { validateWebhook } from './contracts';
import { SEED_CAMPAIGN_ID, SECOND_CAMPAIGN_ID, SEED_REFERRER_CODE, SEED_REFERRER_EMAIL, type WebhookEnvelope } from './server';
import { expectContractResponse, expectValidRequest, startTestSimulator, type TestSimulator } from './testkit';

let t: TestSimulator;

beforeAll(async () => {
	t = await startTestSimulator();
});
afterAll(() => t.sim.close());
beforeEach(() => t.sim.reset());

async function add(body: Record<string, unknown>) {
	expectValidRequest('addParticipant', body);
	const response = await t.api.post('/api/v1/addParticipant', body);
	expectContractResponse(response);
	return response;
}

describe('authentication: none by default, an opt-in required key', () => {
	it('answers anonymous calls by default', async () => {
		const response = await t.api.get('/api/v1/getCampaign', { params: { id: SEED_CAMPAIGN_ID } });
		expect(response.status).toBe(200);
		expectContractResponse(response);
	});

	it("answers Spring's 401 without the configured header, and serves it with the header (any case of its name)", async () => {
		t.sim.requireKey = { header: 'X-API-Key', value: 'rr_sim_key' };
		for (const headers of [{}, { 'X-API-Key': 'wrong' }, { Authorization: 'rr_sim_key' }]) {
			const refused = await t.api.get('/api/v1/getCampaign', { params: { id: SEED_CAMPAIGN_ID }, headers });
			expect(refused.status).toBe(401);
			expect(refused.data).toEqual({ timestamp: expect.any(String), status: 401, error: 'Unauthorized', path: '/api/v1/getCampaign' });
			expectContractResponse(refused);
		}
		const served = await t.api.get('/api/v1/getCampaign', { params: { id: SEED_CAMPAIGN_ID }, headers: { 'x-api-key': 'rr_sim_key' } });
		expect(served.status).toBe(200);
	});

	it('switches require-key mode over the control API and never echoes the key back', async () => {
		const set = await t.control.post('/__sim/settings', { requireKey: { header: 'X-RR-Key', value: 'rr_secret_value' } });
		expect(set.data.requireKey).toEqual({ header: 'X-RR-Key', value: '[redacted]' });
		await t.api.get('/api/v1/getCampaign', { params: { id: SEED_CAMPAIGN_ID }, headers: { 'X-RR-Key': 'rr_secret_value' } });
		expect(JSON.stringify((await t.control.get('/__sim/requests')).data)).not.toContain('rr_secret_value');
		expect((await t.control.post('/__sim/settings', { requireKey: { header: '' } })).status).toBe(400);
		await t.control.post('/__sim/settings', { requireKey: null });
		expect((await t.api.get('/api/v1/getCampaign', { params: { id: SEED_CAMPAIGN_ID } })).status).toBe(200);
	});
});

describe('campaigns and codes', () => {
	it('getCampaign answers the campaign, 404 ErrorDetail for an unknown one, 400 without id', async () => {
		const campaign = await t.api.get('/api/v1/getCampaign', { params: { id: SEED_CAMPAIGN_ID } });
		expect(campaign.data).toMatchObject({ campaignId: SEED_CAMPAIGN_ID, campaignName: 'Q4 Growth Program', status: 'Active', paused: false, ended: false, totalParticipants: 3 });
		const unknown = await t.api.get('/api/v1/getCampaign', { params: { id: 'nope' } });
		expect(unknown.status).toBe(404);
		expect(unknown.data).toEqual({ timestamp: expect.any(String), message: 'Campaign not found', details: 'uri=/api/v1/getCampaign' });
		const missing = await t.api.get('/api/v1/getCampaign');
		expect(missing.data).toMatchObject({ status: 400, error: 'Bad Request', path: '/api/v1/getCampaign' });
		for (const response of [campaign, unknown, missing]) expectContractResponse(response);
	});

	it('validateCode takes campaignId (not id) and answers a bare boolean, case-sensitive', async () => {
		const valid = await t.api.get('/api/v1/validateCode', { params: { campaignId: SEED_CAMPAIGN_ID, code: SEED_REFERRER_CODE } });
		expect(valid.data).toBe(true);
		expect(valid.headers['content-type']).toMatch(/json/);
		expect((await t.api.get('/api/v1/validateCode', { params: { campaignId: SEED_CAMPAIGN_ID, code: SEED_REFERRER_CODE.toLowerCase() } })).data).toBe(false);
		expect((await t.api.get('/api/v1/validateCode', { params: { campaignId: SECOND_CAMPAIGN_ID, code: SEED_REFERRER_CODE } })).data).toBe(false);
		const wrongName = await t.api.get('/api/v1/validateCode', { params: { id: SEED_CAMPAIGN_ID, code: SEED_REFERRER_CODE } });
		expect(wrongName.status).toBe(400);
		for (const response of [valid, wrongName]) expectContractResponse(response);
	});
});

describe('participants', () => {
	it('adds a referrer with a code and share link, and fires referrer_added', async () => {
		const response = await add({ id: SEED_CAMPAIGN_ID, email: 'new.user@example.com' });
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ email: 'new.user@example.com', campaignId: SEED_CAMPAIGN_ID, referredByCode: null, totalReferrals: 0, fraudScore: '', rewardEventCompleted: false });
		expect(response.data.referralCode).toMatch(/^[A-Za-z0-9]{8}$/);
		expect(response.data.shareLink).toBe(`https://referralrocket.io/campaign?id=${SEED_CAMPAIGN_ID}&referralCode=${response.data.referralCode}`);
		expect(t.sim.events.map((event) => event.eventType)).toEqual(['referrer_added']);
		expect(t.sim.events[0].data).toMatchObject({ email: 'new.user@example.com', code: response.data.referralCode, campaignId: SEED_CAMPAIGN_ID });
	});

	it.each([
		['referredByCode', SEED_REFERRER_CODE],
		['referredByEmail', SEED_REFERRER_EMAIL.toUpperCase()],
	])('adds a referee through the referrer (%s), fires referee_added and counts it for the referrer', async (field, value) => {
		const response = await add({ id: SEED_CAMPAIGN_ID, email: 'friend@example.com', [field]: value, firstName: 'Fran', lastName: 'Friend' });
		expect(response.data).toMatchObject({ referredByCode: SEED_REFERRER_CODE, firstName: 'Fran', lastName: 'Friend', refereeReward: 20 });
		expect(t.sim.events.map((event) => event.eventType)).toEqual(['referee_added']);
		const referrer = await t.api.get('/api/v1/getParticipant', { params: { id: SEED_CAMPAIGN_ID, email: SEED_REFERRER_EMAIL } });
		expect(referrer.data.totalReferrals).toBe(3);
	});

	it('takes the JS SDK names fName/lName too', async () => {
		const response = await add({ id: SEED_CAMPAIGN_ID, email: 'sdk@example.com', fName: 'Sam', lName: 'Dee' });
		expect(response.data).toMatchObject({ firstName: 'Sam', lastName: 'Dee' });
	});

	it('answers a known e-mail with the existing participant, unchanged, and fires nothing', async () => {
		const first = await add({ id: SEED_CAMPAIGN_ID, email: 'again@example.com' });
		const second = await add({ id: SEED_CAMPAIGN_ID, email: 'AGAIN@example.com', referredByCode: SEED_REFERRER_CODE });
		expect(second.data).toEqual(first.data);
		expect(t.sim.events).toHaveLength(1);
	});

	it('refuses an unknown campaign or referrer (404) and a missing field or bad JSON (400)', async () => {
		expect((await add({ id: 'nope', email: 'x@example.com' })).data.message).toBe('Campaign not found');
		expect((await add({ id: SEED_CAMPAIGN_ID, email: 'x@example.com', referredByCode: 'NOPE1234' })).data.message).toBe('Referrer not found');
		expect((await add({ id: SEED_CAMPAIGN_ID, email: 'x@example.com', referredByEmail: 'nobody@example.com' })).status).toBe(404);
		const missing = await t.api.post('/api/v1/addParticipant', { id: SEED_CAMPAIGN_ID });
		expect(missing.data).toMatchObject({ status: 400, error: 'Bad Request', path: '/api/v1/addParticipant' });
		const malformed = await t.api.post('/api/v1/addParticipant', '{"id":', { headers: { 'Content-Type': 'application/json' } });
		expect(malformed.status).toBe(400);
		for (const response of [missing, malformed]) expectContractResponse(response);
		expect(t.sim.state.participants).toHaveLength(4);
		expect(t.sim.events).toHaveLength(0);
	});

	it('getParticipant answers by campaign and e-mail, 404 for an unknown one', async () => {
		const found = await t.api.get('/api/v1/getParticipant', { params: { id: SEED_CAMPAIGN_ID, email: SEED_REFERRER_EMAIL } });
		expect(found.data).toMatchObject({ email: SEED_REFERRER_EMAIL, referralCode: SEED_REFERRER_CODE, totalReferrals: 2, referralReward: 20 });
		const unknown = await t.api.get('/api/v1/getParticipant', { params: { id: SEED_CAMPAIGN_ID, email: 'nobody@example.com' } });
		expect(unknown.data.message).toBe('Participant not found');
		for (const response of [found, unknown]) expectContractResponse(response);
	});

	it('writes rewards as JSON numbers with exactly the stored digits', async () => {
		t.sim.state.participants[0].referralRewardBalance = '90071992547409931';
		const response = await t.api.get('/api/v1/getParticipant', { params: { id: SEED_CAMPAIGN_ID, email: SEED_REFERRER_EMAIL }, transformResponse: (raw) => raw });
		expect(response.data).toContain('"referralRewardBalance":90071992547409931,');
	});
});

describe('paging: Spring Pageable, 0-based, 20 by default and at most 100', () => {
	beforeEach(() => {
		for (let i = 0; i < 120; i++) t.sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: `p${String(i).padStart(3, '0')}@example.com` });
	});

	it('answers Spring Page JSON and stops with last: true', async () => {
		const first = await t.api.get('/api/v1/getAllParticipants', { params: { id: SEED_CAMPAIGN_ID } });
		expect(first.data).toMatchObject({ totalElements: 123, totalPages: 7, number: 0, size: 20, first: true, last: false, numberOfElements: 20, empty: false });
		expect(first.data.content[0].email).toBe(SEED_REFERRER_EMAIL);
		const last = await t.api.get('/api/v1/getAllParticipants', { params: { id: SEED_CAMPAIGN_ID, page: 1, size: 100 } });
		expect(last.data).toMatchObject({ number: 1, size: 100, numberOfElements: 23, last: true });
		const capped = await t.api.get('/api/v1/getAllParticipants', { params: { id: SEED_CAMPAIGN_ID, size: 500 } });
		expect(capped.data.content).toHaveLength(100);
		const past = await t.api.get('/api/v1/getAllParticipants', { params: { id: SEED_CAMPAIGN_ID, page: 9 } });
		expect(past.data).toMatchObject({ content: [], empty: true, last: true });
		for (const response of [first, last, capped, past]) expectContractResponse(response);
	});

	it('sorts by createdOn or email, either way', async () => {
		const byEmail = await t.api.get('/api/v1/getAllParticipants', { params: { id: SEED_CAMPAIGN_ID, sort: 'email,desc', size: 3 } });
		expect(byEmail.data.content.map((row: { email: string }) => row.email)).toEqual(['p119@example.com', 'p118@example.com', 'p117@example.com']);
	});

	it('answers the bare-array and Spring Boot 3.3 DTO shapes when set to, and reads page 1-based when set to', async () => {
		await t.control.post('/__sim/settings', { pageShape: 'array' });
		const array = await t.api.get('/api/v1/getAllParticipants', { params: { id: SEED_CAMPAIGN_ID, size: 5 } });
		expect(Array.isArray(array.data)).toBe(true);
		await t.control.post('/__sim/settings', { pageShape: 'dto', oneIndexedPages: true });
		const dto = await t.api.get('/api/v1/getAllParticipants', { params: { id: SEED_CAMPAIGN_ID, size: 5, page: 1 } });
		expect(dto.data).toEqual({ content: expect.any(Array), page: { size: 5, number: 0, totalElements: 123, totalPages: 25 } });
		const zero = await t.api.get('/api/v1/getAllParticipants', { params: { id: SEED_CAMPAIGN_ID, size: 5, page: 0 } });
		expect(zero.data.content).toEqual(dto.data.content);
		expect((await t.control.post('/__sim/settings', { pageShape: 'xml' })).status).toBe(400);
	});

	it("getReferrals pages a participant's referees", async () => {
		const response = await t.api.get('/api/v1/getReferrals', { params: { id: SEED_CAMPAIGN_ID, email: SEED_REFERRER_EMAIL } });
		expect(response.data.content.map((row: { email: string }) => row.email)).toEqual(['ada.lovelace@example.com', 'grace.hopper@example.com']);
		expect(response.data).toMatchObject({ totalElements: 2, last: true });
		expectContractResponse(response);
		const unknown = await t.api.get('/api/v1/getReferrals', { params: { id: SEED_CAMPAIGN_ID, email: 'nobody@example.com' } });
		expect(unknown.status).toBe(404);
	});
});

describe('qualifying a referee (the undocumented call, at the configured path)', () => {
	it('completes the referee, credits the referrer exactly and fires reward_unlocked for the referrer', async () => {
		const response = await t.api.post('/api/v1/qualify', `{"id":"${SEED_CAMPAIGN_ID}","email":"grace.hopper@example.com","amountPaid":49.990000000000000001}`, {
			headers: { 'Content-Type': 'application/json' },
		});
		expect(response.status).toBe(200);
		expect(response.data.rewardEventCompleted).toBe(true);
		expect(t.sim.state.participants[2].amountPaid).toBe('49.990000000000000001');
		expect(t.sim.events.map((event) => [event.eventType, event.data.email])).toEqual([['reward_unlocked', SEED_REFERRER_EMAIL]]);
		expect(t.sim.events[0].data).toMatchObject({ totalCompletedReferred: 2 });
		const again = await t.api.post('/api/v1/qualify', { id: SEED_CAMPAIGN_ID, email: 'grace.hopper@example.com' });
		expect(again.status).toBe(200);
		expect(t.sim.events).toHaveLength(1);
	});

	it('refuses a participant who was not referred (400) and an unknown one (404)', async () => {
		expect((await t.api.post('/api/v1/qualify', { id: SEED_CAMPAIGN_ID, email: SEED_REFERRER_EMAIL })).data.message).toBe('Participant was not referred');
		expect((await t.api.post('/api/v1/qualify', { id: SEED_CAMPAIGN_ID, email: 'nobody@example.com' })).status).toBe(404);
	});

	it('is not served when no path is configured', async () => {
		const other = await startTestSimulator({ qualifyPath: null });
		try {
			expect((await other.api.post('/api/v1/qualify', { id: SEED_CAMPAIGN_ID, email: 'grace.hopper@example.com' })).status).toBe(404);
		} finally {
			await other.sim.close();
		}
	});
});

describe('events: the envelope each change fires, in order, to listeners', () => {
	it('fires envelopes that follow the contract, once each answer is written', async () => {
		const heard: WebhookEnvelope[] = [];
		const stop = t.sim.onEvents((events) => {
			heard.push(...events);
		});
		const referrer = await add({ id: SECOND_CAMPAIGN_ID, email: 'ref@example.com' });
		await add({ id: SECOND_CAMPAIGN_ID, email: 'ree@example.com', referredByCode: referrer.data.referralCode });
		await t.api.post('/api/v1/qualify', { id: SECOND_CAMPAIGN_ID, email: 'ree@example.com', amountPaid: 100 });
		await t.sim.idle();
		stop();
		expect(heard.map((event) => event.eventType)).toEqual(['referrer_added', 'referee_added', 'reward_unlocked']);
		for (const event of heard) {
			expect(validateWebhook(event.eventType, JSON.parse(JSON.stringify(event).replace(/"\\u0000number:([^"]+)"/g, '$1'))).errors).toEqual([]);
			expect(typeof event.createdAt).toBe('number');
		}
		expect(heard[2].data).toMatchObject({ email: 'ref@example.com', rewardDue: expect.stringContaining('25') });
		expect((await t.control.get('/__sim/events')).data).toHaveLength(3);
	});
});
