import { mkdirSync } from 'node:fs';
import path from 'node:path';

import axios from 'axios';

import { startSimulator, type PayRamSimulator } from '../simulator/server';
import { N8N_TARGETS, N8nServer, packRepositoryPackages } from '../../testing/n8n/n8n';
import { startParts, stopParts, suiteParts } from '../../testing/n8n/suite-package';
import { SISTER_PACKAGES } from '../sister-packages';
import { e2eScenarios, items } from './scenarios';
import { TRIGGER_WORKFLOW_ID, freePort, triggerUrl, waitFor, writeCredentialFile, writeExamplesFile } from './support';

const selected = (process.env.PAYRAM_E2E_N8N ?? '').split(',').filter(Boolean);
// A version outside the pinned list runs on the Node its major needs, e.g. PAYRAM_E2E_N8N=2.41.1 when that one is cached.
const targets = selected.length === 0
	? [...N8N_TARGETS]
	: selected.map((version) => N8N_TARGETS.find((t) => t.version === version) ?? { version, nodeMajor: version.startsWith('1.') ? '20' : '24' });
const CHASE_EXPIRED_ID = 'PayRamExample006';
const FULFIL_UNNOTIFIED_ID = 'PayRamExample007';
const workDir = path.resolve(__dirname, '../../.e2e');

describe.each(targets)('n8n $version (Node $nodeMajor) with the packed package', ({ version, nodeMajor }) => {
	let sim: PayRamSimulator;
	let n8n: N8nServer;
	let hookUrl: string;
	// Every package of the repository is installed in this one n8n; each sister package adds its own tests.
	const parts = suiteParts(SISTER_PACKAGES, 'e2e');

	beforeAll(async () => {
		sim = await startSimulator({ port: 0 });
		const others = await startParts(parts);
		const userFolder = path.join(workDir, `n8n-${version}`);
		n8n = new N8nServer({ version, nodeMajor, port: await freePort(), userFolder });
		n8n.prepare(packRepositoryPackages());
		mkdirSync(userFolder, { recursive: true });
		writeCredentialFile(path.join(userFolder, 'credentials.json'), sim.url, sim.apiKey, others.credentials);
		const workflows = writeExamplesFile(path.join(userFolder, 'workflows.json'), others.workflows);
		await n8n.importCredentials(path.join(userFolder, 'credentials.json'));
		await n8n.importWorkflows(path.join(userFolder, 'workflows.json'));
		await n8n.start();
		await n8n.publish(TRIGGER_WORKFLOW_ID);
		hookUrl = triggerUrl(n8n.baseUrl, workflows.find((w) => w.id === TRIGGER_WORKFLOW_ID)!);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.close();
		await stopParts(parts);
	});

	e2eScenarios(() => ({ sim, n8n, version, hookUrl, logs: () => n8n.log() }));
	for (const part of parts) part.tests(() => ({ n8n, version, webhookBaseUrl: n8n.baseUrl, logs: () => n8n.log() }));

	describe('published PayRam Poll Trigger workflows (polling every minute)', () => {
		it('catch an expired link and a FILLED payment whose webhook could not be delivered', async () => {
			const searches = () => sim.requests.filter((request) => request.path === '/api/v1/payment/search').length;
			const before = searches();
			await n8n.publish(CHASE_EXPIRED_ID);
			await n8n.publish(FULFIL_UNNOTIFIED_ID);
			// n8n 2.x answers the publish call before its activation poll has run: the changes below must come after it.
			await waitFor('the activation polls', async () => (searches() >= before + 2 ? true : undefined));
			const create = async (customerId: string) =>
				(
					await axios.post<{ reference_id: string }>(
						`${sim.url}/api/v1/payment`,
						{ customerEmail: `${customerId}@example.com`, customerId, amountInUSD: 21 },
						{ headers: { 'API-Key': sim.apiKey } },
					)
				).data.reference_id;
			const expired = await create('cust_poll_expired');
			sim.expire(expired);
			const previous = sim.webhook;
			// Nothing listens on port 1: the FILLED notification fails, as when the merchant's n8n is unreachable.
			sim.setWebhook({ url: 'http://127.0.0.1:1/webhook/payram', mode: 'current' });
			const paid = await create('cust_poll_unnotified');
			const delivery = await sim.pay(paid, { state: 'FILLED' });
			sim.setWebhook(previous);
			expect(delivery?.status).toBe(0);

			const reported = (workflowId: string, node: string, referenceId: string) =>
				waitFor(`${workflowId} to report ${referenceId}`, async () => {
					const all = await n8n.executions(workflowId);
					const found = all.flatMap((execution) => items(execution.data?.resultData?.runData, node)).filter((item) => item.referenceId === referenceId);
					return found.length > 0 ? found : undefined;
				}, 150_000);
			const [chased] = await reported(CHASE_EXPIRED_ID, 'Chase Customer', expired);
			expect(chased).toMatchObject({ state: 'CANCELLED', condition: 'state', amount: '21' });
			const [fulfilled] = await reported(FULFIL_UNNOTIFIED_ID, 'Fulfil Order', paid);
			expect(fulfilled).toMatchObject({ state: 'FILLED', condition: 'webhookFailed', webhookStatus: 'failed' });
			expect(String(fulfilled.eventId)).toMatch(/^payment_[0-9a-f]{24}$/);
		}, 330_000);
	});
});
