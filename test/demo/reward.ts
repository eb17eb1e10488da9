// `npm run demo:reward [-- again]`: a referee of the seeded referrer completes in the Referral Rocket simulator, which
// delivers a signed reward_unlocked to the demo's published reward workflow; prints the PayRam payout that resulted.
// `again` sends the last reward_unlocked once more, byte for byte, as Referral Rocket's retries do: nothing is paid twice.
import path from 'node:path';

import axios from 'axios';

import { deliver, type WebhookRequest } from '../../testing/simulator/deliveries';
import type { Execution } from '../../testing/n8n/n8n';
import { SEED_CAMPAIGN_ID, SEED_REFERRER_CODE, SEED_REFERRER_EMAIL } from '../../packages/referral-rocket/test/simulator/server';
import { demoN8n, REWARD_WORKFLOW_ID } from './stack';

const payramUrl = `http://127.0.0.1:${process.env.PAYRAM_SIM_PORT ?? 8787}`;
const rocketUrl = `http://127.0.0.1:${process.env.REFERRAL_ROCKET_SIM_PORT ?? 8789}`;
const n8nPort = Number(process.env.N8N_PORT ?? 5678);
const n8n = demoN8n({ n8nPort, folder: path.resolve(__dirname, '../../.demo/n8n') });

type Row = Record<string, unknown>;
interface Delivery {
	eventType: string;
	request: WebhookRequest;
	attempts: Array<{ status: number; body: string }>;
}

const control = async <T>(method: 'get' | 'post', url: string, body?: unknown): Promise<T> => (await axios.request<T>({ method, url, data: body })).data;
const payouts = async () => (await control<{ payouts: Row[] }>('get', `${payramUrl}/__sim/state`)).payouts;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The reward workflow's executions that have finished, newest first. */
async function finished(): Promise<Execution[]> {
	return (await n8n.executions(REWARD_WORKFLOW_ID)).filter((execution) => execution.finished || execution.status === 'error');
}

/** Waits (up to a minute) for an execution newer than `known`; n8n answers the delivery before the workflow ends. */
async function nextExecution(known: number): Promise<Execution> {
	for (let waited = 0; waited < 60_000; waited += 500) {
		const executions = await finished();
		if (executions.length > known) return executions[0];
		await sleep(500);
	}
	throw new Error('no execution of the reward workflow finished within a minute');
}

function items(execution: Execution, node: string, output = 0): Row[] {
	const runData = execution.data?.resultData?.runData as Record<string, Array<{ data?: { main?: Array<Array<{ json: Row }> | null> } }>> | undefined;
	return runData?.[node]?.at(-1)?.data?.main?.[output]?.map((item) => item.json) ?? [];
}

function show(execution: Execution): void {
	for (const event of items(execution, 'Reward Unlocked')) {
		console.log(`n8n:             execution ${String(execution.id)} started by ${String(event.eventType)} for ${String(event.email)} (participant ${String(event.participantId)}, eventId ${String(event.eventId)}).`);
	}
	for (const campaign of items(execution, 'Get Campaign Reward')) console.log(`Referral Rocket: campaign ${String(campaign.campaignId)} rewards a referrer ${String(campaign.referrerReward)} per completed referral.`);
	for (const payout of items(execution, 'Pay Reward in USDC')) {
		console.log(`PayRam:          payout #${String(payout.id)} of ${String(payout.amount)} ${String(payout.currencyCode)} on ${String(payout.blockchainCode)} to ${String(payout.toAddress)}, Idempotency-Key ${String(payout.idempotencyKey)}.`);
	}
	for (const state of items(execution, 'Get Payout State')) console.log(`PayRam:          payout #${String(state.id)} is ${String(state.status)}.`);
	for (const refused of items(execution, 'Pay Reward in USDC', 1)) console.log(`Not paid:        ${String(refused.error)}`);
}

async function unlockReward(): Promise<void> {
	const email = `referee-${Date.now().toString(36)}@example.com`;
	await control('post', `${rocketUrl}/__sim/participants`, { id: SEED_CAMPAIGN_ID, email, referredByCode: SEED_REFERRER_CODE });
	console.log(`Referral Rocket: ${email} joined through ${SEED_REFERRER_EMAIL}'s code ${SEED_REFERRER_CODE} and paid 49.99: qualified.`);
	const known = (await finished()).length;
	await control('post', `${rocketUrl}/__sim/qualify`, { id: SEED_CAMPAIGN_ID, email, amountPaid: '49.99' });
	await control('post', `${rocketUrl}/__sim/idle`);
	const delivery = (await control<Delivery[]>('get', `${rocketUrl}/__sim/deliveries`)).at(-1);
	if (!delivery) throw new Error('Referral Rocket delivered nothing (is the reward workflow published?)');
	console.log(`Referral Rocket: delivered ${delivery.eventType}, signed (X-RR-Signature), to ${delivery.request.url}: HTTP ${delivery.attempts[0]?.status} ${delivery.attempts[0]?.body ?? ''}`);
	show(await nextExecution(known));
}

async function sendAgain(): Promise<void> {
	const delivery = (await control<Delivery[]>('get', `${rocketUrl}/__sim/deliveries`)).filter((candidate) => candidate.eventType === 'reward_unlocked').at(-1);
	if (!delivery) throw new Error('no reward_unlocked was delivered yet: run `npm run demo:reward` first');
	const before = (await payouts()).length;
	const answer = await deliver(delivery.request, 10_000);
	console.log(`Referral Rocket: sent the last reward_unlocked again, byte for byte: HTTP ${answer.status} ${answer.body}`);
	await sleep(2000);
	const after = (await payouts()).length;
	console.log(`PayRam:          ${after} payout(s) before and after: ${after === before ? 'nothing paid twice' : 'PAID AGAIN'}.`);
}

async function main(): Promise<void> {
	if (process.argv[2] === 'again') await sendAgain();
	else await unlockReward();
	console.log(`PayRam now holds ${(await payouts()).length} payout(s). Watch: ${n8n.baseUrl}/workflow/${REWARD_WORKFLOW_ID}/executions`);
}

main().catch((error: Error) => {
	console.error(`demo:reward failed: ${error.message} (is \`npm run demo\` running?)`);
	process.exit(1);
});
