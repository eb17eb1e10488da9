// What every UpPromote operation shares: the key, errors, Continue On Fail, the rate limit, Custom API Call, list searches.
import { createServer, type Server } from 'node:http';

import { listSearch } from '../../../../testing/engine/list-search';
import { runWorkflow } from '../../../../testing/engine/run-workflow';
import { closeServer, listenLocally, sendJson, type ApiResponse } from '../../../../testing/simulator/http';
import { validateRequest } from '../simulator/contracts';
import { startUpPromoteSimulator, type UpPromoteSimulator } from '../simulator/server';
import { byId, callsSince, credentialsFor, jsonOf, NODE, NODE_TYPE, run, runNode, upPromoteWorkflow, withItems } from './node.helpers';

let sim: UpPromoteSimulator;

beforeAll(async () => {
	sim = await startUpPromoteSimulator();
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

const WRONG_KEY = 'upk_wrong_5e2d7c9a1b3f4e6d8c0a';

describe('a wrong API key', () => {
	it.each([
		['affiliate', 'get', { affiliateId: byId(2014227) }, 'GET /api/v2/affiliates/2014227'],
		['referral', 'getMany', {}, 'GET /api/v2/referrals?page=1&per_page=100'],
		['referral', 'addAdjustment', { referralId: '880001', adjustment: '-5' }, 'POST /api/v2/referral/880001/adjustment'],
		['customApiCall', 'call', { method: 'POST', path: '/affiliates', body: '{"email":"x@example.com"}' }, 'POST /api/v2/affiliates'],
	])('%s → %s fails with one 401 NodeApiError, sent once, the key nowhere in the execution', async (resource, operation, parameters, call) => {
		const result = await runNode(sim, { resource, operation, ...parameters }, { apiKey: WRONG_KEY });
		expect(result.nodeError(NODE)).toMatchObject({ name: 'NodeApiError', httpCode: '401', message: 'UpPromote: Unauthorized (HTTP 401)' });
		expect(result.nodeError(NODE)?.description).toContain('Check the API Key of the UpPromote API credential');
		expect(callsSince(sim)).toEqual([call]);
		expect(JSON.stringify(result.run)).not.toContain(WRONG_KEY);
		expect(JSON.stringify(result.run)).not.toContain(sim.apiKey);
	});
});

describe('Continue On Fail', () => {
	it('gives one item per input, the failed ones as errors paired with their item, and goes on', async () => {
		const result = await run(
			sim,
			withItems('uppromote-affiliate-get-continue-on-fail.json', [{ affiliateId: '2014227' }, { affiliateId: '999' }, { affiliateId: 'abc' }, { affiliateId: '2029238' }]),
		);
		expect(result.error).toBeUndefined();
		const items = result.output('Get Affiliate');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items.map((item) => item.json.id ?? item.json.error)).toEqual([
			2014227,
			'UpPromote: The record was not found (HTTP 404)',
			'Affiliate must be a whole number (got "abc")',
			2029238,
		]);
		expect(callsSince(sim)).toHaveLength(3);
	});

	it('pairs an error with its own item when an earlier item gave several', async () => {
		const result = await runNode(
			sim,
			{ resource: 'referral', operation: 'getMany', returnAll: true, filters: { affiliateEmail: '={{ $json.email }}' } },
			{ items: [{ email: 'partner@example.com' }, { email: 'not-an-email' }], continueOnFail: true },
		);
		const items = result.output(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
		expect(items[2].json).toEqual({ error: 'Affiliate Email "not-an-email" is not a valid email address', description: 'Use an address like nora@example.com' });
	});

	it('with "Continue (using error output)", a failed item leaves by the error output and the others by the success output', async () => {
		const workflow = upPromoteWorkflow({ resource: 'affiliate', operation: 'get', affiliateId: byId('={{ $json.id }}') }, { items: [{ id: 999 }, { id: 2014227 }] });
		workflow.nodes[1].onError = 'continueErrorOutput';
		const result = await run(sim, workflow);
		expect(jsonOf(result).map((item) => item.id)).toEqual([2014227]);
		expect(result.output(NODE, 1).map((item) => [item.json, item.pairedItem])).toEqual([
			[expect.objectContaining({ error: 'UpPromote: The record was not found (HTTP 404)' }), { item: 0 }],
		]);
	});

	it('without it, the first failure stops the node with that error', async () => {
		const result = await runNode(sim, { resource: 'affiliate', operation: 'get', affiliateId: byId('={{ $json.id }}') }, { items: [{ id: 999 }, { id: 2014227 }] });
		expect(result.nodeError(NODE)?.message).toBe('UpPromote: The record was not found (HTTP 404)');
		expect(callsSince(sim)).toEqual(['GET /api/v2/affiliates/999']);
	});
});

describe('the rate limit (120 requests a minute per store)', () => {
	let fast: UpPromoteSimulator;
	// A 60-second window lasts 300 ms here; Retry-After says the real time left.
	beforeAll(async () => {
		fast = await startUpPromoteSimulator({ timeScale: 0.005 });
	});
	afterAll(async () => fast.close());
	beforeEach(() => fast.reset());

	it('a bulk run of 60 Get Affiliate items at 10 requests a window waits out every 429 and fails none', async () => {
		const small = await startUpPromoteSimulator({ timeScale: 0.01, rateLimit: 10 });
		try {
			const items = Array.from({ length: 60 }, (_, index) => ({ id: index % 2 === 0 ? 2014227 : 2029238 }));
			const result = await runNode(small, { resource: 'affiliate', operation: 'get', affiliateId: byId('={{ $json.id }}') }, { items });
			expect(result.error).toBeUndefined();
			expect(jsonOf(result).map((affiliate) => affiliate.id)).toEqual(items.map((item) => item.id));
			expect(small.requests.filter((request) => request.status === 429).length).toBeGreaterThan(0);
			expect(small.requests.filter((request) => request.status === 200)).toHaveLength(60);
		} finally {
			await small.close();
		}
	});

	it('Return All over 350 affiliates at 2 requests a window waits between pages and reads them all', async () => {
		const slow = await startUpPromoteSimulator({ timeScale: 0.005, rateLimit: 2 });
		try {
			const template = slow.state.affiliates[0];
			for (let index = 0; index < 347; index++) slow.state.affiliates.push({ ...template, id: 4000000 + index, email: `bulk${index}@example.com` });
			const result = await runNode(slow, { resource: 'affiliate', operation: 'getMany', returnAll: true });
			expect(result.error).toBeUndefined();
			expect(jsonOf(result)).toHaveLength(350);
			expect(slow.requests.filter((request) => request.status === 429).length).toBeGreaterThan(0);
			expect(slow.requests.filter((request) => request.status === 200)).toHaveLength(4);
		} finally {
			await slow.close();
		}
	});

	it('waits out a burst of 429s on a write and sends it once it is let through', async () => {
		fast.setFaults({ throttleNext: { count: 3 } });
		const result = await runNode(fast, { resource: 'referral', operation: 'addAdjustment', referralId: '880001', adjustment: '-5' });
		expect(result.error).toBeUndefined();
		expect(fast.requests.map((request) => request.status)).toEqual([429, 429, 429, 200]);
	});

	it('gives up after 5 waits in a row, with one error that says how to fix it', async () => {
		fast.setFaults({ throttleNext: { count: 10 } });
		const result = await runNode(fast, { resource: 'affiliate', operation: 'get', affiliateId: byId(2014227) });
		expect(result.nodeError(NODE)).toMatchObject({ httpCode: '429', message: 'UpPromote: Too Many Attempts. (HTTP 429)' });
		expect(result.nodeError(NODE)?.description).toContain('120 requests a minute per store');
		expect(fast.requests).toHaveLength(6);
	});
});

describe('server failures', () => {
	it('a read is retried after a 500; a write is sent once', async () => {
		sim.setFaults({ failNext: { count: 1, status: 500 } });
		const read = await runNode(sim, { resource: 'program', operation: 'getMany', returnAll: true });
		expect(jsonOf(read)).toHaveLength(2);
		expect(sim.requests.map((request) => request.status)).toEqual([500, 200]);

		sim.reset();
		sim.setFaults({ failNext: { count: 1, status: 500 } });
		const write = await runNode(sim, { resource: 'affiliate', operation: 'create', email: 'once@example.com' });
		expect(write.nodeError(NODE)).toMatchObject({ httpCode: '500', message: 'UpPromote: Server Error (HTTP 500)' });
		expect(callsSince(sim)).toEqual(['POST /api/v2/affiliates']);
	});
});

describe('Custom API Call', () => {
	it('GETs a path under /api/v2 with query parameters, with the credential', async () => {
		const result = await runNode(sim, { resource: 'customApiCall', operation: 'call', method: 'GET', path: '/api/v2/affiliates', query: '{"status": "pending"}' });
		expect(callsSince(sim)).toEqual(['GET /api/v2/affiliates?status=pending']);
		expect(sim.requests[0].headers.authorization).toBe(sim.apiKey);
		expect(jsonOf(result).map((affiliate) => affiliate.id)).toEqual([2029241]);
	});

	it('POSTs the JSON body once and returns the record', async () => {
		const result = await runNode(sim, {
			resource: 'customApiCall',
			operation: 'call',
			method: 'POST',
			path: 'affiliate/active',
			body: '{"affiliate_id": 2029241, "status": "approved"}',
		});
		expect(callsSince(sim)).toEqual(['POST /api/v2/affiliate/active']);
		expect(jsonOf(result)[0]).toMatchObject({ id: 2029241, status: 'active' });
	});

	it('an undocumented path UpPromote does not have is one not-found error', async () => {
		const result = await runNode(sim, { resource: 'customApiCall', operation: 'call', method: 'POST', path: '/payments/mark-paid', body: '{}' });
		expect(result.nodeError(NODE)).toMatchObject({ httpCode: '404', message: 'UpPromote: The record was not found (HTTP 404)' });
	});

	it.each(['https://attacker.example/collect', '//attacker.example/collect', '/../../admin', '/affiliates/%2e%2e/x'])('refuses %s before sending', async (path) => {
		const result = await runNode(sim, { resource: 'customApiCall', operation: 'call', method: 'GET', path });
		expect(result.nodeError(NODE)?.name).toBe('NodeOperationError');
		expect(sim.requests).toHaveLength(0);
	});
});

describe('list searches ("From list")', () => {
	const parameters = { resource: 'affiliate', operation: 'get' };

	it('lists affiliates, and narrows them by what the builder types', async () => {
		const all = await listSearch('searchAffiliates', { nodeType: NODE_TYPE, credentials: credentialsFor(sim), parameters });
		expect(all.results.map((result) => result.value)).toEqual(['2029241', '2029238', '2014227']);
		expect(all.results[1].name).toBe('Pat Partner · partner@example.com · active');
		const typed = await listSearch('searchAffiliates', { nodeType: NODE_TYPE, credentials: credentialsFor(sim), parameters, filter: 'ada' });
		expect(typed.results.map((result) => result.value)).toEqual(['2029241']);
		const email = await listSearch('searchAffiliates', { nodeType: NODE_TYPE, credentials: credentialsFor(sim), parameters, filter: 'test223@gmail.com' });
		expect(email.results.map((result) => result.value)).toEqual(['2014227']);
		expect(sim.requests.at(-1)?.query).toMatchObject({ affiliate_email: 'test223@gmail.com' });
	});

	it('lists programs by name', async () => {
		const all = await listSearch('searchPrograms', { nodeType: NODE_TYPE, credentials: credentialsFor(sim), parameters: { resource: 'program', operation: 'get' } });
		expect(all.results).toEqual([
			{ name: 'VIP program · active', value: '29487' },
			{ name: 'Default program (default) · active', value: '29486' },
		]);
		const vip = await listSearch('searchPrograms', { nodeType: NODE_TYPE, credentials: credentialsFor(sim), parameters: { resource: 'program', operation: 'get' }, filter: 'VIP' });
		expect(vip.results.map((result) => result.value)).toEqual(['29487']);
	});
});

describe('answers the simulator does not give', () => {
	// A stand-in server for the shapes the docs leave open: empty data, a "not found" 422, a server ignoring `page`.
	let server: Server;
	let baseUrl: string;
	let answer: (url: string) => ApiResponse;
	const urls: string[] = [];
	beforeAll(async () => {
		server = createServer((req, res) => {
			urls.push(req.url ?? '');
			sendJson(res, answer(req.url ?? ''));
		});
		baseUrl = `${await listenLocally(server)}/api/v2`;
	});
	afterAll(() => closeServer(server));
	beforeEach(() => {
		urls.length = 0;
	});
	const runAgainst = (parameters: Record<string, unknown>) =>
		runWorkflow(upPromoteWorkflow(parameters as never), { credentials: { upPromoteApi: { apiKey: 'upk_standin', baseUrl } } });

	it('reads empty data and a "not found" 422 as not found', async () => {
		answer = () => ({ status: 200, body: { status: 200, message: 'success', data: [] } });
		expect((await runAgainst({ resource: 'referral', operation: 'get', referralId: '5' })).nodeError(NODE)?.message).toBe('UpPromote: Referral 5 was not found');
		answer = () => ({ status: 200, body: { status: 200, message: 'success', data: null } });
		expect((await runAgainst({ resource: 'payment', operation: 'get', paymentId: '5' })).nodeError(NODE)?.message).toBe('UpPromote: Payment 5 was not found');
		answer = () => ({ status: 422, body: { status: 422, message: 'Affiliate not found' } });
		expect((await runAgainst({ resource: 'affiliate', operation: 'get', affiliateId: byId(5) })).nodeError(NODE)?.message).toBe(
			'UpPromote: The record was not found (HTTP 422)',
		);
	});

	it('Return All stops when a server ignores `page` and sends the same full page again', async () => {
		const rows = Array.from({ length: 100 }, (_, index) => ({ id: index + 1 }));
		answer = () => ({ status: 200, body: { status: 200, message: 'success', data: rows } });
		const result = await runAgainst({ resource: 'coupon', operation: 'getMany', returnAll: true });
		expect(result.output(NODE)).toHaveLength(100);
		expect(urls).toHaveLength(2);
	});
});

describe("the node's writes follow UpPromote's contract", () => {
	it.each([
		['createAffiliate', { resource: 'affiliate', operation: 'create', email: 'nora@example.com', firstName: 'Nora', programId: byId(29487), sendEmail: true }],
		['approveOrDenyAffiliate', { resource: 'affiliate', operation: 'approveOrDeny', affiliateId: byId(2029241), decision: 'denied' }],
		['addReferralAdjustment', { resource: 'referral', operation: 'addAdjustment', referralId: '880001', adjustment: '-2.50' }],
	])('%s', async (operationId, parameters) => {
		const result = await runNode(sim, parameters);
		expect(result.error).toBeUndefined();
		expect(validateRequest(operationId, JSON.parse(sim.requests[0].rawBody))).toMatchObject({ valid: true });
	});
});
