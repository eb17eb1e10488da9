// A webhook receiver for simulator tests: what a service's deliveries look like on the wire.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
	method: string;
	headers: http.IncomingHttpHeaders;
	/** The exact bytes received, for signature checks. */
	rawBody: Buffer;
	json(): Record<string, unknown>;
}

export interface WebhookReceiver {
	url: string;
	received: ReceivedWebhook[];
	/** Status the receiver answers with (200 by default). */
	status: number;
	close(): Promise<void>;
}

/** A receiver that records every request's exact bytes and answers `status`; `path` is the URL path it is given. */
export async function startWebhookReceiver(path = '/webhook'): Promise<WebhookReceiver> {
	const received: ReceivedWebhook[] = [];
	const receiver = { received, status: 200 } as WebhookReceiver;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			received.push({ method: req.method ?? '', headers: req.headers, rawBody, json: () => JSON.parse(rawBody.toString('utf8')) });
			res.writeHead(receiver.status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ message: 'Webhook received successfully' }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
	receiver.close = () =>
		new Promise((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return receiver;
}
