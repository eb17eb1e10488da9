import { createServer } from 'node:http';

import { testCredential } from '../../../../testing/engine/credential-test';
import { closeServer, listenLocally } from '../../../../testing/simulator/http';
import { startUpPromoteSimulator, type UpPromoteSimulator } from '../simulator/server';

let sim: UpPromoteSimulator;
let API_KEY: string;
let baseUrl: string;

beforeAll(async () => {
	sim = await startUpPromoteSimulator();
	API_KEY = sim.apiKey;
	baseUrl = sim.baseUrl;
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe("UpPromote API credential test (as the editor's Test button runs it)", () => {
	it('accepts the right key, sent raw in Authorization with Accept: application/json', async () => {
		const result = await testCredential('upPromoteApi', { apiKey: API_KEY, baseUrl: `${baseUrl}/` });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0]).toMatchObject({ path: '/api/v2/affiliates', query: { page: '1', per_page: '1' }, status: 200 });
		expect(sim.requests[0].headers.authorization).toBe(API_KEY);
		expect(sim.requests[0].headers.accept).toBe('application/json');
	});

	it('tells a rejected key apart', async () => {
		const result = await testCredential('upPromoteApi', { apiKey: `Bearer ${API_KEY}`, baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^UpPromote rejected the API key/);
		expect(result.message).not.toContain(API_KEY);
	});

	it('tells a Base URL without the API apart', async () => {
		const result = await testCredential('upPromoteApi', { apiKey: API_KEY, baseUrl: `${baseUrl}/shop` });
		expect(result.message).toMatch(/^No UpPromote API answered at this Base URL \(404\)/);
	});

	it('tells an unreachable API apart', async () => {
		const closed = createServer();
		const origin = await listenLocally(closed);
		await closeServer(closed);
		const result = await testCredential('upPromoteApi', { apiKey: API_KEY, baseUrl: `${origin}/api/v2` });
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});
