// Copied from kit/webhookReply.ts by `npm run kit`: edit that file, not this copy.
// How a trigger's webhook() reads a header and answers a request itself, without starting the workflow.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** A request header as one string (repeated headers joined as HTTP allows), or undefined when absent. */
export function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name];
	if (value === undefined || value === null) return undefined;
	return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Writes the answer and tells n8n to start nothing: rejecting by throwing would answer 500 and invite retries. */
export function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}
