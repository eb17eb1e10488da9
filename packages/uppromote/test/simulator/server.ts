// The UpPromote simulator: a stateful, in-memory UpPromote store speaking Public API v2 over real HTTP.
import * as http from 'node:http';
import { deliver, rawRequest, type DeliveryResult, type RawDelivery, type WebhookRequest } from '../../../../testing/simulator/deliveries';
import {
	closeServer,
	listenOn,
	receiveRequest,
	recordOf,
	sendJson,
	SimulatorError,
	type ApiResponse,
	type RecordedRequest as SharedRecordedRequest,
} from '../../../../testing/simulator/http';
import { answerApi, API_PREFIX, type ApiContext } from './api';
import { handleControl } from './control';
import { eventRequest, isWebhookEvent, validationPing, type WebhookEvent } from './events';
import { readUpPromoteFaults, takeUpPromoteFault, type UpPromoteFaults } from './faults';
import { createReferral, markPaid, referralById, setAffiliateStatus, setReferralStatus, type FiredEvent, type NewReferral, type Outcome } from './operations';
import { affiliateOf } from './records';
import { createRateLimiter, RATE_LIMIT, RATE_WINDOW_MS, tooManyAttempts, type RateLimiter } from './rateLimit';
import { TOKEN_NOT_PROVIDED, UNAUTHORIZED } from './responses';
import { seedAffiliates, seededState, type AffiliateStatus, type PaidPayment, type Referral, type StoreState } from './state';

export type { UpPromoteFaults } from './faults';
export type { WebhookEvent } from './events';
export { WEBHOOK_EVENTS, SIGNATURE_HEADER, signatureFor } from './events';
export type { StoreState } from './state';

export const DEFAULT_API_KEY = 'upk_sim_0123456789abcdef0123456789abcdef';

export interface UpPromoteSimulatorOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	host?: string;
	apiKey?: string;
	/** Requests per window (120, UpPromote's documented limit). */
	rateLimit?: number;
	/** Shrinks the 60-second rate window, e.g. 0.01 for 600 ms; `Retry-After` says the real time left (see rateLimit.ts). */
	timeScale?: number;
	deliveryTimeoutMs?: number;
	/** How many times a delivery not answered 2xx is sent again at once (UpPromote's retry policy is undocumented: 0). */
	deliveryRetries?: number;
	/** One line per API request and delivery; never includes the API key. */
	log?: (line: string) => void;
	/** Answers endpoints UpPromote lists without a path at guessed paths (today `POST /payments/mark-paid`); off by default. */
	guessedEndpoints?: boolean;
	/** Affiliates added to the seeded store, on start and on every reset (e.g. 10,000 for Return All at scale). */
	extraAffiliates?: number;
}

export interface RecordedRequest extends SharedRecordedRequest {
	/** What the simulator answered (200 for a truncated body; 0 while unanswered or dropped). */
	status: number;
}

/** A delivery and its answer: an event's signed POST, a subscription's validation ping, or a raw request of a test. */
export interface RecordedDelivery extends DeliveryResult {
	kind: WebhookEvent | 'validation-ping' | 'raw';
}

export interface UpPromoteSimulator {
	/** Origin, e.g. `http://127.0.0.1:40123`. */
	url: string;
	/** What the credential's Base URL is set to: `<url>/api/v2`. */
	baseUrl: string;
	apiKey: string;
	readonly state: StoreState;
	readonly requests: RecordedRequest[];
	readonly deliveries: RecordedDelivery[];
	readonly faults: UpPromoteFaults;
	reset(): void;
	setFaults(faults: unknown): void;
	/** Resolves once every delivery queued so far (by API calls) has been answered. */
	idle(): Promise<void>;
	createReferral(input?: NewReferral): Promise<Outcome<Referral> & { deliveries: RecordedDelivery[] }>;
	setReferralStatus(id: number, status: 'approved' | 'denied'): Promise<Outcome<Referral> & { deliveries: RecordedDelivery[] }>;
	setAffiliateStatus(id: number, status: AffiliateStatus): Promise<{ deliveries: RecordedDelivery[] }>;
	markPaid(affiliateId: number, paymentMethod?: string): Promise<Outcome<PaidPayment> & { deliveries: RecordedDelivery[] }>;
	/** Delivers `payload` (an object, or exact text) as `event` to that event's subscription, signed with its secret. */
	deliver(event: WebhookEvent, payload: unknown): Promise<RecordedDelivery>;
	/** Sends a request exactly as given to a URL (default: the event's subscription), e.g. a forged signature. */
	deliverRaw(raw: RawDelivery & { url?: string; event?: WebhookEvent }): Promise<RecordedDelivery>;
	close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Simulator implements UpPromoteSimulator {
	url = '';
	baseUrl = '';
	readonly apiKey: string;
	state: StoreState;
	readonly requests: RecordedRequest[] = [];
	readonly deliveries: RecordedDelivery[] = [];
	faults: UpPromoteFaults = {};
	private readonly server: http.Server;
	private readonly limiter: RateLimiter;
	private queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly options: UpPromoteSimulatorOptions) {
		this.apiKey = options.apiKey ?? DEFAULT_API_KEY;
		this.state = this.seeded();
		this.limiter = createRateLimiter(options.rateLimit ?? RATE_LIMIT, options.timeScale ?? 1);
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent) sendJson(res, { status: 500, body: { status: 500, message: `Simulator bug: ${error.message}` } });
				else res.destroy();
			});
		});
	}

	async listen(): Promise<void> {
		this.url = await listenOn(this.server, this.options.port ?? 0, this.options.host ?? '127.0.0.1');
		this.baseUrl = `${this.url}/api/v2`;
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

		if (!path.startsWith(API_PREFIX)) {
			recorded.status = 404;
			sendJson(res, { status: 404, body: { message: 'Not Found' } });
			return;
		}
		// Every request counts against the store's window, whatever it is answered (401, 422, 429, a fault).
		const { headers: limitHeaders, throttled } = this.limiter.hit(Date.now());
		const latency = this.faults.latencyMs;
		if (latency) await sleep(latency);
		const fault = takeUpPromoteFault(this.faults, path);
		const fired: FiredEvent[] = [];
		const api: ApiContext = {
			state: this.state,
			now: () => new Date(),
			fire: (events) => fired.push(...events),
			ping: (targetUrl) => this.send(validationPing(targetUrl), 'validation-ping', 0),
			guessedEndpoints: this.options.guessedEndpoints ?? false,
		};
		if (fault.kind === 'drop') {
			this.options.log?.(`${method} ${path} -> dropped (fault)`);
			req.socket.destroy();
			return;
		}
		let response: ApiResponse;
		if (fault.kind === 'throttle') response = tooManyAttempts(String((RATE_WINDOW_MS * (this.options.timeScale ?? 1)) / 1000), this.options.rateLimit ?? RATE_LIMIT);
		else if (throttled) response = throttled;
		else if (fault.kind === 'fail') response = fault.response;
		else response = await this.authenticated(headers.authorization, () => answerApi(api, method, path, received.searchParams, rawBody));
		response = { ...response, headers: { ...limitHeaders, ...response.headers } };
		recorded.status = fault.kind === 'malformed' ? 200 : response.status;
		this.options.log?.(`${method} ${path} -> ${fault.kind === 'malformed' ? '200 truncated (fault)' : response.status}`);
		sendJson(res, response, fault.kind === 'malformed');
		// UpPromote delivers from a queue: the events of this request leave once its answer is written.
		if (fired.length > 0) void this.enqueue(() => this.sendEvents(fired));
	}

	/** The raw key only: a missing or blank header is "Token not provided", anything else wrong (`Bearer <key>` too) "Unauthorized". */
	private async authenticated(authorization: string | undefined, answer: () => Promise<ApiResponse>): Promise<ApiResponse> {
		if (authorization === undefined || authorization.trim() === '') return TOKEN_NOT_PROVIDED;
		if (authorization !== this.apiKey) return UNAUTHORIZED;
		return answer();
	}

	private async send(webhook: WebhookRequest, kind: RecordedDelivery['kind'], retries: number): Promise<RecordedDelivery> {
		let result: DeliveryResult;
		let attempt = 0;
		do {
			result = await deliver(webhook, this.options.deliveryTimeoutMs ?? 10_000);
			const recorded = { ...result, kind };
			this.deliveries.push(recorded);
			this.options.log?.(`webhook ${kind} ${webhook.url} -> ${result.error ?? result.status}`);
		} while ((result.status < 200 || result.status > 299) && attempt++ < retries);
		return this.deliveries[this.deliveries.length - 1];
	}

	private async sendEvents(events: FiredEvent[]): Promise<RecordedDelivery[]> {
		const sent: RecordedDelivery[] = [];
		for (const { event, payload } of events) {
			const subscription = this.state.subscriptions.find((candidate) => candidate.event === event);
			if (subscription) sent.push(await this.send(eventRequest(subscription.targetUrl, subscription.secretKey, payload), event, this.options.deliveryRetries ?? 0));
		}
		return sent;
	}

	/** Deliveries go out one at a time, in the order their changes happened, whether an API or a control call made them. */
	private enqueue<T>(job: () => Promise<T>): Promise<T> {
		const done = this.queue.then(job);
		this.queue = done.catch(() => undefined);
		return done;
	}

	/** Control calls answer once their deliveries are answered. */
	private fireNow(events: FiredEvent[]): Promise<RecordedDelivery[]> {
		return this.enqueue(() => this.sendEvents(events));
	}

	private seeded(): StoreState {
		const state = seededState();
		seedAffiliates(state, this.options.extraAffiliates ?? 0);
		return state;
	}

	reset(): void {
		this.state = this.seeded();
		this.requests.length = 0;
		this.deliveries.length = 0;
		this.faults = {};
		this.limiter.reset();
	}

	setFaults(faults: unknown): void {
		this.faults = readUpPromoteFaults(faults);
	}

	async idle(): Promise<void> {
		let seen: Promise<unknown>;
		do {
			seen = this.queue;
			await seen;
		} while (seen !== this.queue);
	}

	async createReferral(input: NewReferral = {}) {
		const outcome = createReferral(this.state, input, new Date());
		return { ...outcome, deliveries: await this.fireNow(outcome.events) };
	}

	async setReferralStatus(id: number, status: 'approved' | 'denied') {
		const outcome = setReferralStatus(this.state, referralById(this.state, id), status);
		return { ...outcome, deliveries: await this.fireNow(outcome.events) };
	}

	async setAffiliateStatus(id: number, status: AffiliateStatus) {
		const affiliate = affiliateOf(this.state, id);
		if (!affiliate) throw new SimulatorError(404, `no affiliate ${id}`);
		return { deliveries: await this.fireNow(setAffiliateStatus(this.state, affiliate, status).events) };
	}

	async markPaid(affiliateId: number, paymentMethod?: string) {
		const outcome = markPaid(this.state, affiliateId, paymentMethod, new Date());
		return { ...outcome, deliveries: await this.fireNow(outcome.events) };
	}

	private subscriptionFor(event: unknown) {
		if (!isWebhookEvent(event)) throw new SimulatorError(400, `event must be one of UpPromote's 9 events (got ${JSON.stringify(event)})`);
		const subscription = this.state.subscriptions.find((candidate) => candidate.event === event);
		if (!subscription) throw new SimulatorError(409, `no subscription for ${event}`);
		return subscription;
	}

	async deliver(event: WebhookEvent, payload: unknown): Promise<RecordedDelivery> {
		const subscription = this.subscriptionFor(event);
		return this.enqueue(() => this.send(eventRequest(subscription.targetUrl, subscription.secretKey, payload), event, this.options.deliveryRetries ?? 0));
	}

	async deliverRaw(raw: RawDelivery & { url?: string; event?: WebhookEvent }): Promise<RecordedDelivery> {
		const url = raw.url ?? this.subscriptionFor(raw.event).targetUrl;
		return this.enqueue(() => this.send(rawRequest(url, raw), 'raw', 0));
	}

	close(): Promise<void> {
		return closeServer(this.server);
	}
}

export async function startUpPromoteSimulator(options: UpPromoteSimulatorOptions = {}): Promise<UpPromoteSimulator> {
	const simulator = new Simulator(options);
	await simulator.listen();
	return simulator;
}
