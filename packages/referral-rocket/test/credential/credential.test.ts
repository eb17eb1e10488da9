import { createServer } from 'node:http';

import { testCredential } from '../../../../testing/engine/credential-test';
import { closeServer, listenLocally } from '../../../../testing/simulator/http';
import { startReferralRocketSimulator, type ReferralRocketSimulator } from '../simulator/server';

let sim: ReferralRocketSimulator;
const KEY = 'rr_live_0a1b2c3d4e5f6a7b8c9d';

beforeAll(async () => {
	sim = await startReferralRocketSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe("Referral Rocket API credential test (as the editor's Test button runs it)", () => {
	it('reaches the API with a made-up code check, sending no key header when API Key is empty', async () => {
		const result = await testCredential('referralRocketApi', { baseUrl: `${sim.baseUrl}/`, headerName: 'X-API-Key', apiKey: '' });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/validateCode', query: { campaignId: 'n8n-credential-test', code: 'n8n-credential-test' }, status: 200 });
		expect(Object.keys(sim.requests[0].headers).filter((name) => /key|auth/i.test(name))).toEqual([]);
	});

	it('sends the key under the header name given, and a Base URL pasted with /api/v1 works', async () => {
		sim.requireKey = { header: 'X-Partner-Key', value: KEY };
		const result = await testCredential('referralRocketApi', { baseUrl: `${sim.baseUrl}/api/v1`, headerName: 'X-Partner-Key', apiKey: KEY });
		expect(result.status).toBe('OK');
		expect(sim.requests[0].headers['x-partner-key']).toBe(KEY);
	});

	it('tells a service that wants a key (401) apart, without the key in the message', async () => {
		sim.requireKey = { header: 'X-API-Key', value: 'the-right-one' };
		const result = await testCredential('referralRocketApi', { baseUrl: sim.baseUrl, headerName: 'X-API-Key', apiKey: KEY });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Referral Rocket answered but refused the request \(401\)/);
		expect(result.message).not.toContain(KEY);
	});

	it('tells a Base URL without the API apart (404)', async () => {
		const result = await testCredential('referralRocketApi', { baseUrl: `${sim.baseUrl}/shop`, headerName: 'X-API-Key', apiKey: '' });
		expect(result.message).toMatch(/^No Referral Rocket API answered at this Base URL \(404\)/);
	});

	it('tells an unreachable API apart', async () => {
		const closed = createServer();
		const origin = await listenLocally(closed);
		await closeServer(closed);
		const result = await testCredential('referralRocketApi', { baseUrl: origin, headerName: 'X-API-Key', apiKey: '' });
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});
