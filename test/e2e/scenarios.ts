import axios from 'axios';

import type { PayRamSimulator } from '../simulator/server';
import type { Execution, N8nServer } from '../../testing/n8n/n8n';
import { CREDENTIAL_ID, TRIGGER_WORKFLOW_ID, waitFor } from './support';

type RunNodes = NonNullable<NonNullable<NonNullable<Execution['data']>['resultData']>['runData']>;

export function items(runData: RunNodes | undefined, node: string, output = 0): Array<Record<string, unknown>> {
	const runs = runData?.[node];
	if (!runs?.length) return [];
	return (runs[runs.length - 1].data?.main?.[output] ?? []).map((i) => i.json);
}

export interface ScenarioContext {
	sim: PayRamSimulator;
	/** The instance whose CLI and APIs the scenarios use (the main instance in queue mode). */
	n8n: N8nServer;
	version: string;
	/** The production URL of the published trigger workflow (a webhook processor's in queue mode). */
	hookUrl: string;
	/** Every log line of every n8n process of the setup. */
	logs(): string;
}

/** What a PayRam merchant does with the package in a real n8n, shared by the single-instance and queue suites. */
export function e2eScenarios(context: () => ScenarioContext): void {
	let sim: PayRamSimulator;
	let n8n: N8nServer;
	let hookUrl: string;
	let version: string;
	beforeAll(() => {
		({ sim, n8n, hookUrl, version } = context());
	});

	describe('manual workflows run the PayRam node in n8n', () => {
		it('creates a payment link and reads its status', async () => {
			const { ok, run, output } = await n8n.executeWorkflow('PayRamExample001');
			expect({ ok, output: ok ? '' : output }).toEqual({ ok: true, output: '' });
			const runData = run?.data?.resultData?.runData;
			const [created] = items(runData, 'Create Payment Link');
			expect(created.url).toBe(`${sim.url}/checkout/${created.reference_id as string}`);
			const [payment] = items(runData, 'Get Payment');
			expect(payment).toMatchObject({ referenceID: created.reference_id, paymentState: 'OPEN', amountInUSD: '49.99', invoiceID: 'order-1001' });
			expect(sim.state.payments.size).toBe(1);
		});

		it('registers a referrer, links a referee and logs referral events', async () => {
			const { ok, run, output } = await n8n.executeWorkflow('PayRamExample003');
			expect({ ok, output: ok ? '' : output }).toEqual({ ok: true, output: '' });
			const runData = run?.data?.resultData?.runData;
			const [referrer] = items(runData, 'Register Referrer');
			expect(referrer.referralCode).toMatch(/^[A-Z0-9]{7}$/);
			expect(String(referrer.dashboardUrl)).toContain(sim.url);
			expect(items(runData, 'Link Referee')[0]).toMatchObject({ referenceId: 'user_grace', email: 'grace@example.com' });
			expect(items(runData, 'Log Signup')[0]).toMatchObject({ eventKey: 'signup', status: 'pending', amount: null });
			expect(items(runData, 'Log First Deposit')[0]).toMatchObject({ eventKey: 'first_deposit', amount: '345.44' });
		});

		it('pushes the scheduled referral event when run by hand', async () => {
			const { ok, run, output } = await n8n.executeWorkflow('PayRamExample004');
			expect({ ok, output: ok ? '' : output }).toEqual({ ok: true, output: '' });
			expect(items(run?.data?.resultData?.runData, 'Log Purchase')[0]).toMatchObject({ eventKey: 'purchase', amount: '120.00' });
		});

		it('creates, gets and lists a payout, and a re-run cannot pay twice', async () => {
			const first = await n8n.executeWorkflow('PayRamExample005');
			expect({ ok: first.ok, output: first.ok ? '' : first.output }).toEqual({ ok: true, output: '' });
			const runData = first.run?.data?.resultData?.runData;
			const [payout] = items(runData, 'Create Payout');
			expect(payout).toMatchObject({ amount: '125.50', status: 'pending', idempotencyKey: 'commission-user_ada-2026-10' });
			expect(items(runData, 'Get Payout')[0]).toMatchObject({ id: payout.id, amount: '125.50' });
			expect(items(runData, 'Recent Payouts').map((p) => p.id)).toContain(payout.id);

			const again = await n8n.executeWorkflow('PayRamExample005');
			expect(again.ok).toBe(false);
			expect(again.output).toContain('was not paid twice');
			expect(sim.state.payouts).toHaveLength(1);
		});
	});

	describe("the credential test runs through n8n's own credentials code", () => {
		it('passes with the right key and fails with a wrong one', async () => {
			const ok = await n8n.testCredential(CREDENTIAL_ID, 'PayRam account', { url: sim.url, apiKey: sim.apiKey, allowInsecure: true });
			expect(ok.status).toBe('OK');
			const wrong = await n8n.testCredential(CREDENTIAL_ID, 'PayRam account', { url: sim.url, apiKey: 'wrong_key_0123456789', allowInsecure: true });
			expect(wrong).toEqual({
				status: 'Error',
				// n8n 1.x answers a 401 with its own sentence before the credential's rules are read.
				message: version.startsWith('1.')
					? 'Authorization failed - please check your credentials'
					: 'PayRam rejected the Project API Key. Copy it again from Project → API Keys in the PayRam dashboard.',
			});
		});
	});

	describe('the "From list" pickers of Payment → Get and Payout → Get ask PayRam through n8n', () => {
		it('lists the payments matching the typed text, and the payouts', async () => {
			const credentials = { payRamApi: { id: CREDENTIAL_ID, name: 'PayRam account' } };
			const payment = sim.addPayment({ customerId: 'cust_picker', customerEmail: 'picker@example.com', amountInUsd: '12.34' });
			const found = await n8n.listSearch('searchPayments', { resource: 'payment', operation: 'get' }, credentials, 'picker@');
			expect(found.results).toEqual([{ name: expect.stringContaining('picker@example.com · 12.34 USD · OPEN'), value: payment.referenceId }]);
			const payouts = await n8n.listSearch('searchPayouts', { resource: 'payout', operation: 'get' }, credentials);
			expect(payouts.results.map((result) => result.value)).toEqual(sim.state.payouts.map((payout) => String(payout.id)).reverse());
		});
	});

	describe("the credential's Server URL follows the nodes' rule in n8n's own expression engine", () => {
		it('cleans a pasted URL, and refuses plain http without Allow Insecure Connection without sending anything', async () => {
			const pasted = await n8n.testCredential(CREDENTIAL_ID, 'PayRam account', {
				url: ` ${sim.url}/api/v1/payment/ `,
				apiKey: sim.apiKey,
				allowInsecure: true,
			});
			expect(pasted.status).toBe('OK');
			const before = sim.requests.length;
			const refused = await n8n.testCredential(CREDENTIAL_ID, 'PayRam account', { url: sim.url, apiKey: sim.apiKey, allowInsecure: false });
			expect(refused.status).toBe('Error');
			expect(sim.requests).toHaveLength(before);
		});
	});

	describe("n8n finds the package's one pair of icons for both nodes and the credential", () => {
		it('serves a light and a dark SVG for every PayRam node and the PayRam API credential', async () => {
			const rest = await n8n.restApi();
			const get = async (pathname: string) =>
				await rest.get<string>(`${n8n.baseUrl}/${pathname.replace(/^\//, '')}`, { responseType: 'text', transformResponse: (body: string) => body });
			const nodes = JSON.parse((await get('types/nodes.json')).data) as Array<{ name: string; iconUrl?: string | Record<string, string> }>;
			const credentials = JSON.parse((await get('types/credentials.json')).data) as Array<{ name: string; iconUrl?: string | Record<string, string> }>;
			const ours = [...nodes.filter((type) => type.name.startsWith('n8n-nodes-payram.')), ...credentials.filter((type) => type.name === 'payRamApi')];
			// The PayRam node also appears as its AI tool variant (payRamTool), with the same icons.
			expect(ours.map((type) => type.name)).toEqual(expect.arrayContaining(['n8n-nodes-payram.payRam', 'n8n-nodes-payram.payRamTrigger', 'payRamApi']));
			for (const type of ours) {
				const urls = typeof type.iconUrl === 'object' ? Object.values(type.iconUrl) : [type.iconUrl];
				expect({ type: type.name, icons: urls.length }).toEqual({ type: type.name, icons: 2 });
				for (const url of urls) {
					const icon = await get(String(url));
					expect({ url, status: icon.status, svg: icon.data.includes('<svg') }).toEqual({ url, status: 200, svg: true });
				}
			}
		});
	});

	describe('the published PayRam Trigger receives PayRam webhooks', () => {
		const executions = async () => n8n.executions(TRIGGER_WORKFLOW_ID);
		const createPayment = async (customerId: string, amountInUSD: number, invoiceID: string) =>
			(
				await axios.post(
					`${sim.url}/api/v1/payment`,
					{ customerEmail: `${customerId}@example.com`, customerId, amountInUSD, invoiceID },
					{ headers: { 'API-Key': sim.apiKey } },
				)
			).data.reference_id as string;
		const executionFor = async (referenceId: string, count = 1) =>
			waitFor(`an execution for ${referenceId}`, async () => {
				const found = (await executions()).filter((e) =>
					JSON.stringify(e.data?.resultData?.runData?.['PayRam Trigger'] ?? '').includes(referenceId),
				);
				return found.length >= count && found.every((e) => e.finished || e.status === 'success') ? found : undefined;
			});

		it.each(['current', 'legacy'] as const)('runs the Filled branch for a FILLED payment (%s webhook)', async (mode) => {
			sim.setWebhook({ url: hookUrl, mode });
			const reference = await createPayment(`cust_${mode}_filled`, 30, `order-${mode}-filled`);
			const delivery = await sim.pay(reference, { state: 'FILLED', amountUsd: '30.00' });
			expect(delivery?.status).toBe(200);
			expect(delivery?.request.method).toBe(mode === 'current' ? 'POST' : 'GET');
			const [execution] = await executionFor(reference);
			const runData = execution.data?.resultData?.runData;
			expect(items(runData, 'Fulfil Order')[0]).toMatchObject({ orderId: `order-${mode}-filled`, referenceId: reference, paidUsd: mode === 'current' ? '30.00' : '30', action: 'ship' });
			expect(runData?.['Check Payment']).toBeUndefined();
			const event = items(runData, 'PayRam Trigger', 1)[0];
			expect(event).toMatchObject({ state: 'FILLED', delivery: { signed: mode === 'current' } });
			// n8n itself sends the node's acknowledgement (webhookResponse), in 1.x as in 2.x.
			expect(JSON.parse(delivery!.body)).toEqual({ message: 'Webhook received successfully', eventId: event.eventId });
		});

		it.each(['current', 'legacy'] as const)('chases a PARTIALLY_FILLED payment (%s webhook)', async (mode) => {
			sim.setWebhook({ url: hookUrl, mode });
			const reference = await createPayment(`cust_${mode}_partial`, 100, `order-${mode}-partial`);
			await sim.pay(reference, { state: 'PARTIALLY_FILLED', amountUsd: '40.00' });
			const [execution] = await executionFor(reference);
			const runData = execution.data?.resultData?.runData;
			// Check Payment reads PayRam's own record, so the amounts are PayRam's decimal strings in both modes.
			expect(items(runData, 'Reminder: pay the rest')[0]).toMatchObject({ referenceId: reference, paidUsd: '40.00', dueUsd: '100' });
			expect(runData?.['Fulfil Order']).toBeUndefined();
		});

		it('routes OVER_FILLED and payout events to their branches', async () => {
			sim.setWebhook({ url: hookUrl, mode: 'current' });
			const reference = await createPayment('cust_over', 10, 'order-over');
			await sim.pay(reference, { state: 'OVER_FILLED', amountUsd: '12.00' });
			const [over] = await executionFor(reference);
			expect(items(over.data?.resultData?.runData, 'Fulfil and Review Overpayment')[0]).toMatchObject({ orderId: 'order-over' });

			const payout = (
				await axios.post(
					`${sim.url}/api/v1/withdrawal/merchant`,
					{ email: 'ada@example.com', blockchainCode: 'ETH', currencyCode: 'USDC', amount: '5', toAddress: '0x8ba1f109551bD432803012645Ac136ddd64DBA72' },
					{ headers: { 'API-Key': sim.apiKey } },
				)
			).data;
			await sim.setPayoutStatus(payout.id, 'sent');
			const [sent] = await executionFor(`"payoutId":"${String(payout.id)}"`);
			expect(sent.data?.resultData?.runData?.['Payout Update']).toHaveLength(1);
		});

		it('starts nothing for a wrong key, a bad signature, malformed JSON or a ping', async () => {
			sim.setWebhook({ url: hookUrl, mode: 'current' });
			const before = (await executions()).length;
			const body = JSON.stringify({ reference_id: 'ref-hostile', status: 'FILLED' });
			const answers = [
				await sim.deliverRaw({ method: 'POST', headers: { 'Content-Type': 'application/json', 'API-Key': 'wrong_key_0123456789' }, body }),
				await sim.deliverRaw({ method: 'POST', headers: { 'Content-Type': 'application/json', 'API-Key': sim.apiKey, 'X-Payram-Signature': `sha256=${'0'.repeat(64)}` }, body }),
				await sim.deliverRaw({ method: 'POST', headers: { 'Content-Type': 'text/plain', 'API-Key': sim.apiKey }, body: '{"reference_id": "ref-hostile", "status": ' }),
				await sim.ping({ signed: true }),
				await sim.ping({ signed: false }),
			];
			expect(answers.map((a) => a.status)).toEqual([401, 401, 400, 200, 200]);
			await new Promise((r) => setTimeout(r, 1500));
			expect((await executions()).length).toBe(before);
		});

		it('skips a redelivered event', async () => {
			sim.setWebhook({ url: hookUrl, mode: 'current' });
			const reference = await createPayment('cust_dupe', 15, 'order-dupe');
			await sim.pay(reference, { state: 'FILLED', amountUsd: '15.00' });
			await executionFor(reference);
			const again = await sim.redeliver();
			expect(again.status).toBe(200);
			expect(JSON.parse(again.body)).toMatchObject({ duplicate: true });
			await new Promise((r) => setTimeout(r, 1500));
			expect(await executionFor(reference)).toHaveLength(1);
		});
	});

	describe('secrets', () => {
		it('the API key appears in no execution data and no n8n log line', async () => {
			const all = [
				...(await n8n.executions(TRIGGER_WORKFLOW_ID)),
				...(await Promise.all(['PayRamExample001', 'PayRamExample003', 'PayRamExample005'].map((id) => n8n.executions(id)))).flat(),
			];
			expect(all.length).toBeGreaterThan(5);
			expect(JSON.stringify(all)).not.toContain(sim.apiKey);
			expect(context().logs()).not.toContain(sim.apiKey);
		});
	});
}
