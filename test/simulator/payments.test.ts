import { validateResponse } from './contracts';
import { CUSTOMER, expectContractResponse, expectValidRequest, startTestSimulator, type TestSimulator } from './testkit';

describe('payments API', () => {
	let t: TestSimulator;

	beforeAll(async () => {
		t = await startTestSimulator();
	});
	afterAll(() => t.sim.close());
	beforeEach(() => t.sim.reset());

	async function createPayment(body: unknown, headers: Record<string, string> = {}) {
		return t.api.post('/api/v1/payment', body, { headers });
	}

	it('creates a payment link and reads it back in camelCase', async () => {
		const body = { ...CUSTOMER, amountInUSD: 49.99, invoiceID: 'inv-42' };
		expectValidRequest('initiatePayment', body);
		const created = await createPayment(body);
		expect(created.status).toBe(200);
		expectContractResponse(created);
		const reference = created.data.reference_id as string;
		expect(reference).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(created.data.url).toBe(`${t.sim.url}/checkout/${reference}`);
		expect(created.data.host).toBe(new URL(t.sim.url).host);

		const read = await t.api.get(`/api/v1/payment/reference/${encodeURIComponent(reference)}`);
		expect(read.status).toBe(200);
		expectContractResponse(read);
		expect(read.data).toMatchObject({
			referenceID: reference,
			invoiceID: 'inv-42',
			customerID: CUSTOMER.customerId,
			amountInUSD: '49.99',
			filledAmount: null,
			filledAmountInUSD: null,
			paymentState: 'OPEN',
			depositAddress: null,
			currencySymbol: null,
			blockchainSymbol: null,
		});
		expect(new Date(read.data.createdAt).toISOString()).toBe(read.data.createdAt);
	});

	it('keeps the amount literal exactly as sent', async () => {
		for (const literal of ['49.990', '0.1000000000000000001']) {
			const created = await createPayment(`{"customerEmail":"a@example.com","customerId":"c-${literal}","amountInUSD":${literal}}`, {
				'Content-Type': 'application/json',
			});
			expect(created.status).toBe(200);
			const read = await t.api.get(`/api/v1/payment/reference/${created.data.reference_id}`);
			expect(read.data.amountInUSD).toBe(literal);
		}
	});

	it('matches request keys case-insensitively but not snake_case', async () => {
		for (const key of ['customerId', 'customerID', 'CUSTOMERID']) {
			const created = await createPayment({ customerEmail: 'a@example.com', [key]: `c-${key}`, AMOUNTINUSD: 5 });
			expect(created.status).toBe(200);
			const read = await t.api.get(`/api/v1/payment/reference/${created.data.reference_id}`);
			expect(read.data.customerID).toBe(`c-${key}`);
		}
		const snake = await createPayment({ customer_email: 'a@example.com', customer_id: 'c', amount_in_usd: 5 });
		expect(snake.status).toBe(400);
		expectContractResponse(snake);
	});

	it('answers {} with 400 when the key is good and 401 when it is not (the side-effect-free key check)', async () => {
		const good = await createPayment({});
		expect(good.status).toBe(400);
		expect(good.data).toMatchObject({ code: 3, message: expect.stringMatching(/^The request is invalid\. /) });
		expectContractResponse(good);

		const missing = await t.anonymous.post('/api/v1/payment', {});
		const wrong = await t.anonymous.post('/api/v1/payment', {}, { headers: { 'api-key': 'nope' } });
		for (const response of [missing, wrong]) {
			expect(response.status).toBe(401);
			expect(response.data).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Unauthorised access!' } });
			expectContractResponse(response);
		}
		expect(t.sim.state.payments.size).toBe(0);
	});

	it('accepts the API-Key header in any case', async () => {
		const response = await t.anonymous.post('/api/v1/payment', { ...CUSTOMER, amountInUSD: 1 }, { headers: { 'API-KEY': t.sim.apiKey } });
		expect(response.status).toBe(200);
	});

	it('rejects invalid bodies with flat code 3 errors', async () => {
		const cases: [unknown, string][] = [
			[{ ...CUSTOMER, amountInUSD: 0 }, 'The request is invalid. Amount should be greater than 0.'],
			[{ ...CUSTOMER, amountInUSD: -3 }, 'The request is invalid. Amount should be greater than 0.'],
			[{ ...CUSTOMER, amountInUSD: '10' }, 'The request is invalid. amountInUSD must be a number.'],
			[{ ...CUSTOMER, customerEmail: 'not-an-email', amountInUSD: 1 }, 'The request is invalid. customerEmail must be a valid email address.'],
			[{ customerEmail: 'a@example.com', customerId: '', amountInUSD: 1 }, 'The request is invalid. customerId is required and must be a non-empty string.'],
			[{ customerEmail: 'a@example.com', customerId: 7, amountInUSD: 1 }, 'The request is invalid. customerId is required and must be a non-empty string.'],
		];
		for (const [body, message] of cases) {
			const response = await createPayment(body);
			expect({ status: response.status, body: response.data }).toEqual({ status: 400, body: { code: 3, message } });
			expectContractResponse(response);
		}
		const malformed = await createPayment('{"customerEmail":', { 'Content-Type': 'application/json' });
		expect(malformed.status).toBe(400);
		expect(malformed.data.code).toBe(3);
		expectContractResponse(malformed);
		expect(t.sim.state.payments.size).toBe(0);
	});

	it('answers 404 when an Authorization header turns the call into a dashboard login', async () => {
		const response = await createPayment({ ...CUSTOMER, amountInUSD: 10 }, { Authorization: `Bearer ${t.sim.apiKey}` });
		expect(response.status).toBe(404);
		expectContractResponse(response);
		expect(t.sim.state.payments.size).toBe(0);
	});

	it("cancels the customer's older OPEN payments but no one else's", async () => {
		const first = await createPayment({ ...CUSTOMER, amountInUSD: 10 });
		const other = await createPayment({ customerEmail: 'bob@example.com', customerId: 'cust_2002', amountInUSD: 10 });
		const second = await createPayment({ ...CUSTOMER, amountInUSD: 20 });
		const state = async (response: typeof first) =>
			(await t.api.get(`/api/v1/payment/reference/${response.data.reference_id}`)).data.paymentState;
		expect(await state(first)).toBe('CANCELLED');
		expect(await state(other)).toBe('OPEN');
		expect(await state(second)).toBe('OPEN');
	});

	it('answers an unknown reference with 401, not 404', async () => {
		const response = await t.api.get('/api/v1/payment/reference/00000000-0000-4000-8000-000000000000');
		expect(response.status).toBe(401);
		expect(response.data).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Unauthorised access!' } });
		expectContractResponse(response);
	});

	it('needs the key to read a payment', async () => {
		const created = await createPayment({ ...CUSTOMER, amountInUSD: 10 });
		const response = await t.anonymous.get(`/api/v1/payment/reference/${created.data.reference_id}`);
		expect(response.status).toBe(401);
	});

	it('shows the paid state, amounts as strings and the chosen network after pay()', async () => {
		const created = await createPayment({ ...CUSTOMER, amountInUSD: 100 });
		const reference = created.data.reference_id as string;
		await t.sim.pay(reference, { state: 'PARTIALLY_FILLED', amountUsd: '40', currency: 'ETH', network: 'ETH' });
		const read = await t.api.get(`/api/v1/payment/reference/${reference}`);
		expectContractResponse(read);
		expect(read.data).toMatchObject({
			paymentState: 'PARTIALLY_FILLED',
			filledAmountInUSD: '40',
			filledAmount: '0.013333333333333333',
			currencySymbol: 'ETH',
			blockchainSymbol: 'ETH',
			depositAddress: expect.stringMatching(/^0x[0-9a-f]{40}$/),
		});
		await t.sim.pay(reference, { state: 'FILLED' });
		const filled = (await t.api.get(`/api/v1/payment/reference/${reference}`)).data;
		expect(filled).toMatchObject({ paymentState: 'FILLED', filledAmountInUSD: '100', currencySymbol: 'ETH' });
		expect(filled.explorerTransaction).toMatch(/^https:\/\/etherscan\.io\/tx\/0x[0-9a-f]{64}$/);
		await expect(t.sim.pay(reference, { state: 'OVER_FILLED' })).rejects.toThrow(/FILLED and cannot be paid/);
	});

	it('reads an OPEN payment older than the expiry as CANCELLED, which cannot be paid', async () => {
		const short = await startTestSimulator({ paymentExpiryMs: 50 });
		try {
			const created = await short.api.post('/api/v1/payment', { ...CUSTOMER, amountInUSD: 10 });
			await new Promise((resolve) => setTimeout(resolve, 80));
			const read = await short.api.get(`/api/v1/payment/reference/${created.data.reference_id}`);
			expect(read.data.paymentState).toBe('CANCELLED');
			await expect(short.sim.pay(created.data.reference_id, { state: 'FILLED' })).rejects.toThrow(/CANCELLED/);
		} finally {
			await short.sim.close();
		}
	});

	it('answers code 5 with HTTP 200 or 500 when the project setup is incomplete', async () => {
		for (const status of [200, 500] as const) {
			t.sim.setFaults({ code5: { status } });
			const response = await createPayment({ ...CUSTOMER, amountInUSD: 10 });
			expect(response.status).toBe(status);
			expect(response.data).toEqual({ code: 5, message: 'Error occurred while creating the payment request.' });
			expect(response.data.url).toBeUndefined();
			// With 200 the body breaks the success schema (no url): that is the quirk clients must detect.
			if (status === 500) expectContractResponse(response);
			else expect(validateResponse('POST', '/api/v1/payment', status, response.data).valid).toBe(false);
		}
		// The key check still answers 400 while code 5 is on: validation comes first.
		expect((await createPayment({})).status).toBe(400);
		t.sim.setFaults({});
		expect((await createPayment({ ...CUSTOMER, amountInUSD: 10 })).status).toBe(200);
		expect(t.sim.state.payments.size).toBe(1);
	});
});
