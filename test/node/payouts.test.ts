// PayRam node → Payout (Create, Get, Get Many), run in n8n's execution engine against the PayRam simulator.
import type { IDataObject } from 'n8n-workflow';

import { loadWorkflowFixture } from '../../testing/engine/run-workflow';
import { validateRequest, validateResponse } from '../simulator/contracts';
import { withdrawalRecord } from '../simulator/payouts';
import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { jsonOf, requestsSince, run, seedPayouts, withItems } from './referral-payout.helpers';

let sim: PayRamSimulator;

beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

const WALLET = '0x1111111111111111111111111111111111111111';
const CREATE_PATH = '/api/v1/withdrawal/merchant';

/** One payout item for payout-create.json. */
function payoutItem(overrides: IDataObject = {}): IDataObject {
	return {
		email: 'affiliate@example.com',
		chain: 'ETH',
		currency: 'USDC',
		amount: '250.75',
		wallet: WALLET,
		customerId: 'cust-42',
		phone: '+15551234567',
		address: '1 Main St, Springfield',
		...overrides,
	};
}

const creates = () => sim.requests.filter((request) => request.method === 'POST' && request.path === CREATE_PATH);

describe('Payout → Create', () => {
	it("sends every field under PayRam's key names, the amount as a string, valid against the contract", async () => {
		const result = await run(sim, 'payout-create.json');

		expect(result.error).toBeUndefined();
		expect(sim.requests).toHaveLength(1);
		const [request] = sim.requests;
		expect(`${request.method} ${request.path}`).toBe(`POST ${CREATE_PATH}`);
		expect(request.headers['api-key']).toBe(sim.apiKey);
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.rawBody).toBe(
			'{"email":"affiliate@example.com","blockchainCode":"ETH","currencyCode":"USDC","amount":"250.75",' +
				`"toAddress":"${WALLET}","customerID":"cust-42","mobileNumber":"+15551234567",` +
				'"residentialAddress":"1 Main St, Springfield"}',
		);
		const body = JSON.parse(request.rawBody) as IDataObject;
		expect(validateRequest('createMerchantWithdrawal', body)).toEqual({ valid: true, errors: [] });
	});

	it('outputs PayRam\'s payout record with the exact amount and the Idempotency-Key it sent', async () => {
		const result = await run(sim, 'payout-create.json');

		const key = sim.requests[0].headers['idempotency-key'];
		expect(key).toMatch(/^n8n-[0-9a-f]{40}$/);
		const [payout] = sim.state.payouts;
		expect(result.output('Create Payout')).toEqual([
			{ json: { ...withdrawalRecord(payout), idempotencyKey: key }, pairedItem: { item: 0 } },
		]);
		expect(jsonOf(result, 'Create Payout')[0]).toMatchObject({
			id: 1,
			status: 'pending',
			amount: '250.75',
			amountInUSD: '250.75',
			currencyCode: 'USDC',
			blockchainCode: 'ETH',
			toAddress: WALLET,
			recipientEmail: 'affiliate@example.com',
			txHash: null,
			createdBy: 'merchant_api',
			attributes: '{"customerID":"cust-42","mobileNumber":"+15551234567","residentialAddress":"1 Main St, Springfield"}',
		});
		const { idempotencyKey, ...record } = jsonOf(result, 'Create Payout')[0];
		expect(idempotencyKey).toBe(key);
		expect(validateResponse('POST', CREATE_PATH, 201, record)).toEqual({ valid: true, errors: [] });
	});

	it('leaves out optional fields that are empty', async () => {
		await run(sim, withItems('payout-create.json', [payoutItem({ customerId: '', phone: '  ', address: undefined })]));

		expect(sim.requests[0].rawBody).toBe(
			'{"email":"affiliate@example.com","blockchainCode":"ETH","currencyCode":"USDC","amount":"250.75",' +
				`"toAddress":"${WALLET}"}`,
		);
	});

	it('derives the same Idempotency-Key for the same details and a different one for different details', async () => {
		await run(sim, 'payout-create.json');
		const first = sim.requests[0].headers['idempotency-key'];
		sim.reset();
		await run(sim, 'payout-create.json');
		const again = sim.requests[0].headers['idempotency-key'];
		sim.reset();
		await run(sim, withItems('payout-create.json', [payoutItem({ amount: '250.76' }), payoutItem({ customerId: 'cust-43' })]));
		const others = sim.requests.map((request) => request.headers['idempotency-key']);

		expect(again).toBe(first);
		expect(others).toHaveLength(2);
		expect(new Set([first, ...others]).size).toBe(3);
	});

	it('answers pending up to $500 and pending-approval above, echoing each amount string exactly', async () => {
		const result = await run(
			sim,
			withItems('payout-create.json', [
				payoutItem({ amount: '500' }),
				payoutItem({ amount: '500.01' }),
				payoutItem({ amount: '500.000000', wallet: '0x2222222222222222222222222222222222222222' }),
				payoutItem({ currency: 'ETH', amount: '0.1' }),
				payoutItem({ currency: 'ETH', amount: '0.2' }),
				payoutItem({ amount: '0.1000000000000000001' }),
			]),
		);

		expect(result.error).toBeUndefined();
		expect(jsonOf(result, 'Create Payout').map(({ amount, amountInUSD, status }) => ({ amount, amountInUSD, status }))).toEqual([
			{ amount: '500', amountInUSD: '500', status: 'pending' },
			{ amount: '500.01', amountInUSD: '500.01', status: 'pending-approval' },
			{ amount: '500.000000', amountInUSD: '500.000000', status: 'pending' },
			{ amount: '0.1', amountInUSD: '300', status: 'pending' },
			{ amount: '0.2', amountInUSD: '600', status: 'pending-approval' },
			{ amount: '0.1000000000000000001', amountInUSD: '0.1000000000000000001', status: 'pending' },
		]);
		expect(creates().map((request) => (JSON.parse(request.rawBody) as IDataObject).amount)).toEqual([
			'500',
			'500.01',
			'500.000000',
			'0.1',
			'0.2',
			'0.1000000000000000001',
		]);
		expect(result.output('Create Payout').map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
	});

	it("refuses to pay twice: running the same workflow again fails with the node's 409 message", async () => {
		const first = await run(sim, 'payout-create.json');
		const second = await run(sim, 'payout-create.json');

		const key = jsonOf(first, 'Create Payout')[0].idempotencyKey as string;
		expect(second.nodeError('Create Payout')).toMatchObject({
			name: 'NodeApiError',
			httpCode: '409',
			message: `PayRam: A payout with Idempotency-Key "${key}" was already accepted in the last 5 minutes, so it was not paid twice (HTTP 409, code DUPLICATE_REQUEST)`,
			description: `POST ${CREATE_PATH}. PayRam said: A payout with this Idempotency-Key was already accepted.`,
		});
		expect(creates().map((request) => request.headers['idempotency-key'])).toEqual([key, key]);
		expect(sim.state.payouts).toHaveLength(1);
	});

	it('pays the same details twice when the builder sets a different Idempotency Key', async () => {
		const item = { email: 'affiliate@example.com', amount: '20', wallet: '0x2222222222222222222222222222222222222222' };
		const first = await run(sim, withItems('payout-create-order-key.json', [{ ...item, orderId: 'order-1001' }]));
		const second = await run(sim, withItems('payout-create-order-key.json', [{ ...item, orderId: 'order-1002' }]));
		const repeat = await run(sim, withItems('payout-create-order-key.json', [{ ...item, orderId: 'order-1001' }]));

		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(creates().map((request) => request.headers['idempotency-key'])).toEqual(['order-1001', 'order-1002', 'order-1001']);
		expect(jsonOf(first, 'Create Payout')[0]).toMatchObject({ id: 1, amount: '20', idempotencyKey: 'order-1001' });
		expect(jsonOf(second, 'Create Payout')[0]).toMatchObject({ id: 2, amount: '20', idempotencyKey: 'order-1002' });
		expect(repeat.nodeError('Create Payout')?.message).toBe(
			'PayRam: A payout with Idempotency-Key "order-1001" was already accepted in the last 5 minutes, so it was not paid twice (HTTP 409, code DUPLICATE_REQUEST)',
		);
		expect(sim.state.payouts).toHaveLength(2);
	});

	it('pays pairs PayRam supports beyond the contract\'s narrow enums (Polygon POL, Base ETH)', async () => {
		const result = await run(
			sim,
			withItems('payout-create.json', [payoutItem({ chain: 'POLYGON', currency: 'POL', amount: '100' }), payoutItem({ chain: 'BASE', currency: 'ETH', amount: '0.01' })]),
		);

		expect(result.error).toBeUndefined();
		expect(jsonOf(result, 'Create Payout').map(({ blockchainCode, currencyCode, amount, amountInUSD }) => ({ blockchainCode, currencyCode, amount, amountInUSD }))).toEqual([
			{ blockchainCode: 'POLYGON', currencyCode: 'POL', amount: '100', amountInUSD: '20' },
			{ blockchainCode: 'BASE', currencyCode: 'ETH', amount: '0.01', amountInUSD: '30' },
		]);
	});

	it.each([
		[{ chain: 'TRX', currency: 'USDC' }, 'PayRam cannot pay out USDC on TRX. On TRX use one of: TRX, USDT'],
		[{ chain: 'ETH', currency: 'POL' }, 'PayRam cannot pay out POL on ETH. On ETH use one of: ETH, USDC, USDT, CBBTC, PYUSD'],
		[{ chain: 'BTC', currency: 'USDC' }, 'PayRam cannot pay out on "BTC". Use one of: ETH, BASE, POLYGON, TRX'],
		[{ amount: '-5' }, 'Amount must be a decimal number greater than 0, like 49.99 (got "-5")'],
		[{ amount: 'abc' }, 'Amount must be a decimal number greater than 0, like 49.99 (got "abc")'],
		[{ amount: '0' }, 'Amount must be a decimal number greater than 0, like 49.99 (got "0")'],
		[{ amount: '0.000' }, 'Amount must be a decimal number greater than 0, like 49.99 (got "0.000")'],
		[{ amount: '1e3' }, 'Amount must be a decimal number greater than 0, like 49.99 (got "1e3")'],
		[{ amount: '' }, 'Amount is empty'],
		[{ email: 'affiliate@example' }, 'Recipient Email "affiliate@example" is not a valid email address'],
		[{ wallet: '' }, 'Destination Address is empty'],
	])('refuses %j before sending anything', async (overrides, message) => {
		const result = await run(sim, withItems('payout-create.json', [payoutItem(overrides)]));

		expect(result.nodeError('Create Payout')).toMatchObject({ name: 'NodeOperationError', message });
		expect(result.error?.message).toBe(message);
		expect(sim.requests).toHaveLength(0);
		expect(sim.state.payouts).toHaveLength(0);
	});
});

describe('Payout → Create, known bugs', () => {
	// The Additional Fields are read with `typeof value === 'string'`, but an expression such as
	// {{ $json.customerId }} gives a number when the item holds one (n8n does not coerce it).
	it('sends a Customer ID and Mobile Number mapped from numbers instead of dropping them', async () => {
		const result = await run(sim, withItems('payout-create.json', [payoutItem({ customerId: 42, phone: 15551234567 })]));

		expect(result.error).toBeUndefined();
		expect(sim.requests[0].rawBody).toBe(
			'{"email":"affiliate@example.com","blockchainCode":"ETH","currencyCode":"USDC","amount":"250.75",' +
				`"toAddress":"${WALLET}","customerID":"42","mobileNumber":"15551234567",` +
				'"residentialAddress":"1 Main St, Springfield"}',
		);
	});

	it('uses a numeric Idempotency Key mapped from the item (order IDs 1001, 1002) instead of ignoring it', async () => {
		const item = { email: 'affiliate@example.com', amount: '20', wallet: '0x2222222222222222222222222222222222222222' };
		const result = await run(sim, withItems('payout-create-order-key.json', [{ ...item, orderId: 1001 }, { ...item, orderId: 1002 }]));

		expect(result.error).toBeUndefined();
		expect(creates().map((request) => request.headers['idempotency-key'])).toEqual(['1001', '1002']);
		expect(jsonOf(result, 'Create Payout').map((payout) => payout.idempotencyKey)).toEqual(['1001', '1002']);
		expect(sim.state.payouts).toHaveLength(2);
	});

	// The node's email check (anything@anything.anything) lets through addresses PayRam and the
	// contract (format: email) refuse, so they reach PayRam and come back as a 400.
	it.each(['affiliate@example..com', '.affiliate@example.com', 'affiliate@exa_mple.com'])(
		'refuses the recipient email %j, which PayRam refuses, before sending anything',
		async (email) => {
			const result = await run(sim, withItems('payout-create.json', [payoutItem({ email })]));

			expect(result.nodeError('Create Payout')).toMatchObject({
				name: 'NodeOperationError',
				message: `Recipient Email "${email}" is not a valid email address`,
			});
			expect(sim.requests).toHaveLength(0);
		},
	);
});

describe('Payout → Create, refused by PayRam', () => {
	it('names the refused field when PayRam answers 400 (an address not valid on the chain)', async () => {
		const result = await run(sim, withItems('payout-create.json', [payoutItem({ wallet: '0x123' })]));

		expect(result.nodeError('Create Payout')).toMatchObject({
			name: 'NodeApiError',
			httpCode: '400',
			message: 'PayRam: Invalid request data: toAddress: is not a valid ETH address (HTTP 400)',
			description: `POST ${CREATE_PATH}. toAddress: is not a valid ETH address.`,
		});
		expect(sim.requests).toHaveLength(1);
		expect(sim.state.payouts).toHaveLength(0);
	});
});

describe('Payout → Get', () => {
	it('reads a payout by ID', async () => {
		await seedPayouts(sim, ['10', '20.50']);
		await sim.setPayoutStatus(2, 'sent');
		const before = sim.requests.length;
		const result = await run(sim, withItems('payout-get.json', [{ payoutId: '2' }, { payoutId: '1' }]));

		expect(result.error).toBeUndefined();
		expect(result.output('Get Payout')).toEqual([
			{ json: withdrawalRecord(sim.state.payouts[1]), pairedItem: { item: 0 } },
			{ json: withdrawalRecord(sim.state.payouts[0]), pairedItem: { item: 1 } },
		]);
		const [sent, pending] = jsonOf(result, 'Get Payout');
		expect(sent).toMatchObject({ id: 2, status: 'sent', amount: '20.50', txHash: sim.state.payouts[1].txHash });
		expect(sent.txHash).toMatch(/^0x[0-9a-f]{64}$/);
		expect(pending).toMatchObject({ id: 1, status: 'pending', amount: '10', txHash: null });
		expect(validateResponse('GET', '/api/v1/withdrawal/2/merchant', 200, sent)).toEqual({ valid: true, errors: [] });
		expect(requestsSince(sim, before).map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /api/v1/withdrawal/2/merchant',
			'GET /api/v1/withdrawal/1/merchant',
		]);
	});

	it('fails with "No payout with ID 999 in this PayRam project" on a 404', async () => {
		await seedPayouts(sim, ['10']);
		const result = await run(sim, withItems('payout-get.json', [{ payoutId: '999' }]));

		expect(result.nodeError('Get Payout')).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			message: 'PayRam: No payout with ID 999 in this PayRam project (HTTP 404)',
			description: 'GET /api/v1/withdrawal/999/merchant. PayRam said: Payout not found.',
		});
		// A 404 is an answer, not a hiccup: asked once.
		expect(sim.requests.filter((request) => request.path === '/api/v1/withdrawal/999/merchant')).toHaveLength(1);
	});

	it.each(['abc', '12a', '-1', '1.5', '0x10'])('refuses the payout ID %j before sending anything', async (payoutId) => {
		const result = await run(sim, withItems('payout-get.json', [{ payoutId }]));

		expect(result.nodeError('Get Payout')).toMatchObject({
			name: 'NodeOperationError',
			message: `Payout ID must be a whole number (got "${payoutId}")`,
		});
		expect(sim.requests).toHaveLength(0);
	});

	it('refuses an empty payout ID before sending anything', async () => {
		const result = await run(sim, withItems('payout-get.json', [{ payoutId: '' }]));

		expect(result.nodeError('Get Payout')).toMatchObject({ name: 'NodeOperationError', message: 'Payout is empty' });
		expect(sim.requests).toHaveLength(0);
	});
});

/** The amounts of the payouts the simulator holds, as PayRam would order them. */
function idsSortedBy(key: 'amount' | 'id', order: 'ASC' | 'DESC'): number[] {
	const sorted = [...sim.state.payouts].sort((a, b) => {
		const byKey = key === 'amount' ? Number(a.amount) - Number(b.amount) : a.id - b.id;
		return byKey || a.id - b.id;
	});
	const ids = sorted.map((payout) => payout.id);
	return order === 'ASC' ? ids : ids.reverse();
}

const listRequests = (from: number) =>
	requestsSince(sim, from).filter((request) => request.method === 'GET' && request.path === CREATE_PATH);

describe('Payout → Get Many', () => {
	const AMOUNTS = ['40', '7.5', '300', '0.25', '12', '99.99', '1', '55'];

	it('returns Limit payouts (5), sorted and ordered as chosen, in one request', async () => {
		await seedPayouts(sim, AMOUNTS);
		const before = sim.requests.length;
		const result = await run(sim, 'payout-get-many.json');

		expect(result.error).toBeUndefined();
		const payouts = jsonOf(result, 'Get Payouts');
		expect(payouts).toHaveLength(5);
		expect(payouts.map((payout) => payout.id)).toEqual(idsSortedBy('amount', 'ASC').slice(0, 5));
		expect(payouts.map((payout) => payout.amount)).toEqual(['0.25', '1', '7.5', '12', '40']);
		expect(result.output('Get Payouts').every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(listRequests(before).map((request) => request.query)).toEqual([{ limit: '5', offset: '0', order: 'ASC', sortBy: 'amount' }]);
	});

	it('sends PayRam\'s defaults (DESC by createdAt) and the Offset option when set', async () => {
		await seedPayouts(sim, AMOUNTS);
		const defaults = loadWorkflowFixture('payout-get-many.json');
		defaults.nodes[1].parameters.options = {};
		const withOffset = loadWorkflowFixture('payout-get-many.json');
		withOffset.nodes[1].parameters.options = { offset: 2, sortBy: 'id', order: 'DESC' };
		const before = sim.requests.length;
		const plain = await run(sim, defaults);
		const skipped = await run(sim, withOffset);

		expect(jsonOf(plain, 'Get Payouts').map((payout) => payout.id)).toEqual([8, 7, 6, 5, 4]);
		expect(jsonOf(skipped, 'Get Payouts').map((payout) => payout.id)).toEqual([6, 5, 4, 3, 2]);
		expect(listRequests(before).map((request) => request.query)).toEqual([
			{ limit: '5', offset: '0', order: 'DESC', sortBy: 'createdAt' },
			{ limit: '5', offset: '2', order: 'DESC', sortBy: 'id' },
		]);
	});

	it('returns all 250 payouts with Return All, fetched in pages of 100', async () => {
		await seedPayouts(sim, Array.from({ length: 250 }, (_, index) => String(index + 1)));
		const before = sim.requests.length;
		const result = await run(sim, 'payout-get-all.json');

		expect(result.error).toBeUndefined();
		const payouts = jsonOf(result, 'Get Payouts');
		expect(payouts).toHaveLength(250);
		expect(payouts.map((payout) => payout.id)).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
		expect(payouts[249]).toEqual(withdrawalRecord(sim.state.payouts[249]));
		expect(listRequests(before).map((request) => request.query)).toEqual([
			{ limit: '100', offset: '0', order: 'ASC', sortBy: 'id' },
			{ limit: '100', offset: '100', order: 'ASC', sortBy: 'id' },
			{ limit: '100', offset: '200', order: 'ASC', sortBy: 'id' },
		]);
	});

	it('stops after an empty page when the total is a multiple of 100', async () => {
		await seedPayouts(sim, Array.from({ length: 100 }, (_, index) => String(index + 1)));
		const before = sim.requests.length;
		const result = await run(sim, 'payout-get-all.json');

		expect(jsonOf(result, 'Get Payouts')).toHaveLength(100);
		expect(listRequests(before).map((request) => request.query.offset)).toEqual(['0', '100']);
	});

	it('outputs nothing, without failing, when there are no payouts', async () => {
		const result = await run(sim, 'payout-get-many.json');

		expect(result.error).toBeUndefined();
		expect(result.output('Get Payouts')).toEqual([]);
	});

	describe('when PayRam wraps the list as {data, total}', () => {
		let envelopeSim: PayRamSimulator;

		beforeAll(async () => {
			envelopeSim = await startSimulator({ port: 0, payoutListEnvelope: true });
		});
		afterAll(async () => envelopeSim.close());
		beforeEach(() => envelopeSim.reset());

		it('reads the payouts from data with a Limit', async () => {
			await seedPayouts(envelopeSim, AMOUNTS);
			const before = envelopeSim.requests.length;
			const result = await run(envelopeSim, 'payout-get-many.json');

			expect(result.error).toBeUndefined();
			expect(jsonOf(result, 'Get Payouts').map((payout) => payout.amount)).toEqual(['0.25', '1', '7.5', '12', '40']);
			expect(envelopeSim.requests.slice(before).map((request) => request.query)).toEqual([
				{ limit: '5', offset: '0', order: 'ASC', sortBy: 'amount' },
			]);
		});

		it('pages through data with Return All', async () => {
			await seedPayouts(envelopeSim, Array.from({ length: 250 }, (_, index) => String(index + 1)));
			const before = envelopeSim.requests.length;
			const result = await run(envelopeSim, 'payout-get-all.json');

			const payouts = jsonOf(result, 'Get Payouts');
			expect(payouts).toHaveLength(250);
			expect(payouts.map((payout) => payout.id)).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
			expect(payouts.some((payout) => 'data' in payout || 'total' in payout)).toBe(false);
			expect(envelopeSim.requests.slice(before).map((request) => request.query.offset)).toEqual(['0', '100', '200']);
		});
	});
});
