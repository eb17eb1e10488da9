// Referral, Coupon, Payment and Program operations in n8n's execution engine against the UpPromote simulator.
import { startUpPromoteSimulator, type UpPromoteSimulator } from '../simulator/server';
import { byId, callsSince, fromList, jsonOf, NODE, runNode } from './node.helpers';

let sim: UpPromoteSimulator;

beforeAll(async () => {
	sim = await startUpPromoteSimulator();
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

describe('Referral', () => {
	it('Get reads a referral, simplified, money as the decimal strings UpPromote sends', async () => {
		const result = await runNode(sim, { resource: 'referral', operation: 'get', referralId: '880002' });
		expect(callsSince(sim)).toEqual(['GET /api/v2/referrals/880002']);
		expect(jsonOf(result)).toEqual([
			{
				id: 880002,
				order_id: 5938271234999,
				order_number: 1002,
				status: 'pending',
				total_sales: '49.99',
				commission: '5.00',
				commission_adjustment: null,
				affiliate: { id: 2029238, email: 'partner@example.com', first_name: 'Pat', last_name: 'Partner' },
				customer_email: 'second@example.com',
				coupon_applied: 'PARTNER10',
				created_at: '2025-10-06T09:15:00Z',
			},
		]);
	});

	it('Get of an unknown referral is not found; an ID that is no number is refused before sending', async () => {
		expect((await runNode(sim, { resource: 'referral', operation: 'get', referralId: '1' })).nodeError(NODE)?.message).toBe(
			'UpPromote: The record was not found (HTTP 404)',
		);
		const before = sim.requests.length;
		expect((await runNode(sim, { resource: 'referral', operation: 'get', referralId: 'ORD-1' })).nodeError(NODE)?.message).toBe(
			'Referral ID must be a whole number (got "ORD-1")',
		);
		expect(sim.requests).toHaveLength(before);
	});

	it('Get Many sends order ID, program, affiliate email and the date range', async () => {
		const result = await runNode(sim, {
			resource: 'referral',
			operation: 'getMany',
			filters: {
				orderId: '5938271234567',
				programId: fromList(29486),
				affiliateEmail: 'partner@example.com',
				fromDate: '2025-10-01T00:00:00Z',
				toDate: '2025-10-31T00:00:00Z',
			},
		});
		expect(callsSince(sim)).toEqual([
			'GET /api/v2/referrals?from_date=2025-10-01T00%3A00%3A00Z&to_date=2025-10-31T00%3A00%3A00Z&affiliate_email=partner%40example.com&order_id=5938271234567&program_id=29486&page=1&per_page=100',
		]);
		expect(jsonOf(result).map((referral) => referral.id)).toEqual([880001]);
	});

	it('Get Many refuses From Date without To Date before sending (UpPromote would answer 422)', async () => {
		const result = await runNode(sim, { resource: 'referral', operation: 'getMany', filters: { fromDate: '2025-10-01' } });
		expect(result.nodeError(NODE)).toMatchObject({ message: 'From Date needs a To Date on referrals' });
		expect(sim.requests).toHaveLength(0);
	});

	it.each([
		['-5', '{"adjustment":-5}'],
		['12.50', '{"adjustment":12.50}'],
		['-0.1000000000000000001', '{"adjustment":-0.1000000000000000001}'],
	])('Add Adjustment sends %s as a JSON number digit for digit', async (adjustment, body) => {
		const result = await runNode(sim, { resource: 'referral', operation: 'addAdjustment', referralId: '880001', adjustment, simplify: false });
		expect(callsSince(sim)).toEqual(['POST /api/v2/referral/880001/adjustment']);
		expect(sim.requests[0].rawBody).toBe(body);
		expect(jsonOf(result)[0]).toMatchObject({ id: 880001, commission_adjustment: expect.any(String) });
	});

	it('Add Adjustment refuses zero, a comma and text before sending', async () => {
		for (const adjustment of ['0', '1,5', 'five']) {
			const result = await runNode(sim, { resource: 'referral', operation: 'addAdjustment', referralId: '880001', adjustment });
			expect(result.nodeError(NODE)?.message).toBe(`Adjustment must be a number other than 0, like -5 or 12.50 (got "${adjustment}")`);
		}
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Coupon → Get Many', () => {
	it('lists coupons with their affiliate', async () => {
		const result = await runNode(sim, { resource: 'coupon', operation: 'getMany', returnAll: true });
		expect(jsonOf(result)).toEqual([
			{ id: 5101, affiliate_id: 2029238, affiliate_email: 'partner@example.com', coupon: 'PARTNER10', description: '10% off for Partner Co', created_at: '2025-10-01T10:00:00Z' },
		]);
		expect(callsSince(sim)).toEqual(['GET /api/v2/coupons?page=1&per_page=100']);
	});
});

describe('Payment', () => {
	it('Get reads a paid payment, its total exactly as sent', async () => {
		const result = await runNode(sim, { resource: 'payment', operation: 'get', paymentId: '26154' });
		expect(jsonOf(result)).toEqual([
			{
				payment_id: 26154,
				affiliate_id: 2014227,
				status: 'SUCCESS',
				affiliate_email: 'test223@gmail.com',
				total_referrals: 1,
				total_processed: '100',
				payment_method: 'debit',
				processed_at: '2025-09-24T10:52:59Z',
			},
		]);
	});

	it('Get Paid filters by payment method', async () => {
		const result = await runNode(sim, { resource: 'payment', operation: 'getPaid', returnAll: true, filters: { paymentMethod: 'debit' } });
		expect(callsSince(sim)).toEqual(['GET /api/v2/payments/paid?payment_method=debit&page=1&per_page=100']);
		expect(jsonOf(result).map((payment) => payment.payment_id)).toEqual([26154]);
	});

	it('Get Unpaid lists what each affiliate is owed, amounts exact', async () => {
		await sim.createReferral({ affiliate_id: 2029238, total_sales: '200.10', commission: '20.015', status: 'approved' });
		const result = await runNode(sim, { resource: 'payment', operation: 'getUnpaid', returnAll: true, paymentMethod: 'other' });
		expect(callsSince(sim)).toEqual(['GET /api/v2/payments/unpaid?payment_method=other&page=1&per_page=100']);
		const [row] = jsonOf(result);
		expect(row).toMatchObject({ affiliate_id: 2029238, payment_method: 'other', total_referrals: 2 });
		expect(typeof row.total_commission).toBe('string');
		expect(sim.requests.at(-1)?.status).toBe(200);
	});
});

describe('Program', () => {
	it('Get Many lists programs, simplified', async () => {
		const result = await runNode(sim, { resource: 'program', operation: 'getMany', returnAll: true, filters: { name: 'vip' } });
		expect(callsSince(sim)).toEqual(['GET /api/v2/programs?program_name=vip&page=1&per_page=100']);
		expect(jsonOf(result)).toEqual([
			{ id: 29487, name: 'VIP program', is_default: false, status: 'active', commission_type: 'flat', commission_amount: '25.00', created_at: '2025-02-01T08:00:00Z' },
		]);
	});

	it('Get reads the program picked; Get Excluded passes its products and collections through', async () => {
		const program = await runNode(sim, { resource: 'program', operation: 'get', programId: fromList(29486), simplify: false });
		expect(jsonOf(program)[0]).toMatchObject({ id: 29486, is_default: true, payment_methods: ['paypal', 'debit', 'other'] });
		const excluded = await runNode(sim, { resource: 'program', operation: 'getExcluded', programId: byId(29486) });
		expect(jsonOf(excluded)).toEqual([{ products: [], collections: [] }]);
		const unknown = await runNode(sim, { resource: 'program', operation: 'getExcluded', programId: byId(1) });
		expect(unknown.nodeError(NODE)?.message).toBe('UpPromote: The record was not found (HTTP 404)');
	});
});
