import { validateResponse, validateSchema } from './contracts';
import { expectContractResponse, expectValidRequest, startTestSimulator, type TestSimulator } from './testkit';

const ETH_ADDRESS = '0x1111111111111111111111111111111111111111';
const TRON_ADDRESS = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

// Contract tests stay inside the contract's enums (ETH/TRX/BTC/BASE × USDC/USDT); the wider pairs
// PayRam 3.8.1 accepts (POLYGON/POL, CBBTC, PYUSD, ...) are checked separately and break those enums.
const PAYOUT = { email: 'payee@example.com', blockchainCode: 'ETH', currencyCode: 'USDC', amount: '250.75', toAddress: ETH_ADDRESS };

describe('payouts API', () => {
	let t: TestSimulator;

	beforeAll(async () => {
		t = await startTestSimulator();
	});
	afterAll(() => t.sim.close());
	beforeEach(() => t.sim.reset());

	async function createPayout(body: unknown, headers: Record<string, string> = {}) {
		return t.api.post('/api/v1/withdrawal/merchant', body, { headers });
	}

	it('creates a payout record with the amount exactly as sent', async () => {
		const body = { ...PAYOUT, customerID: 'cust_1', mobileNumber: null };
		expectValidRequest('createMerchantWithdrawal', body);
		const created = await createPayout(body);
		expect(created.status).toBe(201);
		expectContractResponse(created);
		expect(created.data).toMatchObject({
			id: 1,
			status: 'pending',
			amount: '250.75',
			amountInUSD: '250.75',
			priceInUSD: '1',
			toAddress: ETH_ADDRESS,
			recipientEmail: 'payee@example.com',
			type: 'payout_merchant',
			createdBy: 'merchant_api',
			currencyCode: 'USDC',
			blockchainCode: 'ETH',
			txHash: null,
			attributes: JSON.stringify({ customerID: 'cust_1', mobileNumber: null, residentialAddress: null }),
		});

		const read = await t.api.get('/api/v1/withdrawal/1/merchant');
		expect(read.status).toBe(200);
		expectContractResponse(read);
		expect(read.data).toEqual(created.data);
	});

	it('keeps 0.1000000000000000001 exact and converts volatile assets with decimal arithmetic', async () => {
		const tiny = await createPayout({ ...PAYOUT, amount: '0.1000000000000000001' });
		expect(tiny.data).toMatchObject({ amount: '0.1000000000000000001', amountInUSD: '0.1000000000000000001' });
		const ether = await createPayout({ ...PAYOUT, currencyCode: 'ETH', amount: '0.1000000000000000001' });
		expect(ether.data).toMatchObject({ amount: '0.1000000000000000001', amountInUSD: '300.0000000000000003', status: 'pending', currencyType: 'native' });
	});

	it('waits for approval above $500', async () => {
		expect((await createPayout({ ...PAYOUT, amount: '500' })).data.status).toBe('pending');
		expect((await createPayout({ ...PAYOUT, amount: '500.000001' })).data.status).toBe('pending-approval');
		expect((await createPayout({ ...PAYOUT, currencyCode: 'ETH', amount: '0.2' })).data).toMatchObject({ amountInUSD: '600', status: 'pending-approval' });
	});

	it('accepts the wider chain/currency pairs of the newest PayRam, outside the contract enums', async () => {
		const pairs: [string, string, string][] = [
			['POLYGON', 'POL', ETH_ADDRESS],
			['POLYGON', 'USDT', ETH_ADDRESS],
			['ETH', 'PYUSD', ETH_ADDRESS],
			['ETH', 'CBBTC', ETH_ADDRESS],
			['BASE', 'ETH', ETH_ADDRESS],
			['TRX', 'TRX', TRON_ADDRESS],
		];
		for (const [blockchainCode, currencyCode, toAddress] of pairs) {
			const response = await createPayout({ ...PAYOUT, blockchainCode, currencyCode, toAddress, amount: '1' });
			expect({ pair: `${blockchainCode}/${currencyCode}`, status: response.status }).toEqual({ pair: `${blockchainCode}/${currencyCode}`, status: 201 });
		}
		const pol = await createPayout({ ...PAYOUT, blockchainCode: 'POLYGON', currencyCode: 'POL', amount: '10' });
		expect(pol.data.amountInUSD).toBe('2');
		// The contract's enums lag behind: its validator rejects exactly the two enum fields.
		expect(validateSchema('Withdrawal', pol.data).errors).toEqual([
			'/currencyCode must be equal to one of the allowed values',
			'/blockchainCode must be equal to one of the allowed values',
		]);
	});

	it('rejects invalid payouts with the field-by-field 400 shape', async () => {
		const cases: [Record<string, unknown>, string, string][] = [
			[{ ...PAYOUT, amount: 250.75 }, 'amount', 'must be a decimal string'],
			[{ ...PAYOUT, amount: '1e3' }, 'amount', 'must be a decimal string'],
			[{ ...PAYOUT, amount: '0.00' }, 'amount', 'must be greater than 0'],
			[{ ...PAYOUT, email: 'nope' }, 'email', 'must be a valid email address'],
			[{ ...PAYOUT, blockchainCode: 'BTC' }, 'blockchainCode', 'must be one of ETH, BASE, POLYGON, TRX'],
			[{ ...PAYOUT, blockchainCode: 'TRX', currencyCode: 'USDC', toAddress: TRON_ADDRESS }, 'currencyCode', 'must be one of TRX, USDT on TRX'],
			[{ ...PAYOUT, toAddress: TRON_ADDRESS }, 'toAddress', 'is not a valid ETH address'],
			[{ ...PAYOUT, toAddress: undefined }, 'toAddress', 'is required'],
			[{ ...PAYOUT, customerID: 12 }, 'customerID', 'must be a string'],
		];
		for (const [body, field, message] of cases) {
			const response = await createPayout(body);
			expect({ status: response.status, body: response.data }).toEqual({
				status: 400,
				body: { error: 'Validation failed', message: 'Invalid request data', fields: { [field]: message } },
			});
			expectContractResponse(response);
		}
		const malformed = await createPayout('{"amount":', { 'Content-Type': 'application/json' });
		expect(malformed.status).toBe(400);
		expect(malformed.data.error.code).toBe('BAD_REQUEST');
		expectContractResponse(malformed);
		expect(t.sim.state.payouts).toHaveLength(0);
	});

	it('matches payout keys case-insensitively', async () => {
		const response = await createPayout({ EMAIL: 'payee@example.com', BlockchainCode: 'ETH', currencycode: 'USDT', Amount: '3', toaddress: ETH_ADDRESS });
		expect(response.status).toBe(201);
		expect(response.data.currencyCode).toBe('USDT');
	});

	it('answers a repeated Idempotency-Key with 409 and creates only one payout', async () => {
		const first = await createPayout(PAYOUT, { 'Idempotency-Key': 'payout-7' });
		const second = await createPayout(PAYOUT, { 'idempotency-key': 'payout-7' });
		expect(first.status).toBe(201);
		expect(second.status).toBe(409);
		expect(second.data).toEqual({ error: { code: 'DUPLICATE_REQUEST', message: 'A payout with this Idempotency-Key was already accepted' } });
		// 409 is not in the contract; the body still has the contract's error-object shape.
		expect(validateResponse('POST', '/api/v1/withdrawal/merchant', 409, second.data).valid).toBe(false);
		expect(validateSchema('PayramErrorResponse', second.data).errors).toEqual([]);
		expect(t.sim.state.payouts).toHaveLength(1);
		expect((await t.api.get('/api/v1/withdrawal/merchant')).data).toHaveLength(1);
		expect((await createPayout(PAYOUT, { 'Idempotency-Key': 'payout-8' })).status).toBe(201);
	});

	it('accepts the same Idempotency-Key again after the window', async () => {
		const short = await startTestSimulator({ idempotencyWindowMs: 40 });
		try {
			const send = () => short.api.post('/api/v1/withdrawal/merchant', PAYOUT, { headers: { 'Idempotency-Key': 'k' } });
			expect((await send()).status).toBe(201);
			await new Promise((resolve) => setTimeout(resolve, 60));
			expect((await send()).status).toBe(201);
		} finally {
			await short.sim.close();
		}
	});

	it('answers 400 for a non-integer id, 404 for an unknown one, 401 without the key', async () => {
		for (const id of ['abc', '1.5', '-1']) {
			const response = await t.api.get(`/api/v1/withdrawal/${id}/merchant`);
			expect(response.status).toBe(400);
			expect(response.data).toEqual({ error: { code: 'BAD_REQUEST', message: 'invalid withdrawal id' } });
			expectContractResponse(response);
		}
		const unknown = await t.api.get('/api/v1/withdrawal/99/merchant');
		expect(unknown.status).toBe(404);
		expect(unknown.data).toEqual({ message: 'Payout not found' });
		expectContractResponse(unknown);

		const unauthorized = await t.anonymous.get('/api/v1/withdrawal/1/merchant');
		expect(unauthorized.status).toBe(401);
		expect(unauthorized.data).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Invalid or missing API key' } });
		expectContractResponse(unauthorized);
		const unauthorizedCreate = await t.anonymous.post('/api/v1/withdrawal/merchant', PAYOUT);
		expectContractResponse(unauthorizedCreate);
	});

	it('lists payouts as a bare array with limit, offset, order and sortBy', async () => {
		for (const amount of ['30', '10', '20']) await createPayout({ ...PAYOUT, amount });
		const list = async (query: string) => (await t.api.get(`/api/v1/withdrawal/merchant${query}`)).data as { id: number }[];
		const all = await t.api.get('/api/v1/withdrawal/merchant');
		expect(Array.isArray(all.data)).toBe(true);
		for (const item of all.data) expect(validateSchema('Withdrawal', item).errors).toEqual([]);
		expect((await list('?order=DESC&sortBy=id')).map((p) => p.id)).toEqual([3, 2, 1]);
		expect((await list('?order=ASC&sortBy=amount')).map((p) => p.id)).toEqual([2, 3, 1]);
		expect((await list('?order=ASC&sortBy=id&limit=1&offset=1')).map((p) => p.id)).toEqual([2]);
		expect(await list('?limit=500')).toHaveLength(3);
		expect((await list('?status=pending&blockchainCode=TRX'))).toEqual([]);
		for (const bad of ['?limit=abc', '?limit=0', '?offset=-1', '?order=UP', '?sortBy=email']) {
			expect((await t.api.get(`/api/v1/withdrawal/merchant${bad}`)).status).toBe(400);
		}
	});

	it('caps the page at 100 and defaults to 10', async () => {
		for (let i = 0; i < 105; i++) await createPayout({ ...PAYOUT, amount: '1' });
		expect((await t.api.get('/api/v1/withdrawal/merchant')).data).toHaveLength(10);
		expect((await t.api.get('/api/v1/withdrawal/merchant?limit=1000')).data).toHaveLength(100);
	});

	it('answers {data, total} when configured with the envelope', async () => {
		const enveloped = await startTestSimulator({ payoutListEnvelope: true });
		try {
			await enveloped.api.post('/api/v1/withdrawal/merchant', PAYOUT);
			const response = await enveloped.api.get('/api/v1/withdrawal/merchant');
			expect(response.data).toMatchObject({ total: 1, data: [{ id: 1, amount: '250.75' }] });
		} finally {
			await enveloped.sim.close();
		}
	});

	it('moves a payout through its statuses with setPayoutStatus', async () => {
		await createPayout(PAYOUT);
		await t.sim.setPayoutStatus(1, 'sent');
		const sent = (await t.api.get('/api/v1/withdrawal/1/merchant')).data;
		expect(sent).toMatchObject({ status: 'sent', txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/), blockNumber: expect.any(Number) });
		expect(validateSchema('Withdrawal', sent).errors).toEqual([]);
		await expect(t.sim.setPayoutStatus(1, 'exploded')).rejects.toThrow(/status must be one of/);
		await expect(t.sim.setPayoutStatus(42, 'sent')).rejects.toThrow(/unknown payout 42/);
	});
});
