// Copied from kit/networkFailure.ts by `npm run kit`: edit that file, not this copy.
// Connection failures as Node reports them: which code, and whether another try of a read can help.

/** Connection failures worth another try of a read; certificate and DNS failures will not change in a second. */
export const RETRY_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN']);

/** The error code of a failed request (ECONNREFUSED, ...), from the error or the error it wraps. */
export function networkErrorCode(error: unknown): string | undefined {
	const e = error as { code?: unknown; cause?: { code?: unknown } };
	const code = e?.cause?.code ?? e?.code;
	return typeof code === 'string' ? code : undefined;
}
