import type { IDataObject } from 'n8n-workflow';

export interface PayRamFailure {
	message: string;
	code?: string;
	details?: string;
	/** The fields a validation error refused, as "field: reason; ...". */
	fields?: string;
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

function fieldList(fields: unknown): string | undefined {
	if (!fields || typeof fields !== 'object') return undefined;
	const parts = Object.entries(fields as IDataObject).map(([k, v]) => `${k}: ${String(v)}`);
	return parts.length ? parts.join('; ') : undefined;
}

/**
 * Reads every error shape PayRam answers with:
 * {error:{code,message,details}}, {code,message}, {error,message,details}, {message},
 * {error:"Validation failed",message,fields}, {error:"..."} and plain text.
 */
export function readPayRamError(body: unknown): PayRamFailure | undefined {
	if (typeof body === 'string') {
		const t = body.trim();
		return t ? { message: t.slice(0, 300) } : undefined;
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const b = body as IDataObject;
	if (b.error && typeof b.error === 'object' && !Array.isArray(b.error)) {
		const e = b.error as IDataObject;
		const message = text(e.message) ?? text(b.message);
		const details = typeof e.details === 'object' ? fieldList(e.details) : text(e.details);
		if (message) return { message, code: text(e.code), details: details ?? fieldList(e.fields) };
	}
	const message = text(b.message) ?? text(b.error);
	if (!message) return undefined;
	const fields = fieldList(b.fields);
	const details =
		fields ??
		(typeof b.details === 'object' ? fieldList(b.details) : text(b.details)) ??
		(text(b.message) && text(b.error) !== text(b.message) ? text(b.error) : undefined);
	const failure: PayRamFailure = { message, code: text(b.code), details };
	if (fields) failure.fields = fields;
	return failure;
}

/** PayRam's "code 5": the project has no linked deposit wallet or site URL yet. */
export function isIncompleteProjectSetup(failure: PayRamFailure | undefined): boolean {
	return failure?.code === '5';
}

/** What the builder can do about an HTTP status, when PayRam's own message does not say. */
export function howToFix(statusCode: number): string | undefined {
	if (statusCode === 401 || statusCode === 403) {
		return 'Check the Project API Key of the PayRam API credential (PayRam dashboard → Project → API Keys).';
	}
	if (statusCode === 404) return 'Check the Server URL of the PayRam API credential: it must be the address of the PayRam server.';
	if (statusCode === 429 || statusCode >= 500) return 'PayRam is busy or failing: run the workflow again later.';
	return undefined;
}

const NETWORK_HINTS: Record<string, string> = {
	ECONNREFUSED: 'the server refused the connection (is PayRam running on that host and port?)',
	ENOTFOUND: 'the host name does not resolve',
	EAI_AGAIN: 'the host name could not be resolved right now',
	ETIMEDOUT: 'the connection timed out',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	ECONNABORTED: 'the request timed out',
	ECONNRESET: 'the server closed the connection without answering',
	EPIPE: 'the server closed the connection without answering',
	EPROTO: 'the TLS handshake failed (is the server speaking plain http on an https URL?)',
	DEPTH_ZERO_SELF_SIGNED_CERT:
		'the server uses a self-signed certificate; turn on "Allow Insecure Connection" in the credential if you trust it',
	SELF_SIGNED_CERT_IN_CHAIN:
		'the server certificate is signed by an untrusted authority; turn on "Allow Insecure Connection" in the credential if you trust it',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate cannot be verified',
	CERT_HAS_EXPIRED: 'the server certificate has expired',
	ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not match the host name',
};

/** A sentence about a connection failure, from the error code Node gives it. */
export function describeNetworkFailure(code: string | undefined): string {
	if (code && Object.prototype.hasOwnProperty.call(NETWORK_HINTS, code)) return NETWORK_HINTS[code];
	return 'the connection failed';
}
