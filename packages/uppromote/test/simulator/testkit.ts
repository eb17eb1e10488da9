// Shared by the UpPromote simulator's tests: a started simulator with clients, contract assertions, a receiver.
import type * as http from 'node:http';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { validateRequest, validateResponse } from './contracts';
import { startUpPromoteSimulator, type UpPromoteSimulator, type UpPromoteSimulatorOptions } from './server';

export { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../../../../testing/simulator/receiver';

export interface TestSimulator {
	sim: UpPromoteSimulator;
	/** Sends the raw key to `<simulator>/api/v2`; never throws on an HTTP status. */
	api: AxiosInstance;
	/** The same without a key. */
	anonymous: AxiosInstance;
	/** The simulator's origin, for /__sim/ control calls. */
	control: AxiosInstance;
}

export async function startTestSimulator(options: UpPromoteSimulatorOptions = {}): Promise<TestSimulator> {
	const sim = await startUpPromoteSimulator({ port: 0, ...options });
	const common = { validateStatus: () => true };
	return {
		sim,
		api: axios.create({ ...common, baseURL: sim.baseUrl, headers: { Authorization: sim.apiKey, Accept: 'application/json' } }),
		anonymous: axios.create({ ...common, baseURL: sim.baseUrl }),
		control: axios.create({ ...common, baseURL: sim.url }),
	};
}

export function expectValidRequest(operationId: string, body: unknown): void {
	expect(validateRequest(operationId, body).errors).toEqual([]);
}

/** The response of an axios call, checked against the contract entry for its method, path and status. */
export function expectContractResponse(response: AxiosResponse): void {
	const path = (response.request as http.ClientRequest).path;
	expect(validateResponse(response.config.method ?? 'get', path, response.status, response.data).errors).toEqual([]);
}
