import axios from 'axios';
import { readPayRamFaults, takePayRamFault } from './faults';
import { CUSTOMER, expectContractResponse, startTestSimulator, type TestSimulator } from './testkit';

describe('readPayRamFaults / takePayRamFault', () => {
	it('rejects malformed fault descriptions', () => {
		expect(() => readPayRamFaults({ failNext: { count: 1, status: 200 } })).toThrow(/HTTP error status/);
		expect(() => readPayRamFaults({ dropNext: { count: -1 } })).toThrow(/non-negative/);
		expect(() => readPayRamFaults({ code5: { status: 404 } })).toThrow(/200 or 500/);
		expect(() => readPayRamFaults([])).toThrow(/object/);
		expect(readPayRamFaults(null)).toEqual({});
	});

	it('uses up counts per matching path and never touches other paths', () => {
		const faults = readPayRamFaults({ failNext: { count: 1, status: 503, pathPrefix: '/api/v1/withdrawal' } });
		expect(takePayRamFault(faults, '/__sim/state').kind).toBe('none');
		expect(takePayRamFault(faults, '/api/v1/payment').kind).toBe('none');
		expect(takePayRamFault(faults, '/api/v1/withdrawal/merchant').kind).toBe('fail');
		expect(takePayRamFault(faults, '/api/v1/withdrawal/merchant').kind).toBe('none');
	});
});

describe('faults over HTTP', () => {
	let t: TestSimulator;

	beforeAll(async () => {
		t = await startTestSimulator();
	});
	afterAll(() => t.sim.close());
	beforeEach(() => t.sim.reset());

	it('delays answers by at least latencyMs', async () => {
		t.sim.setFaults({ latencyMs: 150 });
		const started = Date.now();
		const response = await t.anonymous.get('/api/v1/health');
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
		expect(response.status).toBe(200);
	});

	it.each([500, 502, 503])('fails the next request with %i and then recovers', async (status) => {
		t.sim.setFaults({ failNext: { count: 1, status } });
		const failed = await t.api.post('/api/v1/payment', { ...CUSTOMER, amountInUSD: 5 });
		expect(failed.status).toBe(status);
		expectContractResponse(failed);
		expect(t.sim.state.payments.size).toBe(0);
		expect((await t.api.post('/api/v1/payment', { ...CUSTOMER, amountInUSD: 5 })).status).toBe(200);
	});

	it('only fails paths under pathPrefix', async () => {
		t.sim.setFaults({ failNext: { count: 2, status: 503, pathPrefix: '/api/v1/withdrawal' } });
		expect((await t.anonymous.get('/api/v1/version')).status).toBe(200);
		expect((await t.api.get('/api/v1/withdrawal/merchant')).status).toBe(503);
		expect((await t.api.get('/api/v1/withdrawal/merchant')).status).toBe(503);
		expect((await t.api.get('/api/v1/withdrawal/merchant')).status).toBe(200);
	});

	it('drops the connection without an answer, which axios reports as a socket error', async () => {
		t.sim.setFaults({ dropNext: { count: 1 } });
		const dropped = t.api.post('/api/v1/payment', { ...CUSTOMER, amountInUSD: 5 });
		await expect(dropped).rejects.toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' });
		expect(t.sim.state.payments.size).toBe(0);
		expect((await t.anonymous.get('/api/v1/health')).status).toBe(200);
	});

	it('answers 200 with a truncated JSON body', async () => {
		t.sim.setFaults({ malformedNext: { count: 1 } });
		const response = await t.api.get('/api/v1/version', { responseType: 'text', transformResponse: (body: string) => body });
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toMatch(/application\/json/);
		expect(() => JSON.parse(response.data as string)).toThrow(SyntaxError);
		expect(JSON.stringify({ version: '3.8.1-sim' }).startsWith(response.data as string)).toBe(true);
	});

	it('never applies faults to the control API', async () => {
		t.sim.setFaults({ failNext: { count: 1, status: 500, pathPrefix: '/' }, dropNext: { count: 1, pathPrefix: '/' } });
		expect((await t.anonymous.get('/__sim/state')).status).toBe(200);
		expect((await t.anonymous.get('/checkout/unknown')).status).toBe(404);
	});

	it('is set over HTTP too, and replaced as a whole', async () => {
		const set = await axios.post(`${t.sim.url}/__sim/faults`, { failNext: { count: 1, status: 502 } });
		expect(set.data).toEqual({ faults: { failNext: { count: 1, status: 502 } } });
		expect((await t.anonymous.get('/api/v1/health', { validateStatus: () => true })).status).toBe(502);
		await axios.post(`${t.sim.url}/__sim/faults`, { latencyMs: 1 });
		expect(t.sim.faults).toEqual({ latencyMs: 1 });
		const bad = await axios.post(`${t.sim.url}/__sim/faults`, { failNext: { count: 'x' } }, { validateStatus: () => true });
		expect(bad.status).toBe(400);
	});
});
