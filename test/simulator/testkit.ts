// Shared by the simulator's tests: a started simulator with an axios client, contract assertions.
import type * as http from 'node:http';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { validateRequest, validateResponse } from './contracts';
import { startSimulator, type PayRamSimulator, type SimulatorOptions } from './server';

export { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../../testing/simulator/receiver';

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

export const CUSTOMER = { customerEmail: 'jane@example.com', customerId: 'cust_1001' };
