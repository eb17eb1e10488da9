// `npm run screenshots`: pictures of the nodes in the n8n editor for the README, taken with headless Chromium.
import { chromium, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { OWNER, startDemoStack } from './stack';

const outDir = path.resolve(__dirname, '../../docs/screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function openWorkflow(page: Page, base: string, id: string): Promise<void> {
	await page.goto(`${base}/workflow/${id}`);
	await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60000 });
	await page.waitForTimeout(1500);
}

async function openNode(page: Page, name: string): Promise<void> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await page.waitForSelector('[data-test-id="ndv"]', { timeout: 20000 });
	await page.waitForTimeout(1200);
}

async function main(): Promise<void> {
	mkdirSync(outDir, { recursive: true });
	const stack = await startDemoStack({ simPort: 8788, n8nPort: 5690, folder: path.resolve(__dirname, '../../.demo/screenshots') });
	const browser = await chromium.launch({
		executablePath: chromiumPath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1 });
		const base = stack.n8n.baseUrl;
		await page.goto(`${base}/signin`);
		await page.fill('input[type="email"], input[name="emailOrLdapLoginId"]', OWNER.email);
		await page.fill('input[type="password"]', OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30000 });

		// A paid order, so the trigger workflow shows a real execution.
		const reference = await createPayment(stack.sim.url, stack.sim.apiKey);
		await stack.sim.pay(reference, { state: 'FILLED', amountUsd: '49.99' });

		await openWorkflow(page, base, 'PayRamExample002');
		await page.screenshot({ path: path.join(outDir, 'trigger-workflow.png') });
		await openNode(page, 'PayRam Trigger');
		await page.screenshot({ path: path.join(outDir, 'trigger-node.png') });

		await openWorkflow(page, base, 'PayRamExample001');
		await openNode(page, 'Create Payment Link');
		await page.screenshot({ path: path.join(outDir, 'payram-node.png') });

		await page.goto(`${base}/workflow/PayRamExample002/executions`);
		await page.waitForTimeout(4000);
		await page.screenshot({ path: path.join(outDir, 'trigger-execution.png') });
		console.log(`Screenshots written to ${outDir}`);
	} finally {
		await browser.close();
		await stack.stop();
	}
}

async function createPayment(simUrl: string, apiKey: string): Promise<string> {
	const res = await fetch(`${simUrl}/api/v1/payment`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'API-Key': apiKey },
		body: JSON.stringify({ customerEmail: 'customer@example.com', customerId: 'cust_screenshot', amountInUSD: 49.99, invoiceID: 'order-1001' }),
	});
	return ((await res.json()) as { reference_id: string }).reference_id;
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
