import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import axios from 'axios';
import { startWebhookReceiver } from './testkit';

const API_KEY = 'sim_cli_test_key_fedcba9876543210';
const UPPROMOTE_KEY = 'upk_cli_test_key_0123456789';

function waitForUrl(child: ChildProcess, output: { text: string }): Promise<string> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no banner after 20 s:\n${output.text}`)), 20_000);
		child.stdout!.on('data', (chunk: Buffer) => {
			output.text += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(output.text);
			// All three simulators are up once the whole banner is out.
			if (match && output.text.includes('Ctrl+C stops all three.')) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output.text}`)));
	});
}

describe('npm run simulator (cli.ts)', () => {
	it('starts from environment variables, prints the key only in its banner and stops on SIGTERM', async () => {
		const receiver = await startWebhookReceiver();
		const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'cli.ts')], {
			cwd: path.resolve(__dirname, '../..'),
			env: {
				...process.env,
				PAYRAM_SIM_PORT: '0',
				PAYRAM_SIM_API_KEY: API_KEY,
				PAYRAM_SIM_WEBHOOK_URL: receiver.url,
				PAYRAM_SIM_WEBHOOK_MODE: 'legacy',
				UPPROMOTE_SIM_PORT: '0',
				UPPROMOTE_SIM_API_KEY: UPPROMOTE_KEY,
				REFERRAL_ROCKET_SIM_PORT: '0',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const output = { text: '' };
		try {
			const url = await waitForUrl(child, output);
			expect(output.text).toContain(`curl -s -X POST ${url}/__sim/payments/<reference_id>/pay`);
			const created = await axios.post(`${url}/api/v1/payment`, { customerEmail: 'a@example.com', customerId: 'c', amountInUSD: 3 }, { headers: { 'API-Key': API_KEY } });
			const paid = await axios.post(`${url}/__sim/payments/${created.data.reference_id}/pay`, { state: 'FILLED' });
			expect(paid.data.delivery).toMatchObject({ status: 200, request: { method: 'GET' } });
			expect(receiver.received).toHaveLength(1);

			const upPromoteUrl = /UpPromote simulator listening on (http:\/\/\S+)/.exec(output.text)![1];
			expect(output.text).toContain(`Base URL: ${upPromoteUrl}/api/v2`);
			const affiliates = await axios.get(`${upPromoteUrl}/api/v2/affiliates`, { headers: { Authorization: UPPROMOTE_KEY } });
			expect(affiliates.data).toMatchObject({ status: 200, message: 'success' });

			const referralRocketUrl = /Referral Rocket simulator listening on (http:\/\/\S+)/.exec(output.text)![1];
			expect(output.text).toContain(`Base URL:  ${referralRocketUrl}`);
			const campaign = await axios.get(`${referralRocketUrl}/api/v1/getCampaign`, { params: { id: 'JCu82f30F1' } });
			expect(campaign.data).toMatchObject({ campaignId: 'JCu82f30F1' });

			const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			expect(await exited).toBe(0);
			expect(output.text).toContain('POST /api/v1/payment -> 200');
			expect(output.text).toContain(`webhook GET ${receiver.url} -> 200`);
			expect(output.text.split(API_KEY)).toHaveLength(2);
			expect(output.text).toContain('[uppromote] GET /api/v2/affiliates -> 200');
			expect(output.text).toContain('[referral-rocket] GET /api/v1/getCampaign -> 200');
			expect(output.text.split(UPPROMOTE_KEY)).toHaveLength(2);
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
			await receiver.close();
		}
	});
});
