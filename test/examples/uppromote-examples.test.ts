// The cross-service examples in examples/ as a merchant imports them, run by n8n-core's engine against both simulators.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { WorkflowFixture } from '../../testing/engine/run-workflow';
import { runWorkflow } from '../../testing/engine/run-workflow';
import { startWebhookHost } from '../../testing/engine/webhook-server';
import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { startUpPromoteSimulator, type UpPromoteSimulator } from '../../packages/uppromote/test/simulator/server';

const PARTNER = 2029238;
const PARTNER_WALLET = '0x2222222222222222222222222222222222222222';
const WEEK_KEY = new RegExp(`^uppromote-${PARTNER}-\\d{4}-W\\d{2}$`);

function example(file: string): WorkflowFixture {
	return JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8')) as WorkflowFixture;
}

let payram: PayRamSimulator;
let upPromote: UpPromoteSimulator;

beforeAll(async () => {
	payram = await startSimulator({ port: 0 });
	// The mark-paid path is a guess (UpPromote does not document it): the simulator answers it only when asked to.
	upPromote = await startUpPromoteSimulator({ guessedEndpoints: true });
});
afterAll(async () => {
	await Promise.all([payram.close(), upPromote.close()]);
});
beforeEach(() => {
	payram.reset();
	upPromote.reset();
});

const credentials = () => ({
	payRamApi: { url: payram.url, apiKey: payram.apiKey, allowInsecure: true },
	upPromoteApi: { apiKey: upPromote.apiKey, baseUrl: upPromote.baseUrl },
});
const json = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json);
const markPaidCalls = () => upPromote.requests.filter((request) => request.path === '/api/v2/payments/mark-paid');

describe('examples/pay-uppromote-affiliates-in-usdc.json', () => {
	const payAffiliates = () => runWorkflow(example('pay-uppromote-affiliates-in-usdc.json'), { credentials: credentials(), startNode: 'Every Monday' });

	it('pays each unpaid commission once in USDC, reads the payout back, marks it paid; a second run of the week pays nothing', async () => {
		// A commission whose digits a float would lose: 12.00 + 10.0000000000000000001.
		await upPromote.createReferral({ affiliate_id: PARTNER, commission: '10.0000000000000000001', status: 'approved' });
		const first = await payAffiliates();
		expect(first.error).toBeUndefined();

		const [owed] = json(first.output('Get Unpaid Commissions'));
		expect(owed).toMatchObject({ affiliate_id: PARTNER, total_commission: '22.0000000000000000001', payment_method: 'other' });
		const [payout] = json(first.output('Pay in USDC'));
		expect(payout).toMatchObject({ amount: '22.0000000000000000001', currencyCode: 'USDC', blockchainCode: 'BASE', toAddress: PARTNER_WALLET, recipientEmail: 'partner@example.com', status: 'pending' });
		expect(payout.idempotencyKey).toMatch(WEEK_KEY);
		expect(json(first.output('Get Payout State'))).toEqual([expect.objectContaining({ id: payout.id, status: 'pending', amount: '22.0000000000000000001' })]);
		const [marked] = json(first.output('Mark Paid in UpPromote'));
		expect(marked).toMatchObject({ affiliate_id: PARTNER, status: 'SUCCESS', total_referrals: 2, total_processed: '22.0000000000000000001' });
		expect(first.ran('Not Paid: Check Wallet or Payout')).toBe(false);

		// What each service now holds: one payout of the exact amount with the week's key, nothing left unpaid.
		expect(payram.state.payouts.map((p) => [p.amount, p.customerId, p.toAddress])).toEqual([['22.0000000000000000001', `uppromote-${PARTNER}`, PARTNER_WALLET]]);
		expect([...payram.state.idempotencyKeys.keys()]).toEqual([payout.idempotencyKey]);
		expect(JSON.parse(markPaidCalls()[0].rawBody)).toEqual({ affiliate_id: PARTNER, referral_ids: [880001, expect.any(Number)], payment_method: 'other' });
		expect(upPromote.state.referrals.filter((referral) => referral.affiliateId === PARTNER && referral.status === 'approved')).toEqual([]);

		const second = await payAffiliates();
		expect(second.error).toBeUndefined();
		expect(second.output('Get Unpaid Commissions')).toEqual([]);
		expect(second.ran('Pay in USDC')).toBe(false);
		expect(payram.state.payouts).toHaveLength(1);
		expect(markPaidCalls()).toHaveLength(1);
	});

	it('a re-run after marking paid failed is refused by PayRam (same affiliate, same week): still one payout, nothing marked paid', async () => {
		upPromote.setFaults({ failNext: { count: 1, status: 500, pathPrefix: '/api/v2/payments/mark-paid' } });
		const first = await payAffiliates();
		expect(first.error?.message).toContain('UpPromote');
		expect(payram.state.payouts).toHaveLength(1);
		expect(upPromote.state.referrals.find((referral) => referral.id === 880001)?.status).toBe('approved');

		const again = await payAffiliates();
		expect(again.error).toBeUndefined();
		expect(again.ran('Pay in USDC')).toBe(true);
		const [refused] = json(again.output('Pay in USDC', 1));
		expect(String(refused.error)).toContain('was not paid twice');
		expect(json(again.output('Not Paid: Check Wallet or Payout'))).toHaveLength(1);
		expect(again.ran('Mark Paid in UpPromote')).toBe(false);
		expect(payram.state.payouts).toHaveLength(1);
		expect(markPaidCalls().filter((call) => call.status === 200)).toHaveLength(0);
	});

	it('an affiliate without a wallet on file is not paid and not marked paid', async () => {
		upPromote.state.affiliates.find((affiliate) => affiliate.id === PARTNER)!.customFields = [];
		const run = await payAffiliates();
		expect(run.error).toBeUndefined();
		const [refused] = json(run.output('Not Paid: Check Wallet or Payout'));
		expect(JSON.stringify(refused)).toMatch(/address/i);
		expect(payram.state.payouts).toEqual([]);
		expect(markPaidCalls()).toEqual([]);
	});
});

describe('examples/uppromote-referral-new.json', () => {
	it('subscribes referral.new when published, and a new referral reaches the merchant step with its affiliate', async () => {
		const host = await startWebhookHost({ workflow: example('uppromote-referral-new.json'), credentials: credentials() });
		try {
			expect(upPromote.state.subscriptions.map((subscription) => [subscription.event, subscription.targetUrl])).toEqual([['referral.new', host.url]]);
			const referral = await upPromote.createReferral({ affiliate_id: PARTNER, total_sales: '80.00', commission: '8.00', order_id: 5938271235000, order_number: 1003 });
			await upPromote.idle();
			await host.idle();
			expect(host.executions).toHaveLength(1);
			const [event] = json(host.executions[0].output('New Referral'));
			expect(event).toMatchObject({ event: 'referral.new', referralId: String(referral.record.id), affiliateId: String(PARTNER) });
			expect((event.payload as IDataObject).commission).toBe('8.00');
			expect(json(host.executions[0].output('Tell the Merchant'))).toEqual([expect.objectContaining({ id: PARTNER, email: 'partner@example.com' })]);
		} finally {
			await host.close();
		}
		expect(upPromote.state.subscriptions).toEqual([]);
	});
});
