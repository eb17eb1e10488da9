// How close a run of UpPromote calls came to the store's rate limit, from the calls the simulator recorded.

/** One API request as the simulator saw it: when it arrived (ms) and what it was answered (0: no answer). */
export interface ApiCall {
	at: number;
	status: number;
}

export interface RateLimitFigures {
	/** Every API request of the run, refused ones included (each counts against the limit). */
	calls: number;
	/** Answered 2xx: the calls that did their work. */
	succeeded: number;
	/** Answered 429 and sent again by the node. */
	throttled: number;
	/** Answered anything else (an error, or no answer). */
	failed: number;
	/** From the first successful call's arrival to the last's. */
	spanMs: number;
	/** Rate windows the run's calls opened, counted as the simulator counts them (a window opens with the first call after the last one ended). */
	windows: number;
	/** The fewest windows the limit allows for that many successful calls. */
	fewestWindows: number;
	/** Successful calls per window (one scaled minute) from the first to the last; undefined for fewer than two calls. */
	perWindow?: number;
	/** perWindow / limit. */
	ratio?: number;
	/** Whether the limit can bind at all: more successful calls than one window holds. */
	limitBinds: boolean;
	/** The longest a window's calls took, from its first call to its last: below the window, the node outpaces the limit. */
	busiestWindowMs: number;
	/** Mean time from a window's end to the call that opened the next one: what the run lost per window (undefined with one window). */
	boundaryLossMs?: number;
}

/**
 * The figures of one run. `perWindow` counts the calls after the first over the time from the first to the last, so a
 * run that keeps exactly `limit` calls in every window scores `limit`; a run that ends partway into its last window can
 * score a little above it, and one that fits into a single window says how fast the node went, not the limit.
 */
export function rateLimitFigures(calls: readonly ApiCall[], windowMs: number, limit: number): RateLimitFigures {
	const sorted = [...calls].sort((a, b) => a.at - b.at);
	const ok = sorted.filter((call) => call.status >= 200 && call.status < 300);
	const throttled = sorted.filter((call) => call.status === 429).length;
	const starts: number[] = [];
	let busiestWindowMs = 0;
	for (const call of sorted) {
		if (starts.length === 0 || call.at >= starts[starts.length - 1] + windowMs) starts.push(call.at);
		busiestWindowMs = Math.max(busiestWindowMs, call.at - starts[starts.length - 1]);
	}
	const windows = starts.length;
	const losses = starts.slice(1).map((start, index) => start - (starts[index] + windowMs));
	const spanMs = ok.length > 0 ? ok[ok.length - 1].at - ok[0].at : 0;
	const perWindow = ok.length > 1 && spanMs > 0 ? ((ok.length - 1) / spanMs) * windowMs : undefined;
	return {
		calls: sorted.length,
		succeeded: ok.length,
		throttled,
		failed: sorted.length - ok.length - throttled,
		spanMs,
		windows,
		fewestWindows: Math.ceil(ok.length / limit),
		perWindow,
		ratio: perWindow === undefined ? undefined : perWindow / limit,
		limitBinds: ok.length > limit,
		busiestWindowMs,
		boundaryLossMs: losses.length > 0 ? losses.reduce((sum, loss) => sum + loss, 0) / losses.length : undefined,
	};
}

/** What a list of returned records holds against what the store holds: each expected id exactly once. */
export function returnedOnce(returned: readonly unknown[], expected: readonly number[]): { missing: number; duplicated: number; unexpected: number } {
	const counts = new Map<number, number>();
	for (const id of returned) counts.set(Number(id), (counts.get(Number(id)) ?? 0) + 1);
	const wanted = new Set(expected);
	let missing = 0;
	for (const id of wanted) if (!counts.has(id)) missing++;
	let duplicated = 0;
	let unexpected = 0;
	for (const [id, count] of counts) {
		if (!wanted.has(id)) unexpected += count;
		else duplicated += count - 1;
	}
	return { missing, duplicated, unexpected };
}
