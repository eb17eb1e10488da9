// What every operation shares, through n8n's engine against the simulator: the optional key, waits and retries, errors, Continue On Fail.
import { createServer } from 'node:net';

import { SEED_CAMPAIGN_ID, SEED_REFERRER_EMAIL, startReferralRocketSimulator, type ReferralRocketSimulator } from '../simulator/server';
import { callsSince, jsonOf, NODE, referralRocketWorkflow, run, runNode, withItems } from './node.helpers';

let sim: ReferralRocketSimulator;

beforeAll(async () => {
	sim = await startReferralRocketSimulator();
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

const getCampaign = { resource: 'campaign', operation: 'get', campaignId: SEED_CAMPAIGN_ID };
const addParticipant = { resource: 'participant', operation: 'add', campaignId: SEED_CAMPAIGN_ID, email: 'once@example.com' };
const KEY = 'rr_live_7c1d2e3f4a5b6c7d8e9f';

describe('the optional API header', () => {
	it('sends no key header when API Key is empty', async () => {
		await runNode(sim, getCampaign);
		expect(Object.keys(sim.requests[0].headers).filter((name) => /key|auth/i.test(name))).toEqual([]);
		expect(sim.requests[0].headers.accept).toBe('application/json');
	});

	it('sends the key under the header name given, which a key-requiring service accepts', async () => {
		sim.requireKey = { header: 'X-RR-Api-Key', value: KEY };
		const result = await runNode(sim, getCampaign, { credential: { headerName: 'X-RR-Api-Key', apiKey: KEY } });
		expect(sim.requests[0].headers['x-rr-api-key']).toBe(KEY);
		expect(jsonOf(result)[0]).toMatchObject({ campaignId: SEED_CAMPAIGN_ID });
	});

	it("reads Spring's 401 as one error saying to fill in the key, with no key in it", async () => {
		sim.requireKey = { header: 'X-API-Key', value: 'something-else' };
		const result = await runNode(sim, getCampaign, { credential: { apiKey: KEY } });
		const error = result.nodeError(NODE);
		expect(error).toMatchObject({ message: 'Referral Rocket: Unauthorized (HTTP 401)', httpCode: '401' });
		expect(error?.description).toMatch(/fill in API Key and API Header Name/);
		expect(JSON.stringify(result.run.data.resultData)).not.toContain(KEY);
	});
});

describe('busy answers, retries, and writes sent once', () => {
	it('waits out 429 and 503 on a read (Retry-After) and gets the answer', async () => {
		sim.setFaults({ throttleNext: { count: 2, retryAfterSeconds: 0 } });
		const result = await runNode(sim, getCampaign);
		expect(sim.requests.map((request) => request.status)).toEqual([429, 429, 200]);
		expect(jsonOf(result)[0]).toMatchObject({ campaignId: SEED_CAMPAIGN_ID });
		sim.reset();
		sim.setFaults({ answerNext: { count: 1, status: 503, body: { status: 503, error: 'Service Unavailable' }, headers: { 'Retry-After': '0' } } });
		await runNode(sim, getCampaign);
		expect(sim.requests.map((request) => request.status)).toEqual([503, 200]);
	});

	it('gives up on a read after 4 busy waits, saying so', async () => {
		sim.setFaults({ throttleNext: { count: 10, retryAfterSeconds: 0 } });
		const error = (await runNode(sim, getCampaign)).nodeError(NODE);
		expect(sim.requests).toHaveLength(5);
		expect(error?.message).toBe('Referral Rocket: Too Many Requests (HTTP 429)');
		expect(error?.description).toMatch(/busy/);
	});

	it('retries a read after a 500 or a dropped connection', async () => {
		sim.setFaults({ failNext: { count: 1, status: 500 }, dropNext: { count: 1 } });
		const result = await runNode(sim, getCampaign);
		expect(sim.requests).toHaveLength(3);
		expect(jsonOf(result)[0]).toMatchObject({ campaignId: SEED_CAMPAIGN_ID });
	});

	it.each([
		['a 429', { throttleNext: { count: 1, retryAfterSeconds: 0 } }, 'Referral Rocket: Too Many Requests (HTTP 429)'],
		['a 503', { failNext: { count: 1, status: 503 } }, 'Referral Rocket: Service Unavailable (HTTP 503)'],
		['a 500', { failNext: { count: 1, status: 500 } }, 'Referral Rocket: Internal Server Error (HTTP 500)'],
		['a dropped connection', { dropNext: { count: 1 } }, `Cannot reach Referral Rocket at ${'URL'}`],
	])('never sends Add again after %s (it may have reached Referral Rocket)', async (_what, faults, message) => {
		sim.setFaults(faults);
		const error = (await runNode(sim, addParticipant)).nodeError(NODE);
		expect(callsSince(sim)).toEqual(['POST /api/v1/addParticipant']);
		expect(error?.message).toBe(message.replace('URL', sim.baseUrl));
	});

	it('says a dropped write was not sent again, so the builder checks before running it again', async () => {
		sim.setFaults({ dropNext: { count: 1 } });
		const error = (await runNode(sim, addParticipant)).nodeError(NODE);
		expect(error?.description).toMatch(/^Request: POST \/api\/v1\/addParticipant \(error code ECONNRESET\)\. It was not sent again/);
	});

	it('sends a write again only when the connection was refused, so it never left', async () => {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as { port: number }).port;
		await new Promise<void>((resolve) => server.close(() => resolve()));
		const started = Date.now();
		const error = (await run(sim, referralRocketWorkflow(addParticipant), { baseUrl: `http://127.0.0.1:${port}` })).nodeError(NODE);
		expect(error?.message).toBe(`Cannot reach Referral Rocket at http://127.0.0.1:${port}`);
		expect(error?.description).toMatch(/\(error code ECONNREFUSED\)\. Check the Base URL/);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
	});
});

describe('errors: message, else error, else the status text', () => {
	it.each([
		[{ timestamp: '2025-01-01T00:00:00.000+00:00', message: 'Campaign paused', details: 'uri=/api/v1/getCampaign' }, 'Referral Rocket: Campaign paused (HTTP 409)'],
		[{ timestamp: '2025-01-01T00:00:00.000+00:00', status: 409, error: 'Conflict', path: '/api/v1/getCampaign' }, 'Referral Rocket: Conflict (HTTP 409)'],
		[{}, 'Referral Rocket: Conflict (HTTP 409)'],
		['<html><body>Bad gateway</body></html>', 'Referral Rocket: Conflict (HTTP 409)'],
	])('reads %j', async (body, message) => {
		sim.setFaults({ answerNext: { count: 1, status: 409, body } });
		expect((await runNode(sim, getCampaign)).nodeError(NODE)?.message).toBe(message);
	});

	it('reads a truncated success as an answer that is not JSON', async () => {
		sim.setFaults({ malformedNext: { count: 1 } });
		expect((await runNode(sim, getCampaign)).nodeError(NODE)?.message).toBe('Referral Rocket: an answer that is not JSON (HTTP 200)');
	});

	it('refuses a Base URL that is not http(s) before sending anything', async () => {
		const error = (await runNode(sim, getCampaign, { credential: { baseUrl: 'app.referralrocket.io' } })).nodeError(NODE);
		expect(error?.message).toBe('The Base URL of the Referral Rocket API credential must start with https://, e.g. https://app.referralrocket.io.');
	});

	it('takes a Base URL pasted with /api/v1 and a trailing slash', async () => {
		await runNode(sim, getCampaign, { credential: { baseUrl: `${sim.baseUrl}/api/v1/` } });
		expect(callsSince(sim)).toEqual([`GET /api/v1/getCampaign?id=${SEED_CAMPAIGN_ID}`]);
	});
});

describe('Continue On Fail (fixture referral-rocket-participant-get-continue-on-fail)', () => {
	it('gives each failed item one error item paired with it; the others carry on', async () => {
		const result = await run(
			sim,
			withItems('referral-rocket-participant-get-continue-on-fail.json', [{ email: SEED_REFERRER_EMAIL }, { email: 'nobody@example.com' }, { email: 'not-an-email' }, { email: 'grace.hopper@example.com' }]),
		);
		const items = result.output('Get Participant');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items.map((item) => item.json.email ?? item.json.error)).toEqual([
			SEED_REFERRER_EMAIL,
			'Referral Rocket: Participant not found (HTTP 404)',
			'Email "not-an-email" is not a valid email address',
			'grace.hopper@example.com',
		]);
		expect(sim.requests).toHaveLength(3);
	});
});
