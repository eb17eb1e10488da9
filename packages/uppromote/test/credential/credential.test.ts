import { createServer, type Server } from 'node:http';

import { testCredential } from '../../../../testing/engine/credential-test';
import { closeServer, flattenHeaders, listenLocally, sendJson, type Headers } from '../../../../testing/simulator/http';

const API_KEY = 'upk_test_0123456789abcdef';

// Until the UpPromote simulator lands: its documented key check on GET /affiliates (raw key, no Bearer), nothing more.
let server: Server;
let baseUrl: string;
const received: Array<{ path: string; headers: Headers }> = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		const headers = flattenHeaders(req.headers);
		received.push({ path: req.url ?? '', headers });
		if (!(req.url ?? '').startsWith('/api/v2/affiliates')) return sendJson(res, { status: 404, body: { status: 404, message: 'Not found' } });
		if (!headers.authorization) return sendJson(res, { status: 401, body: { message: 'Token not provided' } });
		if (headers.authorization !== API_KEY) return sendJson(res, { status: 401, body: { message: 'Unauthorized' } });
		return sendJson(res, { status: 200, body: { status: 200, message: 'success', data: [] } });
	});
	baseUrl = `${await listenLocally(server)}/api/v2`;
});
afterAll(() => closeServer(server));
beforeEach(() => {
	received.length = 0;
});

describe("UpPromote API credential test (as the editor's Test button runs it)", () => {
	it('accepts the right key, sent raw in Authorization with Accept: application/json', async () => {
		const result = await testCredential('upPromoteApi', { apiKey: API_KEY, baseUrl: `${baseUrl}/` });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(received).toHaveLength(1);
		expect(received[0].path).toBe('/api/v2/affiliates?page=1&per_page=1');
		expect(received[0].headers.authorization).toBe(API_KEY);
		expect(received[0].headers.accept).toBe('application/json');
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
