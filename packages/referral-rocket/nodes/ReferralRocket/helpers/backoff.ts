/** How many 429/503 answers one read waits out before it fails. */
export const MAX_BUSY_WAITS = 4;

/** The longest single wait, whatever `Retry-After` asks: a node run should not hang for minutes. */
export const MAX_WAIT_MS = 30000;

/**
 * How long to wait after the n-th (0-based) 429 or 503: `Retry-After` as seconds or an HTTP date when the service
 * sends it, else 1 s, 2 s, 4 s, ...; never longer than MAX_WAIT_MS.
 */
export function busyDelayMs(retryAfter: unknown, attempt: number, nowMs: number): number {
	const text = typeof retryAfter === 'string' || typeof retryAfter === 'number' ? String(retryAfter).trim() : '';
	if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Math.ceil(Number(text) * 1000), MAX_WAIT_MS);
	const date = text === '' ? NaN : Date.parse(text);
	if (Number.isFinite(date)) return Math.min(Math.max(date - nowMs, 0), MAX_WAIT_MS);
	return Math.min(1000 * 2 ** attempt, MAX_WAIT_MS);
}
