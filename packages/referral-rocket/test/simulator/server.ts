// The Referral Rocket simulator: a stateful, in-memory Referral Rocket speaking API v1 over real HTTP.
import * as http from 'node:http';
import { closeServer, listenOn, receiveRequest, recordOf, sendJson, type ApiResponse, type RecordedRequest as SharedRecordedRequest } from '../../../../testing/simulator/http';
import { answerApi, API_PREFIX, type ApiContext } from './api';
import { handleControl } from './control';
import type { WebhookEnvelope } from './events';
import { readReferralRocketFaults, takeReferralRocketFault, type ReferralRocketFaults } from './faults';
import { addParticipant, qualify, type NewParticipant, type Outcome, type Qualification } from './operations';
import type { PageShape } from './pages';
import { springError } from './responses';
import { seededState, type CampaignState, type Participant } from './state';
import { Webhooks, type WebhookOptions } from './webhooks';

export type { ReferralRocketFaults } from './faults';
export type { WebhookEnvelope, WebhookEventType } from './events';
export { WEBHOOK_EVENT_TYPES } from './events';
export type { PageShape } from './pages';
export type { CampaignState, Participant } from './state';
export { SEED_CAMPAIGN_ID, SECOND_CAMPAIGN_ID, ENDED_CAMPAIGN_ID, SEED_REFERRER_EMAIL, SEED_REFERRER_CODE } from './state';

/** Where the simulator serves the qualify call, whose real path Referral Rocket does not document. */
export const DEFAULT_QUALIFY_PATH = '/api/v1/qualify';

export interface RequiredKey {
	/** Header name, e.g. `X-API-Key` (matched without regard to case, as HTTP does). */
	header: string;
	value: string;
}

export interface ReferralRocketSimulatorOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	host?: string;
	/** Off by default (Referral Rocket documents no authentication); when set, other requests get Spring's 401. */
	requireKey?: RequiredKey | null;
	/** How paged answers look (default `page`, Spring's `Page` JSON). */
	pageShape?: PageShape;
	/** Read `page` 1-based (Spring's one-indexed-parameters) instead of the assumed 0-based. */
	oneIndexedPages?: boolean;
	/** Default `/api/v1/qualify`; null serves no qualify call. */
	qualifyPath?: string | null;
	/** One line per API request; never includes a key. */
	log?: (line: string) => void;
	/** Signed deliveries' retry waits and timeout (see webhooks.ts). */
	webhooks?: WebhookOptions;
}

export interface RecordedRequest extends SharedRecordedRequest {
	/** What the simulator answered (200 for a truncated body; 0 while unanswered or dropped). */
	status: number;
}

export type EventListener = (events: WebhookEnvelope[]) => void | Promise<void>;

export interface ReferralRocketSimulator {
	/** Origin, e.g. `http://127.0.0.1:40123`: the credential's Base URL. */
	url: string;
	baseUrl: string;
	readonly state: CampaignState;
	readonly requests: RecordedRequest[];
	/** Every event the store fired, in order (what Referral Rocket would deliver to its webhook endpoint). */
	readonly events: WebhookEnvelope[];
	/** Signed deliveries of those events to the endpoints registered in it (the dashboard's Settings > Webhooks). */
	readonly webhooks: Webhooks;
	readonly faults: ReferralRocketFaults;
	requireKey: RequiredKey | null;
	pageShape: PageShape;
	oneIndexedPages: boolean;
	readonly qualifyPath: string | null;
	/** Back to the seeded store and the started settings; records and faults cleared. */
	reset(): void;
	setFaults(faults: unknown): void;
	/** Calls `listener` with the events of each change once its answer is written; returns the unsubscribe. */
	onEvents(listener: EventListener): () => void;
	/** Resolves once the listeners have handled every event fired so far. */
	idle(): Promise<void>;
	addParticipant(input: NewParticipant): Outcome<Participant>;
	qualify(input: Qualification): Outcome<Participant>;
	close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Simulator implements ReferralRocketSimulator {
	url = '';
	baseUrl = '';
	state: CampaignState = seededState();
	readonly requests: RecordedRequest[] = [];
	readonly events: WebhookEnvelope[] = [];
	readonly webhooks: Webhooks;
	faults: ReferralRocketFaults = {};
	requireKey: RequiredKey | null;
	pageShape: PageShape;
	oneIndexedPages: boolean;
	readonly qualifyPath: string | null;
	private readonly listeners = new Set<EventListener>();
	private readonly server: http.Server;
	private queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly options: ReferralRocketSimulatorOptions) {
		this.requireKey = options.requireKey ?? null;
		this.pageShape = options.pageShape ?? 'page';
		this.oneIndexedPages = options.oneIndexedPages ?? false;
		this.qualifyPath = options.qualifyPath === undefined ? DEFAULT_QUALIFY_PATH : options.qualifyPath;
		this.webhooks = new Webhooks(options.webhooks);
		this.onEvents(async (events) => {
			await this.webhooks.dispatch(events);
		});
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent) sendJson(res, { status: 500, body: { message: `Simulator bug: ${error.message}` } });
				else res.destroy();
			});
		});
	}

	async listen(): Promise<void> {
		this.url = await listenOn(this.server, this.options.port ?? 0, this.options.host ?? '127.0.0.1');
		this.baseUrl = this.url;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const received = await receiveRequest(req);
		const { method, path, headers, rawBody } = received;

		if (path.startsWith('/__sim/')) {
			sendJson(res, await handleControl(this, method, path, rawBody));
			return;
		}
		const recorded: RecordedRequest = recordOf(received);
		this.requests.push(recorded);

		const latency = this.faults.latencyMs;
		if (latency && path.startsWith(API_PREFIX)) await sleep(latency);
		const fault = takeReferralRocketFault(this.faults, path);
		if (fault.kind === 'drop') {
			this.options.log?.(`${method} ${path} -> dropped (fault)`);
			req.socket.destroy();
			return;
		}
		const fired: WebhookEnvelope[] = [];
		const api: ApiContext = {
			state: this.state,
			now: () => new Date(),
			paging: { shape: this.pageShape, oneIndexed: this.oneIndexedPages },
			qualifyPath: this.qualifyPath,
			fire: (events) => fired.push(...events),
		};
		let response: ApiResponse;
		if (fault.kind === 'fail') response = fault.response;
		else if (!path.startsWith(API_PREFIX)) response = springError(404, path);
		else if (!this.keyAccepted(headers)) response = springError(401, path);
		else response = answerApi(api, method, path, received.searchParams, rawBody);
		recorded.status = fault.kind === 'malformed' ? 200 : response.status;
		this.options.log?.(`${method} ${path} -> ${fault.kind === 'malformed' ? '200 truncated (fault)' : response.status}`);
		sendJson(res, response, fault.kind === 'malformed');
		if (fired.length > 0) this.publish(fired);
	}

	/** Anonymous calls pass unless require-key mode is on; then the configured header must carry the value exactly. */
	private keyAccepted(headers: Record<string, string>): boolean {
		if (this.requireKey === null) return true;
		return headers[this.requireKey.header.toLowerCase()] === this.requireKey.value;
	}

	/** Events are recorded, then handed to the listeners one change after another, in the order the changes happened. */
	private publish(events: WebhookEnvelope[]): void {
		this.events.push(...events);
		const listeners = [...this.listeners];
		this.queue = this.queue.then(async () => {
			for (const listener of listeners) await Promise.resolve(listener(events)).catch(() => undefined);
		});
	}

	onEvents(listener: EventListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	async idle(): Promise<void> {
		let seen: Promise<unknown>;
		do {
			seen = this.queue;
			await seen;
		} while (seen !== this.queue);
	}

	reset(): void {
		this.state = seededState();
		this.requests.length = 0;
		this.events.length = 0;
		this.webhooks.reset();
		this.faults = {};
		this.requireKey = this.options.requireKey ?? null;
		this.pageShape = this.options.pageShape ?? 'page';
		this.oneIndexedPages = this.options.oneIndexedPages ?? false;
	}

	setFaults(faults: unknown): void {
		this.faults = readReferralRocketFaults(faults);
	}

	addParticipant(input: NewParticipant): Outcome<Participant> {
		const outcome = addParticipant(this.state, input, '/__sim/participants', new Date());
		this.publish(outcome.events);
		return outcome;
	}

	qualify(input: Qualification): Outcome<Participant> {
		const outcome = qualify(this.state, input, '/__sim/qualify', new Date());
		this.publish(outcome.events);
		return outcome;
	}

	close(): Promise<void> {
		this.webhooks.stop();
		return closeServer(this.server);
	}
}

export async function startReferralRocketSimulator(options: ReferralRocketSimulatorOptions = {}): Promise<ReferralRocketSimulator> {
	const simulator = new Simulator(options);
	await simulator.listen();
	return simulator;
}
