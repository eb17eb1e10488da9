import { rateLimitFigures, returnedOnce, type ApiCall } from './rateLimit';

const WINDOW = 3000;

/** `perWindow` successful calls `gapMs` apart at the start of each of `windows` windows, then one refused call in each. */
function saturatingRun(windows: number, perWindow: number, gapMs: number): ApiCall[] {
	const calls: ApiCall[] = [];
	for (let w = 0; w < windows; w++) {
		for (let i = 0; i < perWindow; i++) calls.push({ at: 1_000 + w * WINDOW + i * gapMs, status: 200 });
		calls.push({ at: 1_000 + w * WINDOW + perWindow * gapMs, status: 429 });
	}
	return calls;
}

describe('rateLimitFigures', () => {
	it('scores a run that fills every window and starts the next one as exactly the limit', () => {
		const calls = [...saturatingRun(3, 120, 5), { at: 1_000 + 3 * WINDOW, status: 200 }];
		const figures = rateLimitFigures(calls, WINDOW, 120);
		expect(figures).toMatchObject({ calls: 364, succeeded: 361, throttled: 3, failed: 0, spanMs: 3 * WINDOW, windows: 4, fewestWindows: 4, limitBinds: true });
		expect(figures.perWindow).toBeCloseTo(120, 6);
		expect(figures.ratio).toBeCloseTo(1, 6);
		// 120 calls 5 ms apart, then the refused one: 600 ms of each 3 s window; each next window opened on time.
		expect(figures.busiestWindowMs).toBe(600);
		expect(figures.boundaryLossMs).toBe(0);
	});

	it('measures what a run loses at each window boundary', () => {
		// Each window's first call comes 30 ms after the window before ended.
		const calls = [0, 1, 2].flatMap((w) => Array.from({ length: 120 }, (_, i) => ({ at: w * (WINDOW + 30) + i, status: 200 })));
		const figures = rateLimitFigures(calls, WINDOW, 120);
		expect(figures.windows).toBe(3);
		expect(figures.boundaryLossMs).toBe(30);
		expect(figures.ratio).toBeCloseTo(359 / ((2 * (WINDOW + 30) + 119) / WINDOW) / 120, 9);
	});

	it('scores a run paced at one call per two slots of the limit as half of it, in any order of arrival', () => {
		const calls = Array.from({ length: 241 }, (_, i) => ({ at: 5_000 + i * (WINDOW / 60), status: 200 })).reverse();
		const figures = rateLimitFigures(calls, WINDOW, 120);
		expect(figures.ratio).toBeCloseTo(0.5, 6);
		expect(figures.windows).toBe(5);
		expect(figures.fewestWindows).toBe(3);
	});

	it('does not depend on the time scale: the same run with every time a tenth as long scores the same', () => {
		const run = (scale: number) => {
			const calls = [...saturatingRun(4, 120, 5), { at: 1_000 + 4 * WINDOW, status: 200 }].map((call) => ({ ...call, at: call.at * scale }));
			return rateLimitFigures(calls, WINDOW * scale, 120);
		};
		expect(run(0.1).ratio).toBeCloseTo(run(1).ratio!, 9);
		expect(run(0.1).windows).toBe(run(1).windows);
	});

	it('counts answers other than 2xx and 429 as failures, and a run within one window as one the limit cannot bind', () => {
		const figures = rateLimitFigures(
			[
				{ at: 0, status: 200 },
				{ at: 10, status: 500 },
				{ at: 20, status: 0 },
				{ at: 30, status: 404 },
				{ at: 40, status: 200 },
			],
			WINDOW,
			120,
		);
		expect(figures).toMatchObject({ calls: 5, succeeded: 2, throttled: 0, failed: 3, windows: 1, fewestWindows: 1, limitBinds: false, spanMs: 40, busiestWindowMs: 40, boundaryLossMs: undefined });
		expect(figures.perWindow).toBeCloseTo(WINDOW / 40, 6);
	});

	it('opens a new window with the first call at or after the end of the last one, not on a clock grid', () => {
		const at = [100, 3_099, 3_100, 6_099, 6_100];
		expect(rateLimitFigures(at.map((t) => ({ at: t, status: 200 })), WINDOW, 120).windows).toBe(3);
	});

	it('has no rate for fewer than two successful calls', () => {
		expect(rateLimitFigures([{ at: 5, status: 200 }], WINDOW, 120)).toMatchObject({ perWindow: undefined, ratio: undefined, succeeded: 1 });
		expect(rateLimitFigures([], WINDOW, 120)).toMatchObject({ calls: 0, windows: 0, fewestWindows: 0, ratio: undefined });
	});
});

describe('returnedOnce', () => {
	it('finds missing, repeated and foreign ids, whatever their type', () => {
		expect(returnedOnce([1, '2', 2, 3, 9], [1, 2, 3, 4])).toEqual({ missing: 1, duplicated: 1, unexpected: 1 });
		expect(returnedOnce(['1', '2'], [1, 2])).toEqual({ missing: 0, duplicated: 0, unexpected: 0 });
	});
});
