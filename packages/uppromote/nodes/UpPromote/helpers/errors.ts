export interface UpPromoteFailure {
	message: string;
	/** Laravel's `errors` map written as "field: reason; field: reason". */
	fields?: string;
}

function fieldList(errors: unknown): string | undefined {
	if (errors === null || typeof errors !== 'object' || Array.isArray(errors)) return undefined;
	const parts = Object.entries(errors as Record<string, unknown>).map(([field, reasons]) => {
		const text = Array.isArray(reasons) ? reasons.map(String).join(', ') : String(reasons);
		return `${field}: ${text}`;
	});
	return parts.length > 0 ? parts.join('; ') : undefined;
}

/** What an UpPromote error body says: `message`, plus the refused fields of a 422, whatever else it carries. */
export function readUpPromoteError(body: unknown): UpPromoteFailure | undefined {
	if (typeof body === 'string') return body.trim() === '' ? undefined : { message: body.trim().slice(0, 200) };
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const { message, errors } = body as { message?: unknown; errors?: unknown };
	if (typeof message !== 'string' || message.trim() === '') return undefined;
	return { message: message.trim(), fields: fieldList(errors) };
}

/** UpPromote answers an unknown id with 404, or with a 422 that says so; both mean "not found". */
export function isNotFound(statusCode: number, failure: UpPromoteFailure | undefined): boolean {
	return statusCode === 404 || (statusCode === 422 && /not\s*found|does not exist|invalid id/i.test(failure?.message ?? ''));
}

/** What the builder can do about an HTTP status, when UpPromote's own message does not say. */
export function howToFix(statusCode: number, failure?: UpPromoteFailure): string | undefined {
	if (statusCode === 401) {
		return 'Check the API Key of the UpPromote API credential (UpPromote → Settings → Integrations → API Key); it is sent without "Bearer".';
	}
	if (isNotFound(statusCode, failure)) return 'Check the ID, and the Base URL of the UpPromote API credential.';
	if (statusCode === 422) return 'Correct the fields UpPromote names, then run the node again.';
	if (statusCode === 429) return 'UpPromote allows 120 requests a minute per store; run fewer workflows against this store at once.';
	if (statusCode >= 500) return 'UpPromote is failing: run the workflow again later.';
	return undefined;
}
