import axios from 'axios';
import path from 'node:path';

import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { e2eScenarios } from '../e2e/scenarios';
import { TRIGGER_WORKFLOW_ID, waitFor } from '../e2e/support';
import { startQueueCluster, type QueueCluster } from './cluster';

describe('n8n queue mode: main, webhook processor, two workers (PostgreSQL, Redis)', () => {
	let sim: PayRamSimulator;
	let cluster: QueueCluster;

	beforeAll(async () => {
		sim = await startSimulator({ port: 0 });
		cluster = await startQueueCluster({
			folder: path.resolve(__dirname, '../../.e2e/n8n-queue'),
			payramUrl: sim.url,
			payramKey: sim.apiKey,
		});
	});

	afterAll(async () => {
		await cluster?.stop();
		await sim?.close();
	});

	e2eScenarios(() => ({
		sim,
		n8n: cluster.main,
		version: cluster.main.version,
		hookUrl: cluster.hookUrl,
		logs: () => cluster.processes().map((p) => p.log()).join('\n'),
	}));

	const createPayment = async (customerId: string) =>
		(
			await axios.post(
				`${sim.url}/api/v1/payment`,
				{ customerEmail: `${customerId}@example.com`, customerId, amountInUSD: 20, invoiceID: `order-${customerId}` },
				{ headers: { 'API-Key': sim.apiKey } },
			)
		).data.reference_id as string;
	const executionsFor = async (reference: string) =>
		(await cluster.main.executions(TRIGGER_WORKFLOW_ID)).filter((e) =>
			JSON.stringify(e.data?.resultData?.runData?.['PayRam Trigger'] ?? '').includes(reference),
		);

	it('runs the PayRam node on the workers', async () => {
		sim.setWebhook({ url: cluster.hookUrl, mode: 'current' });
		const reference = await createPayment('cust_worker');
		await sim.pay(reference, { state: 'PARTIALLY_FILLED', amountUsd: '5.00' });
		const [execution] = await waitFor('the execution', async () => {
			const found = await executionsFor(reference);
			return found.length && found.every((e) => e.finished) ? found : undefined;
		});
		expect(execution.data?.resultData?.runData?.['Check Payment']).toHaveLength(1);
		const workerLogs = cluster.workers.map((w) => w.log()).join('\n');
		expect(workerLogs).toMatch(new RegExp(`execution ${String(execution.id)}\\b`));
	});

	it('skips a redelivery that reaches a different webhook processor process', async () => {
		sim.setWebhook({ url: cluster.hookUrl, mode: 'current' });
		const reference = await createPayment('cust_restart');
		await sim.pay(reference, { state: 'FILLED', amountUsd: '20.00' });
		const deliveryIndex = sim.deliveries.length - 1;
		await waitFor('the first execution', async () => ((await executionsFor(reference)).length === 1 ? true : undefined));
		await cluster.restartWebhookProcessor();
		const again = await sim.redeliver(deliveryIndex);
		expect(again.status).toBe(200);
		expect(JSON.parse(again.body)).toMatchObject({ duplicate: true });
		await new Promise((r) => setTimeout(r, 2000));
		expect(await executionsFor(reference)).toHaveLength(1);
	});
});
