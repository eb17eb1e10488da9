import { expectContractResponse, startTestSimulator, type TestSimulator } from './testkit';

let t: TestSimulator;

beforeAll(async () => {
	t = await startTestSimulator({ timeScale: 0.01 });
});
afterAll(() => t.sim.close());
beforeEach(() => t.sim.reset());

describe('faults', () => {
	it('answers the next requests with a 5xx in UpPromote\'s error shape, then normally again', async () => {
		await t.control.post('/__sim/faults', { failNext: { count: 2, status: 500 } });
		const failed = await t.api.get('/affiliates');
		expect(failed.status).toBe(500);
		expect(failed.data).toEqual({ status: 500, message: 'Server Error' });
		expectContractResponse(failed);
		expect((await t.api.post('/affiliates', { email: 'never@example.com' })).status).toBe(500);
		expect(t.sim.state.affiliates.some((affiliate) => affiliate.email === 'never@example.com')).toBe(false);
		expect((await t.api.get('/affiliates')).status).toBe(200);
	});

	it('limits a fault to a path prefix', async () => {
		t.sim.setFaults({ failNext: { count: 1, status: 503, pathPrefix: '/api/v2/referrals' } });
		expect((await t.api.get('/affiliates')).status).toBe(200);
		const failed = await t.api.get('/referrals');
		expect(failed.status).toBe(503);
		expect(failed.data).toEqual({ status: 503, message: 'Server Error' });
	});

	it('drops the connection without an answer', async () => {
		t.sim.setFaults({ dropNext: { count: 1 } });
		await expect(t.api.get('/affiliates')).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect((await t.api.get('/affiliates')).status).toBe(200);
	});

	it('answers a truncated body', async () => {
		t.sim.setFaults({ malformedNext: { count: 1 } });
		const truncated = await t.api.get('/programs', { transformResponse: (text: string) => text });
		expect(truncated.status).toBe(200);
		expect(() => JSON.parse(truncated.data)).toThrow();
	});

	it('answers a burst of 429s with a Retry-After of one (scaled) window', async () => {
		t.sim.setFaults({ throttleNext: { count: 2 } });
		for (let i = 0; i < 2; i++) {
			const throttled = await t.api.get('/affiliates');
			expect(throttled.status).toBe(429);
			expect(throttled.data).toEqual({ message: 'Too Many Attempts.' });
			expect(throttled.headers['retry-after']).toBe('0.6');
		}
		expect((await t.api.get('/affiliates')).status).toBe(200);
	});

	it('answers exactly what a test asks, for answers the live API may give', async () => {
		t.sim.setFaults({ answerNext: { count: 1, status: 422, body: { status: 422, message: 'Affiliate not found' }, headers: { 'X-Extra': 'yes' } } });
		const answered = await t.api.get('/affiliates/2029238');
		expect([answered.status, answered.data, answered.headers['x-extra']]).toEqual([422, { status: 422, message: 'Affiliate not found' }, 'yes']);
		expect((await t.api.get('/affiliates/2029238')).status).toBe(200);
		expect((await t.control.post('/__sim/faults', { answerNext: { count: 1, status: 99 } })).status).toBe(400);
	});

	it('adds latency and still answers', async () => {
		t.sim.setFaults({ latencyMs: 20 });
		expect((await t.api.get('/programs')).status).toBe(200);
	});

	it('refuses faults it cannot read', async () => {
		const refused = await t.control.post('/__sim/faults', { throttleNext: { count: -1 } });
		expect(refused.status).toBe(400);
		expect(refused.data).toEqual({ error: 'invalid faults: throttleNext.count must be a non-negative integer' });
		expect((await t.control.post('/__sim/faults', { failNext: { count: 1, status: 200 } })).status).toBe(400);
	});
});
