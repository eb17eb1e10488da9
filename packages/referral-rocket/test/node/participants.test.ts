// Participant operations in n8n's execution engine against the Referral Rocket simulator.
import { SEED_CAMPAIGN_ID, SEED_REFERRER_CODE, SEED_REFERRER_EMAIL, startReferralRocketSimulator, type ReferralRocketSimulator } from '../simulator/server';
import { callsSince, jsonOf, NODE, runNode } from './node.helpers';

let sim: ReferralRocketSimulator;

beforeAll(async () => {
	sim = await startReferralRocketSimulator();
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

const participant = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'participant', operation, campaignId: SEED_CAMPAIGN_ID, ...parameters });

describe('Participant → Add', () => {
	it('adds a referrer: sends only id and email, returns the simplified participant with its code and share link', async () => {
		const result = await runNode(sim, participant('add', { email: 'new.user@example.com' }));
		expect(callsSince(sim)).toEqual(['POST /api/v1/addParticipant']);
		expect(JSON.parse(sim.requests[0].rawBody)).toEqual({ id: SEED_CAMPAIGN_ID, email: 'new.user@example.com' });
		const [added] = jsonOf(result);
		expect(Object.keys(added)).toEqual([
			'email',
			'firstName',
			'lastName',
			'referralCode',
			'referredByCode',
			'shareLink',
			'totalReferrals',
			'referralRewardBalance',
			'refereeRewardBalance',
			'rewardEventCompleted',
		]);
		expect(added).toMatchObject({ email: 'new.user@example.com', referredByCode: null, referralRewardBalance: '0', rewardEventCompleted: false });
		expect(added.shareLink).toBe(`https://referralrocket.io/campaign?id=${SEED_CAMPAIGN_ID}&referralCode=${String(added.referralCode)}`);
		expect(sim.events.map((event) => event.eventType)).toEqual(['referrer_added']);
	});

	it('adds a referee through the referral code, names as Additional Fields, the whole record with Simplify off', async () => {
		const result = await runNode(
			sim,
			participant('add', { email: 'friend@example.com', addAs: 'refereeByCode', referredByCode: SEED_REFERRER_CODE, additionalFields: { firstName: 'Fran', lastName: ' Friend ' }, simplify: false }),
		);
		expect(JSON.parse(sim.requests[0].rawBody)).toEqual({ id: SEED_CAMPAIGN_ID, email: 'friend@example.com', referredByCode: SEED_REFERRER_CODE, firstName: 'Fran', lastName: 'Friend' });
		const [added] = jsonOf(result);
		expect(Object.keys(added)).toHaveLength(17);
		expect(added).toMatchObject({ referredByCode: SEED_REFERRER_CODE, firstName: 'Fran', refereeReward: '20', campaignId: SEED_CAMPAIGN_ID, fraudScore: '' });
		expect(sim.events.map((event) => event.eventType)).toEqual(['referee_added']);
	});

	it("adds a referee through the referrer's e-mail", async () => {
		await runNode(sim, participant('add', { email: 'pal@example.com', addAs: 'refereeByEmail', referredByEmail: SEED_REFERRER_EMAIL }));
		expect(JSON.parse(sim.requests[0].rawBody)).toEqual({ id: SEED_CAMPAIGN_ID, email: 'pal@example.com', referredByEmail: SEED_REFERRER_EMAIL });
		expect(sim.state.participants.at(-1)?.referredByCode).toBe(SEED_REFERRER_CODE);
	});

	it('refuses a bad e-mail, a bad referrer e-mail, an empty code and an empty or pasted-URL campaign before sending', async () => {
		const cases: [Record<string, unknown>, string][] = [
			[{ email: 'not-an-email' }, 'Email "not-an-email" is not a valid email address'],
			[{ email: 'a@example.com', addAs: 'refereeByEmail', referredByEmail: 'john at example.com' }, 'Referrer Email "john at example.com" is not a valid email address'],
			[{ email: 'a@example.com', addAs: 'refereeByCode', referredByCode: ' ' }, 'Referral Code is empty'],
			[{ email: 'a@example.com', campaignId: '={{ $json.campaign }}' }, 'Campaign ID is empty'],
			[{ email: 'a@example.com', campaignId: 'https://referralrocket.io/campaign?id=JCu82f30F1' }, 'Campaign ID "https://referralrocket.io/campaign?id=JCu82f30F1" is not valid'],
		];
		for (const [parameters, message] of cases) {
			expect((await runNode(sim, participant('add', parameters))).nodeError(NODE)?.message).toBe(message);
		}
		expect(sim.requests).toHaveLength(0);
	});

	it('reads an unknown campaign or referrer as one error with what to check', async () => {
		const unknown = (await runNode(sim, participant('add', { email: 'a@example.com', campaignId: 'NoSuchOne1' }))).nodeError(NODE);
		expect(unknown).toMatchObject({ message: 'Referral Rocket: Campaign not found (HTTP 404)', httpCode: '404' });
		expect(unknown?.description).toMatch(/^POST \/api\/v1\/addParticipant\. Check the campaign ID/);
		const referrer = (await runNode(sim, participant('add', { email: 'a@example.com', addAs: 'refereeByCode', referredByCode: 'Nobody12' }))).nodeError(NODE);
		expect(referrer?.message).toBe('Referral Rocket: Referrer not found (HTTP 404)');
	});
});

describe('Participant → Get', () => {
	it('reads a participant by campaign and e-mail', async () => {
		const result = await runNode(sim, participant('get', { email: SEED_REFERRER_EMAIL }));
		expect(callsSince(sim)).toEqual([`GET /api/v1/getParticipant?email=johndoe%40example.com&id=${SEED_CAMPAIGN_ID}`]);
		expect(jsonOf(result)).toEqual([
			{
				email: SEED_REFERRER_EMAIL,
				firstName: 'john',
				lastName: 'doe',
				referralCode: SEED_REFERRER_CODE,
				referredByCode: null,
				shareLink: `https://referralrocket.io/campaign?id=${SEED_CAMPAIGN_ID}&referralCode=${SEED_REFERRER_CODE}`,
				totalReferrals: 2,
				referralRewardBalance: '20',
				refereeRewardBalance: '0',
				rewardEventCompleted: false,
			},
		]);
	});

	it('reads a 404 and an empty 200 alike as "not found"', async () => {
		expect((await runNode(sim, participant('get', { email: 'nobody@example.com' }))).nodeError(NODE)?.message).toBe('Referral Rocket: Participant not found (HTTP 404)');
		sim.setFaults({ answerNext: { count: 1, status: 200, body: null } });
		expect((await runNode(sim, participant('get', { email: SEED_REFERRER_EMAIL }))).nodeError(NODE)?.message).toBe(
			'Referral Rocket: Participant johndoe@example.com was not found',
		);
	});
});

describe('Participant → Get Many: page/size paging from page 0', () => {
	beforeEach(() => {
		for (let i = 0; i < 150; i++) sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: `p${String(i).padStart(3, '0')}@example.com` });
	});

	it('Return All reads pages of 100 until last: true', async () => {
		const result = await runNode(sim, participant('getMany', { returnAll: true }));
		expect(callsSince(sim)).toEqual([
			`GET /api/v1/getAllParticipants?id=${SEED_CAMPAIGN_ID}&page=0&size=100`,
			`GET /api/v1/getAllParticipants?id=${SEED_CAMPAIGN_ID}&page=1&size=100`,
		]);
		const emails = jsonOf(result).map((row) => row.email);
		expect(emails).toHaveLength(153);
		expect(new Set(emails).size).toBe(153);
	});

	it('Limit asks for no more than it needs and sends the sort', async () => {
		const result = await runNode(sim, participant('getMany', { returnAll: false, limit: 3, sort: 'email,desc' }));
		expect(callsSince(sim)).toEqual([`GET /api/v1/getAllParticipants?id=${SEED_CAMPAIGN_ID}&sort=email%2Cdesc&page=0&size=3`]);
		expect(jsonOf(result).map((row) => row.email)).toEqual(['p149@example.com', 'p148@example.com', 'p147@example.com']);
	});

	it.each(['array', 'dto'] as const)('reads the %s shape to the end (a short page ends it)', async (shape) => {
		sim.pageShape = shape;
		const result = await runNode(sim, participant('getMany', { returnAll: true }));
		expect(new Set(jsonOf(result).map((row) => row.email)).size).toBe(153);
		expect(sim.requests).toHaveLength(2);
	});

	it('reads everything once from a server that counts pages from 1 (its page 1 repeats page 0: skipped)', async () => {
		for (const shape of ['page', 'array', 'dto'] as const) {
			sim.pageShape = shape;
			sim.oneIndexedPages = true;
			const from = sim.requests.length;
			const emails = jsonOf(await runNode(sim, participant('getMany', { returnAll: true }))).map((row) => row.email);
			expect(emails).toHaveLength(153);
			expect(new Set(emails).size).toBe(153);
			expect(callsSince(sim, from).map((call) => /page=(\d+)/.exec(call)?.[1])).toEqual(['0', '1', '2']);
		}
	});

	it('stops on an empty page when the answer says nothing about the end', async () => {
		sim.reset();
		for (let i = 0; i < 97; i++) sim.addParticipant({ id: SEED_CAMPAIGN_ID, email: `q${i}@example.com` });
		sim.pageShape = 'array';
		const result = await runNode(sim, participant('getMany', { returnAll: true }));
		expect(jsonOf(result)).toHaveLength(100);
		expect(sim.requests.map((request) => request.query.page)).toEqual(['0', '1']);
	});
});

describe('Participant → Get Referrals', () => {
	it("lists a referrer's referees, simplified", async () => {
		const result = await runNode(sim, participant('getReferrals', { email: SEED_REFERRER_EMAIL, returnAll: true }));
		expect(callsSince(sim)).toEqual([`GET /api/v1/getReferrals?id=${SEED_CAMPAIGN_ID}&email=johndoe%40example.com&page=0&size=100`]);
		expect(jsonOf(result).map((row) => [row.email, row.referredByCode, row.rewardEventCompleted])).toEqual([
			['ada.lovelace@example.com', SEED_REFERRER_CODE, true],
			['grace.hopper@example.com', SEED_REFERRER_CODE, false],
		]);
	});

	it('says which participant is unknown', async () => {
		const error = (await runNode(sim, participant('getReferrals', { email: 'nobody@example.com', returnAll: true }))).nodeError(NODE);
		expect(error?.message).toBe('Referral Rocket: Participant not found (HTTP 404)');
	});
});
