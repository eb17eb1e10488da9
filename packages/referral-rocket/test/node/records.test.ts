// Campaign, Referral Code and Custom API Call operations in n8n's execution engine against the Referral Rocket simulator.
import { SECOND_CAMPAIGN_ID, SEED_CAMPAIGN_ID, SEED_REFERRER_CODE, SEED_REFERRER_EMAIL, startReferralRocketSimulator, type ReferralRocketSimulator } from '../simulator/server';
import { callsSince, jsonOf, NODE, runNode } from './node.helpers';

let sim: ReferralRocketSimulator;

beforeAll(async () => {
	sim = await startReferralRocketSimulator();
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

describe('Campaign → Get', () => {
	it('reads the campaign with every field Referral Rocket sends, rewards as exact decimal text', async () => {
		const result = await runNode(sim, { resource: 'campaign', operation: 'get', campaignId: SECOND_CAMPAIGN_ID });
		expect(callsSince(sim)).toEqual([`GET /api/v1/getCampaign?id=${SECOND_CAMPAIGN_ID}`]);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ campaignId: SECOND_CAMPAIGN_ID, campaignName: 'Crypto Friends', status: 'Active', referrerReward: '25', refereeReward: '10', totalParticipants: 1 }),
		]);
	});

	it('keeps a reward no float can hold, digit for digit', async () => {
		sim.state.campaigns[0].referrerReward = '12345678901234567.89';
		const [campaign] = jsonOf(await runNode(sim, { resource: 'campaign', operation: 'get', campaignId: SEED_CAMPAIGN_ID }));
		expect(campaign.referrerReward).toBe('12345678901234567.89');
	});

	it('says an unknown campaign is not found', async () => {
		const error = (await runNode(sim, { resource: 'campaign', operation: 'get', campaignId: 'Missing123' })).nodeError(NODE);
		expect(error?.message).toBe('Referral Rocket: Campaign not found (HTTP 404)');
	});
});

describe('Referral Code → Validate', () => {
	it('sends the campaign as campaignId (not id) and answers valid true or false', async () => {
		const result = await runNode(sim, { resource: 'referralCode', operation: 'validate', campaignId: SEED_CAMPAIGN_ID, code: '={{ $json.code }}' }, { items: [{ code: SEED_REFERRER_CODE }, { code: 'Nope1234' }] });
		expect(callsSince(sim)).toEqual([
			`GET /api/v1/validateCode?campaignId=${SEED_CAMPAIGN_ID}&code=${SEED_REFERRER_CODE}`,
			`GET /api/v1/validateCode?campaignId=${SEED_CAMPAIGN_ID}&code=Nope1234`,
		]);
		expect(jsonOf(result)).toEqual([
			{ campaignId: SEED_CAMPAIGN_ID, code: SEED_REFERRER_CODE, valid: true },
			{ campaignId: SEED_CAMPAIGN_ID, code: 'Nope1234', valid: false },
		]);
		expect(result.output(NODE).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses a code with spaces before sending', async () => {
		const error = (await runNode(sim, { resource: 'referralCode', operation: 'validate', campaignId: SEED_CAMPAIGN_ID, code: 'two words' })).nodeError(NODE);
		expect(error?.message).toBe('Referral Code "two words" is not valid');
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Custom API Call', () => {
	const qualify = { resource: 'customApiCall', operation: 'call', method: 'POST', path: '/api/v1/qualify', campaignId: SEED_CAMPAIGN_ID };

	it('qualifies a referee: the body exactly as typed with the campaign id put first, sent once', async () => {
		const result = await runNode(sim, { ...qualify, body: '{"email": "grace.hopper@example.com", "amountPaid": 49.990000000000000001}' });
		expect(callsSince(sim)).toEqual(['POST /api/v1/qualify']);
		expect(sim.requests[0].rawBody).toBe(`{"id":"${SEED_CAMPAIGN_ID}","email": "grace.hopper@example.com", "amountPaid": 49.990000000000000001}`);
		expect(sim.state.participants[2].amountPaid).toBe('49.990000000000000001');
		expect(jsonOf(result)[0]).toMatchObject({ email: 'grace.hopper@example.com', rewardEventCompleted: true });
		expect(sim.events.map((event) => [event.eventType, event.data.email])).toEqual([['reward_unlocked', SEED_REFERRER_EMAIL]]);
	});

	it('leaves an id the body already has, and adds the campaign to a GET query', async () => {
		await runNode(sim, { ...qualify, body: `{"id": "${SEED_CAMPAIGN_ID}", "email": "grace.hopper@example.com"}`, campaignId: 'OtherOne12' });
		expect(sim.requests[0].rawBody).toBe(`{"id": "${SEED_CAMPAIGN_ID}", "email": "grace.hopper@example.com"}`);
		const result = await runNode(sim, { resource: 'customApiCall', operation: 'call', method: 'GET', path: 'getParticipant', campaignId: SEED_CAMPAIGN_ID, query: '{"email": "johndoe@example.com"}' });
		expect(callsSince(sim, 1)).toEqual([`GET /api/v1/getParticipant?email=johndoe%40example.com&id=${SEED_CAMPAIGN_ID}`]);
		expect(jsonOf(result)[0]).toMatchObject({ referralCode: SEED_REFERRER_CODE, referralReward: '40' });
	});

	it('gives a bare answer one item', async () => {
		const result = await runNode(sim, { resource: 'customApiCall', operation: 'call', method: 'GET', path: '/api/v1/validateCode', query: `{"campaignId": "${SEED_CAMPAIGN_ID}", "code": "${SEED_REFERRER_CODE}"}` });
		expect(jsonOf(result)).toEqual([{ data: true }]);
	});

	it.each([
		['https://evil.example.com/api/v1/getCampaign', 'Path must be relative to /api/v1, not a full URL (got "https://evil.example.com/api/v1/getCampaign")'],
		['//evil.example.com/x', 'Path must be relative to /api/v1, not a full URL (got "//evil.example.com/x")'],
		['/api/v1/../admin', 'Path must not contain "." or ".." segments (got "/api/v1/../admin")'],
		['/getCampaign?id=x', 'Path must not contain "\\", "?" or "#"; put query parameters under Query Parameters (got "/getCampaign?id=x")'],
	])('refuses the path %s before sending', async (path, message) => {
		const error = (await runNode(sim, { resource: 'customApiCall', operation: 'call', method: 'GET', path })).nodeError(NODE);
		expect(error?.message).toBe(message);
		expect(sim.requests).toHaveLength(0);
	});

	it('refuses a body that is not a JSON object before sending', async () => {
		const error = (await runNode(sim, { ...qualify, body: '[1, 2]' })).nodeError(NODE);
		expect(error?.message).toBe('Body (JSON): it must be a JSON object, e.g. {"email": "jane@example.com"}');
		expect(sim.requests).toHaveLength(0);
	});

	it("shows Referral Rocket's refusal of the call", async () => {
		const error = (await runNode(sim, { ...qualify, body: `{"email": "${SEED_REFERRER_EMAIL}"}` })).nodeError(NODE);
		expect(error?.message).toBe('Referral Rocket: Participant was not referred (HTTP 400)');
	});
});
