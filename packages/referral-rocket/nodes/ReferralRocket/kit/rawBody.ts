// Copied from kit/rawBody.ts by `npm run kit`: edit that file, not this copy.
// The bytes a webhook received, which signatures are computed over (never re-serialised JSON).

export interface WebhookRequest {
	method?: string;
	rawBody?: Buffer;
	readableEnded?: boolean;
	readRawBody?: () => Promise<void>;
}

/** The bytes received: n8n reads them for the content types it parses, and leaves others to version 2 nodes. */
export async function readRawBody(req: WebhookRequest): Promise<{ rawBody?: Buffer } | { refused: 400 | 413 }> {
	if (req.rawBody !== undefined || typeof req.readRawBody !== 'function') return { rawBody: req.rawBody };
	try {
		await req.readRawBody();
		return { rawBody: req.rawBody };
	} catch (error) {
		if ((error as { status?: unknown }).status === 413) return { refused: 413 };
		// A multipart form n8n parsed has consumed the stream: its parsed fields are all there is.
		return req.readableEnded === true ? { rawBody: undefined } : { refused: 400 };
	}
}
