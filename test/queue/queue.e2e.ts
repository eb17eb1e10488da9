import axios from 'axios';
import path from 'node:path';

import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { e2eScenarios } from '../e2e/scenarios';
import { TRIGGER_WORKFLOW_ID, waitFor } from '../e2e/support';
import { asLoadRequest, signedFilledEvent } from '../reliability/events';
import { runLoad } from '../../testing/n8n/load';
import { startParts, stopParts, suiteParts } from '../../testing/n8n/suite-package';
import { SISTER_PACKAGES } from '../sister-packages';
import { startQueueCluster, type QueueCluster } from './cluster';

const QUEUE_DELIVERIES = Number(process.env.QUEUE_DELIVERIES ?? 5000);
/**
 * The load is sized by time, not count: 3 minutes (QUEUE_LOAD_MINUTES) or QUEUE_DELIVERIES, whichever comes first.
 * With three packages' workflows active this machine did 6.8 deliveries/s, so one twice as slow still sends ~610, twice
 * the floor, and the load plus the
 * wait for its executions stays under half of the test's 30-minute timeout.
 */
const LOAD_MS = Number(process.env.QUEUE_LOAD_MINUTES ?? 3) * 60_000;
const FLOOR = Math.min(300, QUEUE_DELIVERIES);

describe('n8n queue mode: main, webhook processor, two workers (PostgreSQL, Redis)', () => {
	let sim: PayRamSimulator;
	let cluster: QueueCluster;
	// Every package is installed in the same cluster; each sister package adds its own tests after PayRam's.
	const parts = suiteParts(SISTER_PACKAGES, 'queue');

	beforeAll(async () => {
		sim = await startSimulator({ port: 0 });
		const others = await startParts(parts);
		cluster = await startQueueCluster({
			folder: path.resolve(__dirname, '../../.e2e/n8n-queue'),
			payramUrl: sim.url,
			payramKey: sim.apiKey,
			others,
		});
	});

	afterAll(async () => {
		await cluster?.stop();
		await sim?.close();
		await stopParts(parts);
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

	it(`turns the deliveries of a ${LOAD_MS / 60_000}-minute load (at most ${QUEUE_DELIVERIES}, at least ${FLOOR}) through the webhook processor into exactly one execution each`, async () => {
		const before = new Set((await cluster.main.executions(TRIGGER_WORKFLOW_ID)).map((e) => String(e.id)));
		const events = Array.from({ length: QUEUE_DELIVERIES }, (_v, i) => signedFilledEvent(cluster.hookUrl, sim.apiKey, 100000 + i));
		const report = await runLoad({
			url: cluster.hookUrl,
			count: events.length,
			request: (i) => asLoadRequest(events[i]),
			concurrency: 50,
			timeCapMs: LOAD_MS,
		});
		const sentCount = report.started;
		expect(sentCount).toBeGreaterThanOrEqual(FLOOR);
		expect(report.statuses).toEqual({ 200: sentCount });
		const accepted = report.answered;
		const seen = await waitFor(
			'every execution to finish',
			async () => {
				const all = (await cluster.main.executions(TRIGGER_WORKFLOW_ID)).filter((e) => !before.has(String(e.id)));
				return all.length >= accepted && all.every((e) => e.finished) ? all : undefined;
			},
			10 * 60 * 1000,
		);
		const references = seen.map((e) => {
			const trigger = e.data?.resultData?.runData?.['PayRam Trigger']?.[0]?.data?.main ?? [];
			return trigger.flat().map((item) => item?.json.referenceId)[0];
		});
		const sent = new Set(events.slice(0, sentCount).map((e) => e.referenceId));
		const counts = new Map<unknown, number>();
		for (const reference of references) counts.set(reference, (counts.get(reference) ?? 0) + 1);
		const lost = [...sent].filter((r) => !counts.has(r)).length;
		const duplicated = [...counts.values()].filter((n) => n > 1).length;
		const lastFinish = Math.max(...seen.map((e) => Date.parse(String((e as { stoppedAt?: string }).stoppedAt ?? 0))));
		const firstStart = Math.min(...seen.map((e) => Date.parse(String((e as { startedAt?: string }).startedAt ?? 0))));
		const workerRuns = cluster.workers.map((w) => (w.log().match(/Worker started execution/g) ?? []).length);
		console.log(
			[
				`queue mode: a load bounded at ${LOAD_MS / 60_000} minutes (floor ${FLOOR}) ran ${(report.elapsedMs / 1000).toFixed(0)} s: deliveries sent ${sentCount} / accepted ${accepted} / executions seen ${seen.length} / lost ${lost} / duplicated ${duplicated}`,
				`webhook processor: ${(accepted / (report.elapsedMs / 1000)).toFixed(1)} deliveries/s acknowledged (p50 ${report.latencyMs.p50.toFixed(0)} ms, p95 ${report.latencyMs.p95.toFixed(0)} ms)`,
				`end to end: ${(seen.length / ((lastFinish - firstStart) / 1000)).toFixed(1)} executions/s finished; per worker: ${workerRuns.join(' / ')}`,
			].join('\n'),
		);
		expect({ lost, duplicated, executions: seen.length }).toEqual({ lost: 0, duplicated: 0, executions: sentCount });
		expect(workerRuns.every((n) => n > 0)).toBe(true);
	});

	for (const part of parts) {
		part.tests(() => ({
			n8n: cluster.main,
			version: cluster.main.version,
			webhookBaseUrl: cluster.webhook.baseUrl,
			logs: () => cluster.processes().map((p) => p.log()).join('\n'),
			workers: cluster.workers,
		}));
	}
});
