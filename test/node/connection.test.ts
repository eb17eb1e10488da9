import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { testCredential } from '../../testing/engine/credential-test';
import { loadWorkflowFixture, runWorkflow } from '../../testing/engine/run-workflow';
import { startSimulator, type PayRamSimulator } from '../simulator/server';

/** A self-signed certificate for 127.0.0.1, made fresh for this run. */
function selfSignedCertificate(): { key: string; cert: string } {
	const dir = mkdtempSync(path.join(tmpdir(), 'payram-tls-'));
	execFileSync('openssl', [
		'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
		'-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
	], { stdio: 'ignore' });
	return { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

let sim: PayRamSimulator;
let tlsSim: PayRamSimulator;

beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
	tlsSim = await startSimulator({ port: 0, tls: selfSignedCertificate() });
});
afterAll(async () => {
	await sim.close();
	await tlsSim.close();
});
beforeEach(() => {
	sim.reset();
	tlsSim.reset();
});

function getPaymentOf(reference = 'ref-1') {
	const workflow = loadWorkflowFixture('payment-get.json');
	workflow.pinData!["When clicking 'Execute workflow'"] = [{ json: { reference } }];
	return workflow;
}

async function existingReference(target: PayRamSimulator): Promise<string> {
	const workflow = loadWorkflowFixture('payment-create-and-get.json');
	const result = await runWorkflow(workflow, {
		credentials: { payRamApi: { url: target.url, apiKey: target.apiKey, allowInsecure: true } },
	});
	return result.output('Create Payment Link')[0].json.reference_id as string;
}

describe('Server URL and connection security', () => {
	it('cleans a pasted URL: spaces, /api/v1 and trailing slashes', async () => {
		const reference = await existingReference(sim);
		const result = await runWorkflow(getPaymentOf(reference), {
			credentials: { payRamApi: { url: `  ${sim.url}/api/v1/// `, apiKey: sim.apiKey, allowInsecure: true } },
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Get Payment')[0].json.referenceID).toBe(reference);
	});

	it('refuses a plain-http server unless the credential opts in', async () => {
		const result = await runWorkflow(getPaymentOf(), {
			credentials: { payRamApi: { url: sim.url, apiKey: sim.apiKey, allowInsecure: false } },
		});
		expect(result.nodeError('Get Payment')?.message).toBe(
			`The Server URL uses plain http (${sim.url}). Use https, or turn on "Allow Insecure Connection" in the PayRam credential for a legacy server`,
		);
		expect(sim.requests).toHaveLength(0);
	});

	it('refuses a self-signed certificate with a sentence that names the opt-in', async () => {
		const result = await runWorkflow(getPaymentOf(), {
			credentials: { payRamApi: { url: tlsSim.url, apiKey: tlsSim.apiKey, allowInsecure: false } },
		});
		expect(result.nodeError('Get Payment')?.message).toBe(
			`Cannot reach PayRam at ${tlsSim.url}: the server uses a self-signed certificate; turn on "Allow Insecure Connection" in the credential if you trust it`,
		);
		expect(tlsSim.requests).toHaveLength(0);
	});

	it('talks to a self-signed legacy server once the credential opts in', async () => {
		const reference = await existingReference(tlsSim);
		const result = await runWorkflow(getPaymentOf(reference), {
			credentials: { payRamApi: { url: tlsSim.url, apiKey: tlsSim.apiKey, allowInsecure: true } },
		});
		expect(result.output('Get Payment')[0].json.paymentState).toBe('OPEN');
	});

	it('says when nothing listens at the Server URL', async () => {
		const url = `http://127.0.0.1:${await closedPort()}`;
		const result = await runWorkflow(getPaymentOf(), {
			credentials: { payRamApi: { url, apiKey: 'k_0123456789', allowInsecure: true } },
		});
		const error = result.nodeError('Get Payment');
		expect(error?.message).toBe(
			`Cannot reach PayRam at ${url}: the server refused the connection (is PayRam running on that host and port?)`,
		);
		expect(error?.description).toContain('ECONNREFUSED');
	});
});

describe('Reads are retried, writes are not', () => {
	it('retries a Get after a 503 and after a dropped connection', async () => {
		const reference = await existingReference(sim);
		const before = sim.requests.length;
		sim.setFaults({ failNext: { count: 1, status: 503, pathPrefix: '/api/v1/payment/reference' } });
		let result = await runWorkflow(getPaymentOf(reference), {
			credentials: { payRamApi: { url: sim.url, apiKey: sim.apiKey, allowInsecure: true } },
		});
		expect(result.output('Get Payment')[0].json.referenceID).toBe(reference);

		sim.setFaults({ dropNext: { count: 1, pathPrefix: '/api/v1/payment/reference' } });
		result = await runWorkflow(getPaymentOf(reference), {
			credentials: { payRamApi: { url: sim.url, apiKey: sim.apiKey, allowInsecure: true } },
		});
		expect(result.output('Get Payment')[0].json.referenceID).toBe(reference);
		expect(sim.requests.slice(before).map((r) => r.path)).toEqual(Array(4).fill(`/api/v1/payment/reference/${reference}`));
	});

	it('gives up on a Get after three 5xx answers with a clear error', async () => {
		sim.setFaults({ failNext: { count: 3, status: 502, pathPrefix: '/api/v1/payment/reference' } });
		const result = await runWorkflow(getPaymentOf('ref-x'), {
			credentials: { payRamApi: { url: sim.url, apiKey: sim.apiKey, allowInsecure: true } },
		});
		expect(result.nodeError('Get Payment')?.message).toMatch(/^PayRam: .+ \(HTTP 502/);
		expect(sim.requests.filter((r) => r.path.startsWith('/api/v1/payment/reference'))).toHaveLength(3);
	});
});

describe('PayRam API credential test (as the editor\'s Test button runs it)', () => {
	it('accepts the right key', async () => {
		const result = await testCredential('payRamApi', { url: sim.url, apiKey: sim.apiKey, allowInsecure: true });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = sim.requests;
		expect(request.path).toBe('/api/v1/withdrawal/merchant');
		expect(request.headers['api-key']).toBe(sim.apiKey);
	});

	it('tells a rejected key apart', async () => {
		const result = await testCredential('payRamApi', { url: sim.url, apiKey: 'wrong_key_0123456789', allowInsecure: true });
		expect(result).toEqual({
			status: 'Error',
			message: 'PayRam rejected the Project API Key. Copy it again from Project → API Keys in the PayRam dashboard.',
		});
	});

	it('tells a URL without a PayRam API apart', async () => {
		const result = await testCredential('payRamApi', { url: `${sim.url}/shop`, apiKey: sim.apiKey, allowInsecure: true });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^No PayRam API answered at this Server URL \(404\)/);
	});

	it('tells an unreachable server apart', async () => {
		const url = `http://127.0.0.1:${await closedPort()}`;
		const result = await testCredential('payRamApi', { url, apiKey: sim.apiKey, allowInsecure: true });
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	it('tells a self-signed certificate apart, and passes once the credential opts in', async () => {
		const refused = await testCredential('payRamApi', { url: tlsSim.url, apiKey: tlsSim.apiKey, allowInsecure: false });
		expect(refused).toEqual({ status: 'Error', message: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
		const accepted = await testCredential('payRamApi', { url: tlsSim.url, apiKey: tlsSim.apiKey, allowInsecure: true });
		expect(accepted.status).toBe('OK');
	});

	it('does not reach a plain-http server without the opt-in', async () => {
		const result = await testCredential('payRamApi', { url: sim.url, apiKey: sim.apiKey, allowInsecure: false });
		expect(result.status).toBe('Error');
		expect(sim.requests).toHaveLength(0);
	});
});
