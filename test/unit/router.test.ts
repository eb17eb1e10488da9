import { mock } from 'jest-mock-extended';
import { constructExecutionMetaData, returnJsonArray } from 'n8n-core';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { router } from '../../nodes/PayRam/actions/router';

/**
 * The pool's scheduling, seen from n8n's side: a Get Payment node whose n8n helpers record when each request is
 * handed over and when an I/O callback queued at that moment (as a socket connect or write is) gets to run.
 */
function getPaymentNode(references: string[], concurrency: number) {
	const events: string[] = [];
	const ctx = mock<IExecuteFunctions>();
	ctx.getInputData.mockReturnValue(references.map((reference) => ({ json: { reference } })));
	const parameters: Record<string, unknown> = { resource: 'payment', operation: 'get', concurrency };
	(ctx.getNodeParameter as unknown as jest.Mock).mockImplementation((name: string, itemIndex: number, fallback?: unknown) =>
		name === 'referenceId' ? references[itemIndex] : (parameters[name] ?? fallback),
	);
	ctx.continueOnFail.mockReturnValue(false);
	ctx.getNode.mockReturnValue({ id: 'n', name: 'Get Payment', type: 'n8n-nodes-payram.payRam', typeVersion: 1, position: [0, 0], parameters: {} });
	ctx.getCredentials.mockResolvedValue({ url: 'https://payram.merchant.example', apiKey: 'prk_test_key', allowInsecure: false });
	const httpRequest = async (options: IHttpRequestOptions) => {
		const reference = decodeURIComponent(String(options.url).split('/').pop() ?? '');
		events.push(`send ${reference}`);
		setImmediate(() => events.push(`io ${reference}`));
		return { statusCode: 200, body: JSON.stringify({ reference_id: reference, paymentState: 'OPEN' }) };
	};
	ctx.helpers = { constructExecutionMetaData, returnJsonArray, httpRequest } as unknown as IExecuteFunctions['helpers'];
	return { ctx, events };
}

describe('router scheduling', () => {
	const references = Array.from({ length: 6 }, (_v, i) => `ref_${i}`);

	it('lets the event loop run between item starts at concurrency > 1, so a prepared request goes out before the next item is prepared', async () => {
		const { ctx, events } = getPaymentNode(references, 4);
		const [out] = await router.call(ctx);
		expect(out.map((item) => item.json.reference_id)).toEqual(references);
		expect(events).toEqual(references.flatMap((r) => [`send ${r}`, `io ${r}`]));
	});

	it('starts items back to back at concurrency 1, without giving up the event loop between them (nothing else is waiting)', async () => {
		const { ctx, events } = getPaymentNode(references, 1);
		await router.call(ctx);
		// No I/O callback queued by a request has run when the node returns: no event-loop turn was yielded.
		expect(events).toEqual(references.map((r) => `send ${r}`));
	});

	it('keeps results in input order with their pairing at any concurrency', async () => {
		for (const concurrency of [1, 2, 6, 50]) {
			const { ctx } = getPaymentNode(references, concurrency);
			const [out] = await router.call(ctx);
			expect(out.map((item) => [item.json.reference_id, item.pairedItem])).toEqual(references.map((r, item) => [r, { item }]));
		}
	});
});
