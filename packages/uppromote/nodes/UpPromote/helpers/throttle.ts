/** UpPromote counts requests per store in fixed 60-second windows (120 per window). */
export const RATE_WINDOW_MS = 60000;

/** How many 429 answers one request waits out before it fails: a window is 60 s, so this is minutes of waiting. */
export const MAX_THROTTLE_WAITS = 5;

/**
 * How long to wait after a 429: the `Retry-After` header when it is a number of seconds or an HTTP date,
 * else until UpPromote's next 60-second window; never longer than one window.
 */
export function throttleDelayMs(retryAfter: unknown, nowMs: number): number {
	const text = typeof retryAfter === 'string' || typeof retryAfter === 'number' ? String(retryAfter).trim() : '';
	if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Math.ceil(Number(text) * 1000), RATE_WINDOW_MS);
	const date = text === '' ? NaN : Date.parse(text);
	if (Number.isFinite(date)) return Math.min(Math.max(date - nowMs, 0), RATE_WINDOW_MS);
	return RATE_WINDOW_MS - (nowMs % RATE_WINDOW_MS);
}
