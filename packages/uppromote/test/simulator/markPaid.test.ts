// The guessed mark-paid endpoint (UpPromote lists "Mark as paid a manual payment" without a path): off unless asked for.
import { validateSchema } from './contracts';
import { startTestSimulator, startWebhookReceiver, type TestSimulator, type WebhookReceiver } from './testkit';

let t: TestSimulator;
let plain: TestSimulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
	t = await startTestSimulator({ guessedEndpoints: true });
	plain = await startTestSimulator();
	receiver = await startWebhookReceiver();
});
afterAll(async () => {
	await Promise.all([t.sim.close(), plain.sim.close(), receiver.close()]);
});
beforeEach(() => t.sim.reset());

const PARTNER = 2029238;

describe('POST /payments/mark-paid (guessed path)', () => {
	it('is an unknown route (404) unless the simulator is started with guessedEndpoints', async () => {
		const answer = await plain.api.post('/payments/mark-paid', { affiliate_id: PARTNER });
		expect(answer.status).toBe(404);
		expect((await plain.api.get('/payments/unpaid')).data.data).toHaveLength(1);
	});

	it("pays the affiliate's approved referrals: the unpaid row goes, a paid payment appears and payment.paid is delivered", async () => {
		await t.api.post('/webhook-subscriptions', { event: 'payment.paid', target_url: receiver.url });
		const answer = await t.api.post('/payments/mark-paid', { affiliate_id: PARTNER, referral_ids: [880001], payment_method: 'other' }, { transformResponse: (text: string) => text });
		expect(answer.status).toBe(200);
		expect(answer.data).toContain('"total_processed":12.00');
		const payment = JSON.parse(answer.data as string).data;
		expect(validateSchema('PaidPayment', payment).errors).toEqual([]);
		expect(payment).toMatchObject({ affiliate_id: PARTNER, status: 'SUCCESS', total_referrals: 1, payment_method: 'other' });
		expect((await t.api.get('/payments/unpaid')).data.data).toEqual([]);
		expect(t.sim.state.referrals.find((referral) => referral.id === 880001)?.status).toBe('paid');
		await t.sim.idle();
		expect(t.sim.deliveries.filter((delivery) => delivery.kind === 'payment.paid')).toHaveLength(1);
	});

	it('pays only the referrals named, and refuses what is not owed with a 422 that changes nothing', async () => {
		const later = await t.sim.createReferral({ affiliate_id: PARTNER, commission: '3.50', status: 'approved' });
		expect((await t.api.post('/payments/mark-paid', { affiliate_id: PARTNER, referral_ids: [880001] })).status).toBe(200);
		const [row] = (await t.api.get('/payments/unpaid')).data.data;
		expect(row).toMatchObject({ affiliate_id: PARTNER, referral_ids: [later.record.id] });

		const again = await t.api.post('/payments/mark-paid', { affiliate_id: PARTNER, referral_ids: [880001] });
		expect(again.status).toBe(422);
		expect(again.data).toMatchObject({ message: 'The selected referral ids is invalid.' });
		expect((await t.api.post('/payments/mark-paid', { affiliate_id: 2029241 })).data).toMatchObject({ status: 422, message: 'The affiliate has no unpaid commission.' });
		expect((await t.api.post('/payments/mark-paid', { affiliate_id: 'x' })).status).toBe(422);
		expect((await t.api.post('/payments/mark-paid', { affiliate_id: 9 })).status).toBe(404);
		expect(t.sim.state.paidPayments).toHaveLength(2);
	});
});
