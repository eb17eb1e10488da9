import { expectContractResponse, expectValidRequest, startTestSimulator, type TestSimulator } from './testkit';

let t: TestSimulator;

beforeAll(async () => {
	t = await startTestSimulator();
});
afterAll(() => t.sim.close());
beforeEach(() => t.sim.reset());

describe('authentication', () => {
	it('answers "Token not provided" without a key or with a blank one', async () => {
		for (const headers of [{}, { Authorization: '' }, { Authorization: '   ' }]) {
			const response = await t.anonymous.get('/affiliates', { headers });
			expect(response.status).toBe(401);
			expect(response.data).toEqual({ message: 'Token not provided' });
			expectContractResponse(response);
		}
	});

	it('answers "Unauthorized" to a wrong key and to the right key sent as Bearer', async () => {
		for (const authorization of ['upk_wrong', `Bearer ${t.sim.apiKey}`, t.sim.apiKey.toUpperCase()]) {
			const response = await t.anonymous.get('/affiliates', { headers: { Authorization: authorization } });
			expect(response.status).toBe(401);
			expect(response.data).toEqual({ message: 'Unauthorized' });
		}
	});

	it('answers 404 outside the API and for an unknown route', async () => {
		expect((await t.control.get('/api/v1/affiliates')).status).toBe(404);
		expect((await t.api.get('/nothing-here')).data).toEqual({ status: 404, message: 'Not found' });
	});
});

describe('lists: the envelope, paging without metadata, filters', () => {
	it.each([
		['/programs', 2],
		['/affiliates', 3],
		['/coupons', 1],
		['/payments/unpaid', 1],
		['/payments/paid', 1],
		['/referrals', 2],
		['/webhook-subscriptions', 0],
	])('%s answers {status, message, data[]} as the contract says', async (path, rows) => {
		const response = await t.api.get(path);
		expect(response.status).toBe(200);
		expect(Object.keys(response.data)).toEqual(['status', 'message', 'data']);
		expect(response.data).toMatchObject({ status: 200, message: 'success' });
		expect(response.data.data).toHaveLength(rows);
		expectContractResponse(response);
	});

	it('pages by page and per_page: 10 by default, at most 100, empty past the end', async () => {
		for (let i = 0; i < 120; i++) await t.sim.createReferral({ affiliate_id: 2029238 });
		expect((await t.api.get('/referrals')).data.data).toHaveLength(10);
		expect((await t.api.get('/referrals', { params: { per_page: 500 } })).data.data).toHaveLength(100);
		expect((await t.api.get('/referrals', { params: { per_page: 100, page: 2 } })).data.data).toHaveLength(22);
		const past = await t.api.get('/referrals', { params: { per_page: 100, page: 3 } });
		expect(past.data).toEqual({ status: 200, message: 'success', data: [] });
		const pages = [1, 2, 3].map((page) => t.api.get('/referrals', { params: { per_page: 50, page } }));
		const ids = (await Promise.all(pages)).flatMap((response) => response.data.data.map((row: { id: number }) => row.id));
		expect(new Set(ids).size).toBe(122);
	});

	it('refuses a page or per_page that is not a positive integer', async () => {
		const response = await t.api.get('/affiliates', { params: { per_page: 0 } });
		expect(response.status).toBe(422);
		expect(response.data).toEqual({ status: 422, message: 'The per page must be at least 1.', errors: { per_page: ['The per page must be at least 1.'] } });
		expect((await t.api.get('/affiliates', { params: { page: 'two' } })).data.errors).toEqual({ page: ['The page must be an integer.'] });
		expectContractResponse(response);
	});

	it('refuses from_date without to_date on /referrals only', async () => {
		const response = await t.api.get('/referrals', { params: { from_date: '2025-01-01T00:00:00Z' } });
		expect(response.status).toBe(422);
		expect(response.data).toEqual({
			status: 422,
			message: 'The to date field is required when from date is present.',
			errors: { to_date: ['The to date field is required when from date is present.'] },
		});
		expectContractResponse(response);
		expect((await t.api.get('/affiliates', { params: { from_date: '2025-10-01T00:00:00Z' } })).data.data).toHaveLength(1);
	});

	it('filters by date window, status, email and payment method', async () => {
		const window = await t.api.get('/referrals', { params: { from_date: '2025-10-06T00:00:00Z', to_date: '2025-10-07T00:00:00Z' } });
		expect(window.data.data.map((row: { id: number }) => row.id)).toEqual([880002]);
		expect((await t.api.get('/affiliates', { params: { status: 'pending' } })).data.data.map((row: { id: number }) => row.id)).toEqual([2029241]);
		expect((await t.api.get('/affiliates', { params: { affiliate_email: 'PARTNER@example.com' } })).data.data).toHaveLength(1);
		expect((await t.api.get('/payments/unpaid', { params: { payment_method: 'paypal' } })).data.data).toEqual([]);
		expect((await t.api.get('/referrals', { params: { order_id: '5938271234999' } })).data.data[0].id).toBe(880002);
		const bad = await t.api.get('/affiliates', { params: { status: 'banned' } });
		expect(bad.data.errors).toEqual({ status: ['The selected status is invalid.'] });
		expect((await t.api.get('/coupons', { params: { to_date: '2025-10-01' } })).data.errors.to_date).toHaveLength(1);
	});
});

describe('records and money types', () => {
	it('writes referral money as decimal strings and payment and affiliate money as numbers, digit for digit', async () => {
		const referral = await t.api.get('/referrals/880001', { transformResponse: (text: string) => text });
		expect(referral.data).toContain('"total_sales":"120.00"');
		expect(referral.data).toContain('"commission":"12.00"');
		const unpaid = await t.api.get('/payments/unpaid', { transformResponse: (text: string) => text });
		expect(unpaid.data).toContain('"total_commission":12.00,"total_sales":120.00');
		const payment = await t.api.get('/payments/26154', { transformResponse: (text: string) => text });
		expect(payment.data).toContain('"total_processed":100,');
		const affiliate = await t.api.get('/affiliates/2029238', { transformResponse: (text: string) => text });
		expect(affiliate.data).toContain('"approved_amount":12.00');
	});

	it.each(['/programs/29486', '/programs/29486/excluded', '/affiliates/2029238', '/payments/26154', '/referrals/880001'])('%s answers one record', async (path) => {
		const response = await t.api.get(path);
		expect(response.status).toBe(200);
		expect(response.data.data).toEqual(expect.any(Object));
		expectContractResponse(response);
	});

	it.each(['/programs/1', '/programs/1/excluded', '/affiliates/1', '/payments/1', '/referrals/1', '/referrals/abc'])('%s answers 404 for an unknown id', async (path) => {
		const response = await t.api.get(path);
		expect(response.status).toBe(404);
		expect(response.data).toEqual({ status: 404, message: 'Not found' });
		expectContractResponse(response);
	});
});

describe('changes', () => {
	it('creates an affiliate in the default program, or refuses with the fields at fault', async () => {
		const body = { email: 'new.partner@example.com', first_name: 'New', last_name: 'Partner', status: 'active', send_email: false };
		expectValidRequest('createAffiliate', body);
		const created = await t.api.post('/affiliates', body);
		expect(created.status).toBe(200);
		expect(created.data.data).toMatchObject({ email: 'new.partner@example.com', status: 'active', program_id: 29486, program_name: 'Default program' });
		expectContractResponse(created);
		expect((await t.api.get(`/affiliates/${created.data.data.id}`)).data.data.email).toBe('new.partner@example.com');

		const refused = await t.api.post('/affiliates', { email: 'new.partner@example.com', status: 'pending', program_id: 5 });
		expect(refused.status).toBe(422);
		expect(refused.data.errors).toEqual({
			email: ['The email has already been taken.'],
			status: ['The selected status is invalid.'],
			program_id: ['The selected program id is invalid.'],
		});
		expectContractResponse(refused);
		expect((await t.api.post('/affiliates', 'not json', { headers: { 'Content-Type': 'application/json' } })).data.errors).toEqual({ email: ['The email field is required.'] });
	});

	it('approves and denies an affiliate by affiliate_id (or id)', async () => {
		expectValidRequest('approveOrDenyAffiliate', { affiliate_id: 2029241, status: 'approved' });
		const approved = await t.api.post('/affiliate/active', { affiliate_id: 2029241, status: 'approved' });
		expect(approved.data.data).toMatchObject({ id: 2029241, status: 'active' });
		expectContractResponse(approved);
		expect((await t.api.post('/affiliate/active', { id: 2029241, status: 'denied' })).data.data.status).toBe('inactive');
		expect((await t.api.post('/affiliate/active', { affiliate_id: 1, status: 'denied' })).status).toBe(404);
		const refused = await t.api.post('/affiliate/active', { status: 'maybe' });
		expect(refused.data.errors).toEqual({ affiliate_id: ['The affiliate id field is required.'], status: ['The selected status is invalid.'] });
	});

	it('adds positive and negative adjustments to a referral, which count in the unpaid commission', async () => {
		expectValidRequest('addReferralAdjustment', { adjustment: -5 });
		const adjusted = await t.api.post('/referral/880001/adjustment', { adjustment: -5 });
		expect(adjusted.data.data.commission_adjustment).toBe('-5.00');
		expectContractResponse(adjusted);
		expect((await t.api.post('/referral/880001/adjustment', { adjustment: '1.25' })).data.data.commission_adjustment).toBe('-3.75');
		const unpaid = await t.api.get('/payments/unpaid', { transformResponse: (text: string) => text });
		expect(unpaid.data).toContain('"total_commission":8.25');
		expect((await t.api.post('/referral/880001/adjustment', {})).data.errors).toEqual({ adjustment: ['The adjustment field is required.'] });
		expect((await t.api.post('/referral/880001/adjustment', { adjustment: 'five' })).status).toBe(422);
		expect((await t.api.post('/referral/1/adjustment', { adjustment: 1 })).status).toBe(404);
	});
});
