// Shared by the poll trigger's tests: the simulator, a poll workflow with chosen settings, and a proxy that lets
// a test change payments while a poll is between two search pages.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { PollHost, PollTick } from '../../testing/engine/poll-host';
import { activatePollWorkflow } from '../../testing/engine/poll-host';
import type { HarnessTypes } from '../../testing/engine/node-types';
import type { WorkflowFixture } from '../../testing/engine/run-workflow';
import { loadWorkflowFixture } from '../../testing/engine/run-workflow';
import type { PayRamSimulator } from '../simulator/server';
import { payRamCredentials } from '../trigger/setup';

export const POLL_TRIGGER = 'PayRam Poll Trigger';
export const SEARCH_PATH = '/api/v1/payment/search';

let workflowCounter = 0;

/** The poll fixture with the trigger's parameters replaced, under a workflow id of its own. */
export function pollWorkflow(parameters: IDataObject): WorkflowFixture {
	const workflow = loadWorkflowFixture('poll-watch.json');
	const trigger = workflow.nodes.find((node) => node.name === POLL_TRIGGER)!;
	trigger.parameters = { ...trigger.parameters, ...(parameters as INodeParameters) };
	workflowCounter += 1;
	return { ...workflow, id: `poll-${process.pid}-${workflowCounter}` };
}

export interface ActivateOptions {
	/** Where the node finds PayRam: the simulator, or a proxy in front of it. */
	url?: string;
	staticData?: IDataObject;
	types?: HarnessTypes;
	activationMode?: 'activate' | 'init';
}

export function activate(sim: PayRamSimulator, workflow: WorkflowFixture, options: ActivateOptions = {}): Promise<PollHost> {
	return activatePollWorkflow(
		{
			workflow,
			credentials: payRamCredentials(options.url ?? sim.url, sim.apiKey),
			staticData: options.staticData,
			types: options.types,
		},
		options.activationMode ?? 'activate',
	);
}

/** The items a poll emitted, as the workflow's first node after the trigger received them. */
export function itemsOf(tick: PollTick): IDataObject[] {
	if (tick.error) throw tick.error;
	if (tick.emitted === null) return [];
	return tick.execution!.output('Event').map((item) => item.json);
}

export function searchCount(sim: PayRamSimulator): number {
	return sim.requests.filter((request) => request.path === SEARCH_PATH).length;
}

/** Expires a fresh payment link through the simulator's control API and returns its reference id. */
export async function expiredLink(sim: PayRamSimulator, createPayment: () => Promise<{ referenceId: string }>): Promise<string> {
	const { referenceId } = await createPayment();
	sim.expire(referenceId);
	return referenceId;
}

export interface PagingProxy {
	url: string;
	/** Runs once, after the proxy forwarded the answer to the next search request with this offset. */
	afterPage(offset: number, change: () => Promise<void> | void): void;
	close(): Promise<void>;
}

/** Forwards every request to the simulator; lets a test change payments between two pages of one poll. */
export async function startPagingProxy(target: string): Promise<PagingProxy> {
	const hooks: Array<{ offset: number; change: () => Promise<void> | void }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const upstream = http.request(`${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
				const parts: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => parts.push(chunk));
				answer.on('end', async () => {
					const offset = req.url === SEARCH_PATH ? (JSON.parse(body.toString('utf8')) as { offset?: number }).offset ?? 0 : -1;
					const hook = hooks.findIndex((candidate) => candidate.offset === offset);
					// The change lands after PayRam answered this page and before the node asks for the next one.
					if (hook >= 0) await hooks.splice(hook, 1)[0].change();
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					res.end(Buffer.concat(parts));
				});
			});
			upstream.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		afterPage: (offset, change) => hooks.push({ offset, change }),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
