// Affiliate operations in n8n's execution engine against the UpPromote simulator over real HTTP.
import { startUpPromoteSimulator, type UpPromoteSimulator } from '../simulator/server';
import { byId, callsSince, fromList, jsonOf, NODE, runNode } from './node.helpers';

let sim: UpPromoteSimulator;

beforeAll(async () => {
	sim = await startUpPromoteSimulator();
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

/** Adds affiliates straight into the simulator's store (set-up, not the node under test). */
function seedAffiliates(count: number): void {
	const template = sim.state.affiliates[0];
	for (let index = 0; index < count; index++) {
		sim.state.affiliates.push({ ...template, id: 3000000 + index, email: `seeded${index}@example.com`, createdAt: '2025-11-01T00:00:00Z' });
	}
}

describe('Affiliate → Get', () => {
	it('reads the affiliate picked from the list, simplified by default, amounts as UpPromote sent them', async () => {
		const result = await runNode(sim, { resource: 'affiliate', operation: 'get', affiliateId: fromList(2014227) });
		expect(callsSince(sim)).toEqual(['GET /api/v2/affiliates/2014227']);
		expect(jsonOf(result)).toEqual([
			{
				id: 2014227,
				email: 'test223@gmail.com',
				first_name: 'Test',
				last_name: '223',
				status: 'active',
				email_verified: 'verified',
				program_id: 29486,
				program_name: 'Default program',
				default_affiliate_link: 'https://shop.example.com?sca_ref=2014227.test223',
				coupons: [],
				paid_amount: '100',
				approved_amount: '0.00',
				pending_amount: '0.00',
				created_at: '2025-09-01T09:00:00Z',
			},
		]);
	});

	it('gives the whole record with Simplify off', async () => {
		const result = await runNode(sim, { resource: 'affiliate', operation: 'get', affiliateId: byId('2029238'), simplify: false });
		const [affiliate] = jsonOf(result);
		expect(Object.keys(affiliate).length).toBeGreaterThan(30);
		expect(affiliate).toMatchObject({ company: 'Partner Co', custom_fields: [expect.objectContaining({ label: 'USDC wallet (Base)' })] });
	});

	it('says an unknown affiliate was not found', async () => {
		const result = await runNode(sim, { resource: 'affiliate', operation: 'get', affiliateId: byId('999') });
		expect(result.nodeError(NODE)).toMatchObject({ name: 'NodeApiError', httpCode: '404', message: 'UpPromote: The record was not found (HTTP 404)' });
	});

	it('refuses an ID mapped from an item that is not a whole number, before sending anything', async () => {
		const result = await runNode(sim, { resource: 'affiliate', operation: 'get', affiliateId: byId('={{ $json.id }}') }, { items: [{ id: '12abc' }] });
		expect(result.nodeError(NODE)?.message).toBe('Affiliate must be a whole number (got "12abc")');
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Affiliate → Get Many', () => {
	it('sends the filters as UpPromote names them, dates in UTC', async () => {
		const result = await runNode(sim, {
			resource: 'affiliate',
			operation: 'getMany',
			filters: { status: 'pending', emailVerified: 'unverified', fromDate: '2025-10-01T00:00:00', toDate: '2025-10-31T23:59:59' },
		});
		expect(callsSince(sim)).toEqual([
			'GET /api/v2/affiliates?from_date=2025-10-01T00%3A00%3A00Z&to_date=2025-10-31T23%3A59%3A59Z&status=pending&email_verified=unverified&page=1&per_page=100',
		]);
		expect(jsonOf(result).map((affiliate) => affiliate.email)).toEqual(['applicant@example.com']);
	});

	it('filters by email', async () => {
		const result = await runNode(sim, { resource: 'affiliate', operation: 'getMany', filters: { email: 'partner@example.com' } });
		expect(jsonOf(result).map((affiliate) => affiliate.id)).toEqual([2029238]);
	});

	it('refuses a bad email filter and a From Date after To Date before sending', async () => {
		const badEmail = await runNode(sim, { resource: 'affiliate', operation: 'getMany', filters: { email: 'partner at example' } });
		expect(badEmail.nodeError(NODE)?.message).toBe('Email "partner at example" is not a valid email address');
		const backwards = await runNode(sim, { resource: 'affiliate', operation: 'getMany', filters: { fromDate: '2025-12-01', toDate: '2025-01-01' } });
		expect(backwards.nodeError(NODE)?.message).toBe('From Date (2025-12-01T00:00:00Z) is after To Date (2025-01-01T00:00:00Z)');
		expect(sim.requests).toHaveLength(0);
	});

	it('Return All reads every page of 100 and stops on the short one', async () => {
		seedAffiliates(247);
		const result = await runNode(sim, { resource: 'affiliate', operation: 'getMany', returnAll: true });
		expect(jsonOf(result)).toHaveLength(250);
		expect(new Set(jsonOf(result).map((affiliate) => affiliate.id)).size).toBe(250);
		expect(callsSince(sim)).toEqual([1, 2, 3].map((page) => `GET /api/v2/affiliates?page=${page}&per_page=100`));
	});

	it('Return All asks once more after an exactly full last page and stops on the empty one', async () => {
		seedAffiliates(97);
		const result = await runNode(sim, { resource: 'affiliate', operation: 'getMany', returnAll: true });
		expect(jsonOf(result)).toHaveLength(100);
		expect(callsSince(sim)).toEqual([1, 2].map((page) => `GET /api/v2/affiliates?page=${page}&per_page=100`));
	});

	it('Limit stops reading once it has enough', async () => {
		seedAffiliates(247);
		const result = await runNode(sim, { resource: 'affiliate', operation: 'getMany', returnAll: false, limit: 120 });
		expect(jsonOf(result)).toHaveLength(120);
		expect(callsSince(sim)).toHaveLength(2);
	});
});

describe('Affiliate → Create', () => {
	it('sends the named fields, the program picked and the Additional Fields, and returns the new affiliate', async () => {
		const result = await runNode(sim, {
			resource: 'affiliate',
			operation: 'create',
			email: 'nora@example.com',
			firstName: 'Nora',
			lastName: 'Partner',
			programId: fromList(29487),
			status: 'inactive',
			sendEmail: true,
			additionalFields: '{"company": "Acme", "country": "FR"}',
			simplify: false,
		});
		expect(JSON.parse(sim.requests[0].rawBody)).toEqual({
			email: 'nora@example.com',
			status: 'inactive',
			send_email: true,
			first_name: 'Nora',
			last_name: 'Partner',
			program_id: 29487,
			company: 'Acme',
			country: 'FR',
		});
		expect(jsonOf(result)[0]).toMatchObject({ email: 'nora@example.com', program_name: 'VIP program', company: 'Acme', status: 'inactive' });
	});

	it("reports UpPromote's refusal of an email in use, naming the field", async () => {
		const result = await runNode(sim, { resource: 'affiliate', operation: 'create', email: 'partner@example.com' });
		expect(result.nodeError(NODE)).toMatchObject({
			httpCode: '422',
			message: 'UpPromote: email: The email has already been taken. (HTTP 422)',
		});
	});

	it('refuses a bad email and Additional Fields that are not a JSON object before sending', async () => {
		const badEmail = await runNode(sim, { resource: 'affiliate', operation: 'create', email: 'nora@' });
		expect(badEmail.nodeError(NODE)?.message).toBe('Email "nora@" is not a valid email address');
		const badJson = await runNode(sim, { resource: 'affiliate', operation: 'create', email: 'nora@example.com', additionalFields: '[1, 2]' });
		expect(badJson.nodeError(NODE)?.message).toBe('Additional Fields (JSON): it must be a JSON object, e.g. {"company": "Acme"}');
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Affiliate → Approve or Deny', () => {
	it('approves with affiliate_id and the affiliate becomes active', async () => {
		const result = await runNode(sim, { resource: 'affiliate', operation: 'approveOrDeny', affiliateId: fromList(2029241), decision: 'approved' });
		expect(callsSince(sim)).toEqual(['POST /api/v2/affiliate/active']);
		expect(JSON.parse(sim.requests[0].rawBody)).toEqual({ affiliate_id: 2029241, status: 'approved' });
		expect(jsonOf(result)[0]).toMatchObject({ id: 2029241, status: 'active' });
	});

	it('denies, and an unknown affiliate is not found', async () => {
		const denied = await runNode(sim, { resource: 'affiliate', operation: 'approveOrDeny', affiliateId: byId(2029238), decision: 'denied' });
		expect(jsonOf(denied)[0]).toMatchObject({ id: 2029238, status: 'inactive' });
		const unknown = await runNode(sim, { resource: 'affiliate', operation: 'approveOrDeny', affiliateId: byId(42), decision: 'denied' });
		expect(unknown.nodeError(NODE)?.message).toBe('UpPromote: The record was not found (HTTP 404)');
	});
});
