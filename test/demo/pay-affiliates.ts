// `npm run demo:pay-affiliates`: a new approved commission in the UpPromote simulator, then the pay-affiliates example
// runs in the demo's n8n: UpPromote's unpaid commission → a PayRam payout in USDC → its state → marked paid.
import path from 'node:path';

import axios from 'axios';

import { demoN8n, PAY_AFFILIATES_WORKFLOW_ID } from './stack';

const PARTNER = 2029238;
const payramUrl = `http://127.0.0.1:${process.env.PAYRAM_SIM_PORT ?? 8787}`;
const upPromoteUrl = `http://127.0.0.1:${process.env.UPPROMOTE_SIM_PORT ?? 8788}`;
const n8nPort = Number(process.env.N8N_PORT ?? 5678);

type Items = Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;

async function main(): Promise<void> {
	const store = (await axios.get<{ referrals: Array<{ affiliateId: number; status: string }> }>(`${upPromoteUrl}/__sim/state`)).data;
	// Each run finds something owed: after the first, a new approved referral of 7.25 for the same affiliate.
	if (!store.referrals.some((referral) => referral.affiliateId === PARTNER && referral.status === 'approved')) {
		await axios.post(`${upPromoteUrl}/__sim/referrals`, { affiliate_id: PARTNER, total_sales: '72.50', commission: '7.25', status: 'approved' });
		console.log('UpPromote: a new approved referral for partner@example.com (commission 7.25).');
	}
	console.log('Running "Pay UpPromote affiliates in USDC with PayRam" in the demo n8n (n8n execute, about half a minute)…');
	const n8n = demoN8n({ n8nPort, folder: path.resolve(__dirname, '../../.demo/n8n') });
	const { run, output } = await n8n.executeWorkflow(PAY_AFFILIATES_WORKFLOW_ID);
	const runData = run?.data?.resultData?.runData as Items | undefined;
	const items = (node: string, index = 0) => runData?.[node]?.at(-1)?.data?.main?.[index]?.map((item) => item.json) ?? [];
	if (!runData) throw new Error(`the workflow did not run:\n${output.slice(-1500)}`);
	const unpaid = items('Get Unpaid Commissions');
	if (unpaid.length === 0) console.log('UpPromote: nobody is owed commission; nothing paid.');
	for (const row of unpaid) console.log(`UpPromote: ${String(row.affiliate_email)} is owed ${String(row.total_commission)} (referrals ${JSON.stringify(row.referral_ids)}).`);
	for (const payout of items('Pay in USDC')) {
		console.log(`PayRam:    payout #${String(payout.id)} of ${String(payout.amount)} ${String(payout.currencyCode)} on ${String(payout.blockchainCode)} to ${String(payout.toAddress)}, Idempotency-Key ${String(payout.idempotencyKey)}.`);
	}
	for (const state of items('Get Payout State')) console.log(`PayRam:    payout #${String(state.id)} is ${String(state.status)}.`);
	for (const paid of items('Mark Paid in UpPromote')) console.log(`UpPromote: marked paid, payment #${String(paid.payment_id)} of ${String(paid.total_processed)} (payment.paid fires).`);
	for (const refused of items('Not Paid: Check Wallet or Payout')) console.log(`Not paid:  ${String(refused.error)}`);
	const payouts = (await axios.get<{ payouts: unknown[] }>(`${payramUrl}/__sim/state`)).data.payouts;
	console.log(`PayRam now holds ${payouts.length} payout(s). Run this again: the same affiliate in the same week is refused by PayRam for 5 minutes.`);
}

main().catch((error: Error) => {
	console.error(`demo:pay-affiliates failed: ${error.message} (is \`npm run demo\` running?)`);
	process.exit(1);
});
