import { setTimeout as wait } from 'node:timers/promises';
import { expectContractResponse, startTestSimulator, type TestSimulator } from './testkit';

let t: TestSimulator;

beforeAll(async () => {
	t = await startTestSimulator();
});
afterAll(() => t.sim.close());
beforeEach(() => t.sim.reset());

describe('rate limit: 120 requests per store per fixed window', () => {
	it('answers request 121 with Laravel\'s 429, and counts every request whatever its answer', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 40; i++) statuses.push((await t.api.get('/affiliates')).status);
		for (let i = 0; i < 40; i++) statuses.push((await t.anonymous.get('/affiliates')).status);
		for (let i = 0; i < 40; i++) statuses.push((await t.api.get('/referrals', { params: { from_date: '2025-01-01T00:00:00Z' } })).status);
		expect(new Set(statuses)).toEqual(new Set([200, 401, 422]));

		const throttled = await t.api.get('/affiliates');
		expect(throttled.status).toBe(429);
		expect(throttled.data).toEqual({ message: 'Too Many Attempts.' });
		expect(throttled.headers['x-ratelimit-limit']).toBe('120');
		expect(throttled.headers['x-ratelimit-remaining']).toBe('0');
		expect(throttled.headers['retry-after']).toMatch(/^(5\d|60)$/);
		expectContractResponse(throttled);
		expect((await t.anonymous.get('/affiliates')).status).toBe(429);
	});

	it('tells how many requests are left on every answer', async () => {
		expect((await t.api.get('/programs')).headers['x-ratelimit-remaining']).toBe('119');
		expect((await t.anonymous.get('/programs')).headers['x-ratelimit-remaining']).toBe('118');
	});

	it('with a time scale, says in Retry-After the real seconds left and opens a new window once they passed', async () => {
		// A 60-second window that lasts 3 s, with room for 3 requests.
		const scaled = await startTestSimulator({ timeScale: 0.05, rateLimit: 3 });
		try {
			for (let i = 0; i < 3; i++) expect((await scaled.api.get('/programs')).status).toBe(200);
			const throttled = await scaled.api.get('/programs');
			expect(throttled.status).toBe(429);
			expect(throttled.headers['x-ratelimit-limit']).toBe('3');
			const retryAfter = Number(throttled.headers['retry-after']);
			expect(retryAfter).toBeGreaterThan(0);
			expect(retryAfter).toBeLessThanOrEqual(3);
			await wait(retryAfter * 1000);
			const next = await scaled.api.get('/programs');
			expect(next.status).toBe(200);
			expect(next.headers['x-ratelimit-remaining']).toBe('2');
		} finally {
			await scaled.sim.close();
		}
	});
});
