// Shared by the simulator's tests: a started simulator with an axios client, a webhook receiver, contract assertions.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { validateRequest, validateResponse } from './contracts';
import { startSimulator, type PayRamSimulator, type SimulatorOptions } from './server';

export interface TestSimulator {
	sim: PayRamSimulator;
	/** Sends the API key; never throws on an HTTP status. */
	api: AxiosInstance;
	/** Sends no key. */
	anonymous: AxiosInstance;
}

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
	const sim = await startSimulator({ port: 0, ...options });
	const common = { baseURL: sim.url, validateStatus: () => true };
	return {
		sim,
		api: axios.create({ ...common, headers: { 'API-Key': sim.apiKey } }),
		anonymous: axios.create(common),
	};
}

export function expectValidRequest(operationId: string, body: unknown): void {
	expect(validateRequest(operationId, body).errors).toEqual([]);
}

/** The response of an axios call, checked against the contract entry for its method, path and status. */
export function expectContractResponse(response: AxiosResponse): void {
	const path = (response.request as http.ClientRequest).path;
	const check = validateResponse(response.config.method ?? 'get', path, response.status, response.data);
	expect(check.errors).toEqual([]);
}

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

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
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
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/payram`;
	receiver.close = () =>
		new Promise((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return receiver;
}

export const CUSTOMER = { customerEmail: 'jane@example.com', customerId: 'cust_1001' };
