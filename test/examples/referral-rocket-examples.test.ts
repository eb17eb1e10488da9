// The Referral Rocket cross-service examples in examples/ as a merchant imports them, run by n8n-core's engine against
// the PayRam and Referral Rocket simulators, each delivering signed webhooks to the published trigger.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WorkflowFixture } from '../../testing/engine/run-workflow';
import { startWebhookHost, type WebhookHost } from '../../testing/engine/webhook-server';
import { deliver } from '../../testing/simulator/deliveries';
import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { startReferralRocketSimulator, SEED_CAMPAIGN_ID, SEED_REFERRER_CODE, SEED_REFERRER_EMAIL, type ReferralRocketSimulator } from '../../packages/referral-rocket/test/simulator/server';

const SECRET = '5b1f0e9c7a3d2e4f6a8b0c1d2e3f4a5b';
const REFERRER_WALLET = '0x1111111111111111111111111111111111111111';
const REFERRER_ID = 380;
const PAYRAM_WINDOW_MS = 5 * 60 * 1000;

function example(file: string, trigger?: { name: string; options: INodeParameters }): WorkflowFixture {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8')) as WorkflowFixture;
	if (!trigger) return workflow;
	const nodes = workflow.nodes.map((node) =>
		node.name === trigger.name ? { ...node, parameters: { ...node.parameters, options: { ...(node.parameters.options as INodeParameters), ...trigger.options } } } : node,
	);
	return { ...workflow, nodes };
}

let payram: PayRamSimulator;
let rocket: ReferralRocketSimulator;

beforeAll(async () => {
	payram = await startSimulator({ port: 0 });
	// A failed delivery is retried at once, so no test waits for the back-off clock.
	rocket = await startReferralRocketSimulator({ webhooks: { retryDelaysMs: [1] } });
});
afterAll(async () => {
	await Promise.all([payram.close(), rocket.close()]);
});
beforeEach(() => {
	payram.reset();
	rocket.reset();
});

const credentials = () => ({
	payRamApi: { url: payram.url, apiKey: payram.apiKey, allowInsecure: true },
	referralRocketApi: { baseUrl: rocket.baseUrl, webhookSecret: SECRET, headerName: 'X-API-Key', apiKey: '' },
});
const json = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json);
const qualifyCalls = () => rocket.requests.filter((request) => request.path === '/api/v1/qualify');

async function settle(host: WebhookHost): Promise<void> {
	await rocket.idle();
	await rocket.webhooks.idle();
	await host.idle();
}

describe('examples/pay-referral-rocket-rewards-in-usdc.json', () => {
	const REWARD = 'Reward Unlocked';
	let host: WebhookHost | undefined;
	afterEach(async () => {
		await host?.close();
		host = undefined;
	});

	/** Publishes the example and pastes its URL and secret into the simulator's Settings > Webhooks. */
	async function publish(options: INodeParameters = {}): Promise<WebhookHost> {
		host = await startWebhookHost({ workflow: example('pay-referral-rocket-rewards-in-usdc.json', { name: REWARD, options }), credentials: credentials() });
		rocket.webhooks.register({ url: host.url, events: ['reward_unlocked'], secret: SECRET });
		return host;
	}

	/** A referee of the seeded referrer completes: Referral Rocket fires reward_unlocked for the referrer. */
	async function unlockReward(live: WebhookHost, referee = 'grace.hopper@example.com'): Promise<void> {
		rocket.qualify({ id: SEED_CAMPAIGN_ID, email: referee, amountPaid: '49.99' });
		await settle(live);
	}

	/** Referral Rocket sends a delivery again, byte for byte (its retries "for several days"). */
	async function redeliver(live: WebhookHost, index = 0): Promise<number> {
		const result = await deliver(rocket.webhooks.deliveries[index].request, 10_000);
		await live.idle();
		return result.status;
	}

	it('pays the unlocked reward once in USDC, the exact amount, with a key per participant and reward; reads the payout back', async () => {
		// A reward whose digits a float would lose.
		rocket.state.campaigns.find((campaign) => campaign.campaignId === SEED_CAMPAIGN_ID)!.referrerReward = '20.0000000000000000001';
		const live = await publish();
		await unlockReward(live);

		expect(rocket.webhooks.deliveries.map((delivery) => [delivery.eventType, delivery.outcome])).toEqual([['reward_unlocked', 'delivered']]);
		expect(live.executions).toHaveLength(1);
		const run = live.executions[0];
		expect(run.error).toBeUndefined();
		const [event] = json(run.output(REWARD));
		expect(event).toMatchObject({ eventType: 'reward_unlocked', participantId: String(REFERRER_ID), email: SEED_REFERRER_EMAIL, campaignId: SEED_CAMPAIGN_ID });
		const [payout] = json(run.output('Pay Reward in USDC'));
		expect(payout).toMatchObject({ amount: '20.0000000000000000001', currencyCode: 'USDC', blockchainCode: 'BASE', toAddress: REFERRER_WALLET, recipientEmail: SEED_REFERRER_EMAIL, status: 'pending' });
		expect(payout.idempotencyKey).toBe(`referral-rocket-${SEED_CAMPAIGN_ID}-${REFERRER_ID}-reward-2`);
		expect(json(run.output('Get Payout State'))).toEqual([expect.objectContaining({ id: payout.id, status: 'pending', amount: '20.0000000000000000001' })]);
		expect(run.ran('Not Paid: Check Wallet or Payout')).toBe(false);

		// What PayRam now holds: one payout of the exact amount, not the participant's growing rewardDue (40 now).
		expect((event.payload as { data: IDataObject }).data.rewardDue).toBe('40.0000000000000000001');
		expect(payram.state.payouts.map((p) => [p.amount, p.customerId, p.toAddress])).toEqual([['20.0000000000000000001', `referral-rocket-${REFERRER_ID}`, REFERRER_WALLET]]);
		expect(JSON.parse(payram.requests.find((request) => request.path === '/api/v1/withdrawal/merchant')!.rawBody).amount).toBe('20.0000000000000000001');

		// The participant's next reward is a new reward: paid, with the next key.
		await rocket.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'linus@example.com', referredByCode: SEED_REFERRER_CODE });
		await unlockReward(live, 'linus@example.com');
		expect(payram.state.payouts).toHaveLength(2);
		expect([...payram.state.idempotencyKeys.keys()]).toEqual([`referral-rocket-${SEED_CAMPAIGN_ID}-${REFERRER_ID}-reward-2`, `referral-rocket-${SEED_CAMPAIGN_ID}-${REFERRER_ID}-reward-3`]);
	});

	it('a redelivery of the same reward pays nothing: skipped by the trigger, and refused by PayRam with Skip Duplicate Events off', async () => {
		const skipping = await publish();
		await unlockReward(skipping);
		expect(await redeliver(skipping)).toBe(200);
		expect(skipping.executions).toHaveLength(1);
		expect(skipping.responses.at(-1)?.responseJson()).toMatchObject({ duplicate: true });
		expect(payram.state.payouts).toHaveLength(1);
		await skipping.close();

		payram.reset();
		rocket.reset();
		const running = await publish({ skipDuplicates: false });
		await unlockReward(running);
		// Byte for byte, and as a retry for which Referral Rocket re-reads the participant and stamps a new createdAt.
		expect(await redeliver(running)).toBe(200);
		await rocket.webhooks.dispatch([{ ...rocket.events[0], createdAt: rocket.events[0].createdAt + 3_600_000 }]);
		await settle(running);

		expect(running.executions).toHaveLength(3);
		expect(running.executions.map((run) => run.ran('Pay Reward in USDC'))).toEqual([true, true, true]);
		const refusals = running.executions.slice(1).map((run) => String(json(run.output('Pay Reward in USDC', 1))[0].error));
		expect(refusals).toEqual([expect.stringContaining('was not paid twice'), expect.stringContaining('was not paid twice')]);
		expect(running.executions.slice(1).every((run) => !run.ran('Get Payout State') && run.ran('Not Paid: Check Wallet or Payout'))).toBe(true);
		expect(payram.state.payouts).toHaveLength(1);
	});

	it("days later, past PayRam's 5-minute key window, the trigger's memory still skips the redelivery", async () => {
		const live = await publish();
		await unlockReward(live);
		payram.advanceClock(PAYRAM_WINDOW_MS + 1);
		expect(await redeliver(live)).toBe(200);
		expect(live.executions).toHaveLength(1);
		expect(payram.state.payouts).toHaveLength(1);
	});

	it('a referrer without a wallet in the table is not paid; an undocumented event type goes to Other Event and pays nothing', async () => {
		const live = await publish();
		await rocket.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'no.wallet@example.com' });
		await rocket.addParticipant({ id: SEED_CAMPAIGN_ID, email: 'friend@example.com', referredByEmail: 'no.wallet@example.com' });
		await unlockReward(live, 'friend@example.com');
		const [refused] = json(live.executions[0].output('Not Paid: Check Wallet or Payout'));
		expect(JSON.stringify(refused)).toMatch(/address/i);
		expect(payram.state.payouts).toEqual([]);

		rocket.webhooks.register({ url: live.url, events: [], secret: SECRET });
		await rocket.webhooks.dispatch([{ ...rocket.events.at(-1)!, eventType: 'participant_reward_unlocked' }]);
		await settle(live);
		const other = live.executions.at(-1)!;
		expect(json(other.output('Other Event: Check Its Type'))).toEqual([expect.objectContaining({ eventType: 'participant_reward_unlocked' })]);
		expect(other.ran('Pay Reward in USDC')).toBe(false);
		expect(payram.state.payouts).toEqual([]);
	});
});

describe('examples/referral-rocket-referee-on-filled.json', () => {
	const BUYER = 'buyer@example.com';
	let host: WebhookHost | undefined;
	afterEach(async () => {
		await host?.close();
		host = undefined;
	});

	async function publish(): Promise<WebhookHost> {
		host = await startWebhookHost({ workflow: example('referral-rocket-referee-on-filled.json'), credentials: credentials() });
		payram.setWebhook({ url: host.url, mode: 'current' });
		return host;
	}

	async function checkout(invoiceId: string, customerEmail = BUYER): Promise<string> {
		return payram.addPayment({ customerEmail, customerId: `cust-${invoiceId}`, amountInUsd: '49.990000000000000001', invoiceId }).referenceId;
	}

	it('FILLED adds the buyer as the referee of the code in the invoice ID and qualifies them with the exact amount; a partial payment adds nobody', async () => {
		const live = await publish();
		const reference = await checkout(`order-1042-ref-${SEED_REFERRER_CODE}`);

		await payram.pay(reference, { state: 'PARTIALLY_FILLED', amountUsd: '20.00' });
		await live.idle();
		expect(live.executions).toHaveLength(1);
		expect(live.executions[0].ran('Partly Paid: Wait for the Rest')).toBe(true);
		expect(live.executions[0].ran('Add Buyer as Referee')).toBe(false);
		expect(rocket.state.participants.some((participant) => participant.email === BUYER)).toBe(false);

		await payram.pay(reference, { state: 'FILLED', amountUsd: '49.990000000000000001' });
		await live.idle();
		await rocket.idle();
		expect(live.executions).toHaveLength(2);
		const run = live.executions[1];
		expect(run.error).toBeUndefined();
		const [referee] = json(run.output('Add Buyer as Referee'));
		expect(referee).toMatchObject({ email: BUYER, referredByCode: SEED_REFERRER_CODE });
		expect(json(run.output('Referee Qualified'))).toHaveLength(1);
		expect(run.ran('Partly Paid: Wait for the Rest')).toBe(false);

		const [call] = qualifyCalls();
		expect(call.rawBody).toBe(`{"id":"${SEED_CAMPAIGN_ID}","email": "${BUYER}", "amountPaid": 49.990000000000000001}`);
		const buyer = rocket.state.participants.find((participant) => participant.email === BUYER)!;
		expect(buyer).toMatchObject({ referredByCode: SEED_REFERRER_CODE, rewardEventCompleted: true, amountPaid: '49.990000000000000001' });
		// Qualifying unlocks the referrer's reward: the event the reward example pays.
		expect(rocket.events.map((event) => [event.eventType, event.data.email])).toEqual([
			['referee_added', BUYER],
			['reward_unlocked', SEED_REFERRER_EMAIL],
		]);
	});

	it('PayRam redelivering the FILLED event adds and qualifies nobody twice', async () => {
		const live = await publish();
		const reference = await checkout(`order-1043-ref-${SEED_REFERRER_CODE}`);
		await payram.pay(reference, { state: 'FILLED', amountUsd: '49.990000000000000001' });
		await live.idle();
		expect((await payram.redeliver()).status).toBe(200);
		await live.idle();
		expect(live.executions).toHaveLength(1);
		expect(rocket.state.participants.filter((participant) => participant.email === BUYER)).toHaveLength(1);
		expect(qualifyCalls()).toHaveLength(1);
		expect(rocket.events.filter((event) => event.eventType === 'reward_unlocked')).toHaveLength(1);
	});

	it('a payment without a referral code, or with an unknown one, adds nobody and qualifies nobody', async () => {
		const live = await publish();
		await payram.pay(await checkout('order-1044'), { state: 'FILLED', amountUsd: '49.990000000000000001' });
		await payram.pay(await checkout('order-1045-ref-NoSuchCo', 'other.buyer@example.com'), { state: 'FILLED', amountUsd: '49.990000000000000001' });
		await live.idle();
		expect(live.executions).toHaveLength(2);
		const [noCode, unknownCode] = live.executions.map((run) => String(json(run.output('Not Added: No or Unknown Referral Code'))[0].error));
		expect(noCode).toMatch(/Referral Code is empty/);
		expect(unknownCode).toMatch(/Referrer not found/);
		expect(live.executions.every((run) => !run.ran('Qualify Referee'))).toBe(true);
		expect(rocket.state.participants.filter((participant) => participant.email.endsWith('buyer@example.com'))).toEqual([]);
		expect(qualifyCalls()).toEqual([]);
	});
});
