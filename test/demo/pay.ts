// `npm run demo:pay [-- partial|over]`: a shop creates a payment link and a simulated customer pays it.
import axios from 'axios';

import { DEFAULT_API_KEY } from '../simulator/server';

const simUrl = `http://127.0.0.1:${process.env.PAYRAM_SIM_PORT ?? 8787}`;
const n8nUrl = `http://127.0.0.1:${process.env.N8N_PORT ?? 5678}`;
const states: Record<string, { state: string; paid: (amount: number) => string }> = {
	full: { state: 'FILLED', paid: (a) => a.toFixed(2) },
	partial: { state: 'PARTIALLY_FILLED', paid: (a) => (a / 2).toFixed(2) },
	over: { state: 'OVER_FILLED', paid: (a) => (a + 5).toFixed(2) },
};

async function main(): Promise<void> {
	const kind = process.argv[2] ?? 'full';
	const plan = states[kind];
	if (!plan) throw new Error(`Unknown kind "${kind}": use full, partial or over`);
	const apiKey = process.env.PAYRAM_SIM_API_KEY ?? DEFAULT_API_KEY;
	const order = `order-${Date.now().toString(36)}`;
	const amount = 49.99;
	const created = await axios.post(
		`${simUrl}/api/v1/payment`,
		{ customerEmail: 'customer@example.com', customerId: `cust_${order}`, amountInUSD: amount, invoiceID: order },
		{ headers: { 'API-Key': apiKey } },
	);
	console.log(`Payment link for ${order}: ${created.data.url as string}`);
	const paid = await axios.post(`${simUrl}/__sim/payments/${created.data.reference_id as string}/pay`, {
		state: plan.state,
		amountUsd: plan.paid(amount),
	});
	const delivery = paid.data.delivery as { status?: number } | null;
	console.log(`Customer paid ${plan.paid(amount)} USD → ${plan.state}; PayRam's webhook got HTTP ${String(delivery?.status)} from n8n.`);
	console.log(`Watch it run: ${n8nUrl}/workflow/PayRamExample002/executions`);
}

main().catch((error: Error) => {
	console.error(`demo:pay failed: ${error.message} (is \`npm run demo\` running?)`);
	process.exit(1);
});
