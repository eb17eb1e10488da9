// UpPromote's throttle: 120 requests per store in fixed 60-second windows, answered the way Laravel answers it.
import type { ApiResponse, Headers } from '../../../../testing/simulator/http';

export const RATE_LIMIT = 120;
export const RATE_WINDOW_MS = 60_000;

export interface RateLimiter {
	/** Counts one request; returns the throttle headers and, past the limit, the 429 to answer instead. */
	hit(nowMs: number): { headers: Headers; throttled?: ApiResponse };
	reset(): void;
}

/**
 * `timeScale` shrinks the window for tests (0.01: a 60-second window lasts 600 ms). `Retry-After` is always the real
 * time left in the window: whole seconds (rounded up) at scale 1, seconds with millisecond decimals when scaled.
 */
export function createRateLimiter(limit = RATE_LIMIT, timeScale = 1): RateLimiter {
	const windowMs = RATE_WINDOW_MS * timeScale;
	let windowStart = -Infinity;
	let count = 0;
	return {
		hit(nowMs) {
			// The window opens with the first request after the previous one ended, as Laravel's decay does.
			if (nowMs >= windowStart + windowMs) {
				windowStart = nowMs;
				count = 0;
			}
			count++;
			const headers: Headers = { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(Math.max(limit - count, 0)) };
			if (count <= limit) return { headers };
			const leftMs = Math.max(windowStart + windowMs - nowMs, 1);
			const retryAfter = timeScale === 1 ? String(Math.ceil(leftMs / 1000)) : String(Math.ceil(leftMs) / 1000);
			return { headers, throttled: tooManyAttempts(retryAfter, limit) };
		},
		reset() {
			windowStart = -Infinity;
			count = 0;
		},
	};
}

export function tooManyAttempts(retryAfter: string, limit = RATE_LIMIT): ApiResponse {
	return {
		status: 429,
		body: { message: 'Too Many Attempts.' },
		headers: { 'Retry-After': retryAfter, 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': '0' },
	};
}
