import { SEED_CAMPAIGN_ID } from './server';
import { expectContractResponse, startTestSimulator, type TestSimulator } from './testkit';

let t: TestSimulator;

beforeAll(async () => {
	t = await startTestSimulator();
});
afterAll(() => t.sim.close());
beforeEach(() => t.sim.reset());

const campaign = () => t.api.get('/api/v1/getCampaign', { params: { id: SEED_CAMPAIGN_ID } });

describe('injected faults', () => {
	it('answers the next requests 429 with Retry-After in a burst, then normally', async () => {
		expect((await t.control.post('/__sim/faults', { throttleNext: { count: 2, retryAfterSeconds: 1 } })).status).toBe(200);
		for (let i = 0; i < 2; i++) {
			const throttled = await campaign();
			expect(throttled.status).toBe(429);
			expect(throttled.headers['retry-after']).toBe('1');
			expect(throttled.data).toMatchObject({ status: 429, error: 'Too Many Requests' });
		}
		expect((await campaign()).status).toBe(200);
	});

	it('fails the next requests with a chosen 5xx in Spring’s body', async () => {
		await t.control.post('/__sim/faults', { failNext: { count: 1, status: 503 } });
		const failed = await campaign();
		expect(failed.status).toBe(503);
		expect(failed.data).toMatchObject({ status: 503, error: 'Service Unavailable' });
		expectContractResponse({ ...failed, status: 500 });
		expect((await campaign()).status).toBe(200);
	});

	it('drops the connection, truncates a body, and adds latency', async () => {
		await t.control.post('/__sim/faults', { dropNext: { count: 1 } });
		await expect(campaign()).rejects.toThrow();
		await t.control.post('/__sim/faults', { malformedNext: { count: 1 } });
		const truncated = await t.api.get('/api/v1/getCampaign', { params: { id: SEED_CAMPAIGN_ID }, transformResponse: (raw) => raw });
		expect(() => JSON.parse(truncated.data)).toThrow();
		await t.control.post('/__sim/faults', { latencyMs: 50 });
		const started = Date.now();
		await campaign();
		expect(Date.now() - started).toBeGreaterThanOrEqual(45);
	});

	it('applies a fault only under its path prefix, and refuses bad fault settings', async () => {
		await t.control.post('/__sim/faults', { failNext: { count: 1, status: 500, pathPrefix: '/api/v1/addParticipant' } });
		expect((await campaign()).status).toBe(200);
		expect((await t.api.post('/api/v1/addParticipant', { id: SEED_CAMPAIGN_ID, email: 'x@example.com' })).status).toBe(500);
		expect(t.sim.state.participants).toHaveLength(4);
		expect((await t.control.post('/__sim/faults', { throttleNext: { count: 1, retryAfterSeconds: -1 } })).status).toBe(400);
		expect((await t.control.post('/__sim/faults', { failNext: { count: 1, status: 200 } })).status).toBe(400);
	});

	it('resets state, faults and records', async () => {
		await t.api.post('/api/v1/addParticipant', { id: SEED_CAMPAIGN_ID, email: 'x@example.com' });
		await t.control.post('/__sim/faults', { latencyMs: 10 });
		await t.control.post('/__sim/reset');
		expect(t.sim.state.participants).toHaveLength(4);
		expect(t.sim.events).toHaveLength(0);
		expect(t.sim.requests).toHaveLength(0);
		expect(t.sim.faults).toEqual({});
	});
});
