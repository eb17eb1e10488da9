// Behaviour every Referral and Payout operation shares (transport, errors, continue-on-fail, retries),
// run in n8n's execution engine against the PayRam simulator.
import type { IDataObject } from 'n8n-workflow';

import { withdrawalRecord } from '../simulator/payouts';
import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { jsonOf, run, seedPayouts, seedReferee, seedReferrer, withItems } from './referral-payout.helpers';

let sim: PayRamSimulator;

beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

const WRONG_KEY = 'sk_wrong_7f3a9c2e5b8d4f106a2c';

describe('a wrong API key', () => {
	const cases: Array<[string, string, string, string]> = [
		['Register Referrer', 'referral-register-referrer.json', 'POST /api/v1/referral/referrers/authenticate', 'PayRam: Invalid API key (HTTP 401)'],
		['Link Referee', 'referral-link-referee.json', 'POST /api/v1/referral/referee', 'PayRam: Invalid API key (HTTP 401)'],
		['Log Event', 'referral-log-event.json', 'POST /api/v1/referral/event-log', 'PayRam: Invalid API key (HTTP 401)'],
		['Create Payout', 'payout-create.json', 'POST /api/v1/withdrawal/merchant', 'PayRam: Invalid or missing API key (HTTP 401, code UNAUTHORIZED)'],
		['Get Payout', 'payout-get.json', 'GET /api/v1/withdrawal/1/merchant', 'PayRam: Invalid or missing API key (HTTP 401, code UNAUTHORIZED)'],
		['Get Payouts', 'payout-get-many.json', 'GET /api/v1/withdrawal/merchant', 'PayRam: Invalid or missing API key (HTTP 401, code UNAUTHORIZED)'],
	];

	it.each(cases)("%s fails with PayRam's 401 message and the key appears nowhere in the execution", async (nodeName, fixture, call, message) => {
		const result = await run(sim, fixture, { apiKey: WRONG_KEY });

		expect(result.nodeError(nodeName)).toMatchObject({ name: 'NodeApiError', httpCode: '401', message });
		expect(result.error?.message).toBe(message);
		expect(result.nodeError(nodeName)?.description).toMatch(new RegExp(`^${call.replace(/[/.]/g, '\\$&')}\\.`));
		expect(result.nodeError(nodeName)?.description).toContain('Check the Project API Key of the PayRam API credential');
		expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([call]);
		expect(sim.requests[0].headers['api-key']).toBe(WRONG_KEY);
		expect(JSON.stringify(result.run)).not.toContain(WRONG_KEY);
		expect(JSON.stringify(result.run)).not.toContain(sim.apiKey);
	});
});

describe('continue on fail ("onError": "continueRegularOutput") with an invalid middle item', () => {
	it('Link Referee outputs three items in order, the middle one an error, each paired with its input', async () => {
		const code = await seedReferrer(sim, 'user-alice', 'alice@example.com');
		const workflow = withItems('referral-link-referee-continue-on-fail.json', [
			{ email: 'bob@example.com', referralCode: code, userId: 'user-bob' },
			{ email: 'not-an-email', referralCode: code, userId: 'user-carol' },
			{ email: 'dave@example.com', referralCode: code, userId: 'user-dave' },
		]);
		const before = sim.requests.length;
		const result = await run(sim, workflow);

		expect(result.error).toBeUndefined();
		const items = result.output('Link Referee');
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ referenceId: 'user-bob', email: 'bob@example.com', referredByMemberID: 1 });
		expect(items[1].json).toEqual({
			error: 'Email "not-an-email" is not a valid email address',
			description: 'Set "Email" to an address like nathan@example.com, or map one from the input item',
		});
		expect(items[2].json).toMatchObject({ referenceId: 'user-dave', email: 'dave@example.com', referredByMemberID: 1 });
		expect(sim.requests.length - before).toBe(2);
		expect(sim.state.referralMembers.map((member) => member.referenceId)).toEqual(['user-alice', 'user-bob', 'user-dave']);
	});

	it('Create Payout pays the valid items and outputs an error item for the invalid amount', async () => {
		const result = await run(sim, 'payout-create-continue-on-fail.json');

		expect(result.error).toBeUndefined();
		const items = result.output('Create Payout');
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ id: 1, amount: '10', recipientEmail: 'one@example.com', status: 'pending' });
		expect(items[1].json).toEqual({ error: 'Amount must be a decimal number greater than 0, like 49.99 (got "abc")' });
		expect(items[2].json).toMatchObject({ id: 2, amount: '30', recipientEmail: 'three@example.com', status: 'pending' });
		expect(sim.requests).toHaveLength(2);
		expect(sim.state.payouts.map((payout) => payout.email)).toEqual(['one@example.com', 'three@example.com']);
	});

	it("Get Payout outputs PayRam's 404 as the middle error item, with its description", async () => {
		await seedPayouts(sim, ['10', '20']);
		const result = await run(sim, 'payout-get-continue-on-fail.json');

		expect(result.error).toBeUndefined();
		const items = result.output('Get Payout');
		expect(items).toEqual([
			{ json: withdrawalRecord(sim.state.payouts[0]), pairedItem: { item: 0 } },
			{
				json: {
					error: 'PayRam: No payout with ID 999 in this PayRam project (HTTP 404)',
					description: 'GET /api/v1/withdrawal/999/merchant. PayRam said: Payout not found.',
				},
				pairedItem: { item: 1 },
			},
			{ json: withdrawalRecord(sim.state.payouts[1]), pairedItem: { item: 2 } },
		]);
	});
});

describe('simulator faults', () => {
	it('Get Payout retries a 503 and succeeds', async () => {
		await seedPayouts(sim, ['10']);
		sim.setFaults({ failNext: { count: 1, status: 503 } });
		const before = sim.requests.length;
		const result = await run(sim, 'payout-get.json');

		expect(result.error).toBeUndefined();
		expect(result.output('Get Payout')).toEqual([{ json: withdrawalRecord(sim.state.payouts[0]), pairedItem: { item: 0 } }]);
		expect(sim.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /api/v1/withdrawal/1/merchant',
			'GET /api/v1/withdrawal/1/merchant',
		]);
	});

	it('Get Payout gives up after three attempts when PayRam keeps answering 503', async () => {
		await seedPayouts(sim, ['10']);
		sim.setFaults({ failNext: { count: 5, status: 503 } });
		const before = sim.requests.length;
		const result = await run(sim, 'payout-get.json');

		expect(result.nodeError('Get Payout')).toMatchObject({
			name: 'NodeApiError',
			httpCode: '503',
			message: 'PayRam: simulated 503 failure (HTTP 503, code SERVICE_UNAVAILABLE)',
		});
		expect(sim.requests.length - before).toBe(3);
	});

	it('Get Payouts retries a 503 while paging with Return All and still returns every payout', async () => {
		await seedPayouts(sim, Array.from({ length: 150 }, (_, index) => String(index + 1)));
		sim.setFaults({ failNext: { count: 1, status: 503, pathPrefix: '/api/v1/withdrawal/merchant' } });
		// The first page takes the fault; the rest pass.
		const before = sim.requests.length;
		const result = await run(sim, 'payout-get-all.json');

		expect(jsonOf(result, 'Get Payouts')).toHaveLength(150);
		expect(sim.requests.slice(before).map((request) => request.query.offset)).toEqual(['0', '0', '100']);
	});

	it('Create Payout does not retry a 503 (one request) and fails with a clear error', async () => {
		sim.setFaults({ failNext: { count: 1, status: 503 } });
		const result = await run(sim, 'payout-create.json');

		expect(result.nodeError('Create Payout')).toMatchObject({
			name: 'NodeApiError',
			httpCode: '503',
			message: 'PayRam: simulated 503 failure (HTTP 503, code SERVICE_UNAVAILABLE)',
			description: 'POST /api/v1/withdrawal/merchant. PayRam is busy or failing: run the workflow again later.',
		});
		expect(sim.requests).toHaveLength(1);
		expect(sim.state.payouts).toHaveLength(0);
	});

	it('Log Event (a write) does not retry a 503 either', async () => {
		const code = await seedReferrer(sim, 'user-alice', 'alice@example.com');
		await seedReferee(sim, code, 'user-bob', 'bob@example.com');
		sim.setFaults({ failNext: { count: 1, status: 503 } });
		const before = sim.requests.length;
		const result = await run(sim, 'referral-log-event.json');

		expect(result.nodeError('Log Event')).toMatchObject({
			httpCode: '503',
			message: 'PayRam: simulated 503 failure (HTTP 503, code SERVICE_UNAVAILABLE)',
		});
		expect(sim.requests.length - before).toBe(1);
		expect(sim.state.referralEvents).toHaveLength(0);
	});

	it('Create Payout reports a dropped connection without retrying it', async () => {
		sim.setFaults({ dropNext: { count: 1 } });
		const result = await run(sim, 'payout-create.json');

		expect(result.nodeError('Create Payout')).toMatchObject({
			name: 'NodeApiError',
			message: `Cannot reach PayRam at ${sim.url}: the server closed the connection without answering`,
		});
		expect(sim.requests).toHaveLength(1);
	});

	const malformed: Array<[string, string, string, () => Promise<unknown>]> = [
		['Get Payout', 'payout-get.json', 'GET /api/v1/withdrawal/1/merchant', () => seedPayouts(sim, ['10'])],
		['Get Payouts', 'payout-get-many.json', 'GET /api/v1/withdrawal/merchant', () => seedPayouts(sim, ['10', '20'])],
		['Register Referrer', 'referral-register-referrer.json', 'POST /api/v1/referral/referrers/authenticate', async () => undefined],
		[
			'Log Event',
			'referral-log-event.json',
			'POST /api/v1/referral/event-log',
			async () => seedReferee(sim, await seedReferrer(sim, 'user-alice', 'alice@example.com'), 'user-bob', 'bob@example.com'),
		],
	];

	it.each(malformed)('%s reports a cut-off answer as "PayRam answered with something that is not JSON"', async (nodeName, fixture, call, seed) => {
		await seed();
		sim.setFaults({ malformedNext: { count: 1 } });
		const result = await run(sim, fixture);

		const error = result.nodeError(nodeName);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '200',
			message: 'PayRam answered with something that is not JSON',
		});
		expect(error?.description?.startsWith(`${call} → HTTP 200: `)).toBe(true);
		expect(() => JSON.parse(error!.description!.slice(`${call} → HTTP 200: `.length))).toThrow();
	});

	it('Create Payout: a cut-off answer is an error, and re-running cannot pay a second time', async () => {
		sim.setFaults({ malformedNext: { count: 1 } });
		const first = await run(sim, 'payout-create.json');
		const again = await run(sim, 'payout-create.json');

		expect(first.nodeError('Create Payout')?.message).toBe('PayRam answered with something that is not JSON');
		expect(again.nodeError('Create Payout')).toMatchObject({ httpCode: '409' });
		expect(sim.state.payouts).toHaveLength(1);
		const keys = sim.requests.map((request) => request.headers['idempotency-key']);
		expect(keys).toHaveLength(2);
		expect(keys[0]).toBe(keys[1]);
	});
});

describe('every request', () => {
	it('carries the API-Key header and no Authorization header', async () => {
		const code = await seedReferrer(sim, 'user-alice', 'alice@example.com');
		await seedPayouts(sim, ['10']);
		const before = sim.requests.length;
		await run(sim, 'referral-register-referrer.json');
		await run(sim, withItems('referral-link-referee.json', [{ email: 'bob@example.com', referralCode: code, userId: 'user-bob' }]));
		await run(sim, withItems('referral-log-event.json', [{ event: 'signup', userId: 'user-bob' }]));
		await run(sim, 'payout-create.json');
		await run(sim, 'payout-get.json');
		await run(sim, 'payout-get-many.json');

		const made = sim.requests.slice(before);
		expect(made).toHaveLength(6);
		for (const request of made) {
			expect(request.headers['api-key']).toBe(sim.apiKey);
			expect(request.headers.authorization).toBeUndefined();
			expect(request.headers.accept).toBe('application/json');
		}
		const posts = made.filter((request) => request.method === 'POST') as Array<{ headers: IDataObject }>;
		expect(posts.map((request) => request.headers['content-type'])).toEqual(Array(4).fill('application/json'));
	});
});
