// Shared by the Referral Rocket simulator's tests: a started simulator with clients and contract assertions.
import type * as http from 'node:http';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { validateRequest, validateResponse } from './contracts';
import { startReferralRocketSimulator, type ReferralRocketSimulator, type ReferralRocketSimulatorOptions } from './server';

export interface TestSimulator {
	sim: ReferralRocketSimulator;
	/** Calls `<simulator>/api/v1/...` anonymously (Referral Rocket documents no key); never throws on an HTTP status. */
	api: AxiosInstance;
	/** The simulator's origin, for /__sim/ control calls. */
	control: AxiosInstance;
}

export async function startTestSimulator(options: ReferralRocketSimulatorOptions = {}): Promise<TestSimulator> {
	const sim = await startReferralRocketSimulator({ port: 0, ...options });
	const common = { validateStatus: () => true, baseURL: sim.url };
	return { sim, api: axios.create({ ...common, headers: { Accept: 'application/json' } }), control: axios.create(common) };
}

export function expectValidRequest(operationId: string, body: unknown): void {
	expect(validateRequest(operationId, body).errors).toEqual([]);
}

/** The response of an axios call, checked against the contract entry for its method, path and status. */
export function expectContractResponse(response: AxiosResponse): void {
	const path = (response.request as http.ClientRequest).path;
	expect(validateResponse(response.config.method ?? 'get', path, response.status, response.data).errors).toEqual([]);
}
