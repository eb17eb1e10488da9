// The PayRam simulator: a stateful, in-memory PayRam server speaking the merchant API over real HTTP.
import * as http from 'node:http';
import * as https from 'node:https';
import { handleControl } from './control';
import { invalidJson, invalidPaymentRequest, ROUTE_NOT_FOUND, SimulatorError, unauthorized, type EndpointFamily } from './errors';
import { API_PREFIX, readPayRamFaults, takePayRamFault, type PayRamFaults as Faults } from './faults';
import { closeServer, listenOn, decodePathSegment, flattenHeaders, queryRecord, readBody, sendHtml, sendJson, type ApiResponse, type Headers } from '../../testing/simulator/http';
import { InvalidJsonError, parseJsonFields, type JsonFields } from './jsonFields';
import { checkoutPage, notFoundPage, referralDashboardPage } from './pages';
import { addPayment, applyPayment, cancelPayment, createPayment, expireStalePayments, getPayment, recordWebhookOutcome, type NewPayment, type Payment, type PayOptions } from './payments';
import { invalidSearch, paymentSummary, searchPayments } from './search';
import { changePayoutStatus, createPayout, getPayout, listPayouts } from './payouts';
import { authenticateReferrer, DEFAULT_EVENT_KEYS, linkReferee, logReferralEvent, type CampaignEvent } from './referrals';
import { emptyState, type RecordedRequest, type SimulatorConfig, type SimulatorContext, type SimulatorState } from './state';
import {
	deliver,
	paymentEventRequest,
	payoutEventRequest,
	pingRequest,
	rawRequest,
	readWebhookTarget,
	type DeliveryResult,
	type RawDelivery,
	type WebhookRequest,
	type WebhookTarget,
} from './webhooks';

export type { PayRamFaults as Faults } from './faults';
export type { CreatedBy, NewPayment, PayOptions, Payment, PaymentState, WebhookStatus } from './payments';
export type { Payout } from './payouts';
export type { RecordedRequest, SimulatorState } from './state';
export type { DeliveryResult, RawDelivery, WebhookMode, WebhookRequest, WebhookTarget } from './webhooks';

export const SIMULATOR_VERSION = '3.8.1-sim';
export const DEFAULT_API_KEY = 'sim_project_key_0123456789abcdef';

export interface SimulatorOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	host?: string;
	apiKey?: string;
	tls?: { key: string; cert: string };
	paymentExpiryMs?: number;
	/** Campaign event keys the referral event-log accepts. */
	eventKeys?: Record<string, CampaignEvent>;
	/** List payouts as `{data, total}` instead of a bare array (the envelope differs across versions). */
	payoutListEnvelope?: boolean;
	/** Answer at most this many search rows per page, whatever the limit (a server that returns fewer than asked). */
	searchPageCap?: number;
	idempotencyWindowMs?: number;
	deliveryTimeoutMs?: number;
	merchantName?: string;
	/** Webhook target configured at start and restored by reset(). */
	webhook?: WebhookTarget | null;
	/** One line per API request and webhook delivery; never includes the API key. */
	log?: (line: string) => void;
}

export interface PayRamSimulator {
	/** Base URL, no trailing slash. */
	url: string;
	apiKey: string;
	readonly state: SimulatorState;
	readonly requests: RecordedRequest[];
	readonly deliveries: DeliveryResult[];
	readonly faults: Faults;
	readonly webhook: WebhookTarget | null;
	reset(): void;
	setFaults(faults: Faults): void;
	setWebhook(target: WebhookTarget | null): void;
	pay(referenceId: string, options: PayOptions): Promise<DeliveryResult | null>;
	expire(referenceId: string): void;
	/** Adds an OPEN payment, e.g. one a dashboard user created at a given time. */
	addPayment(input: NewPayment): Payment;
	/** Moves the simulator's clock forward (expiry, createdAt, updatedAt); returns the new time. */
	advanceClock(ms: number): Date;
	setPayoutStatus(id: number, status: string): Promise<DeliveryResult | null>;
	ping(options?: { signed?: boolean }): Promise<DeliveryResult>;
	redeliver(index?: number): Promise<DeliveryResult>;
	deliverRaw(raw: RawDelivery): Promise<DeliveryResult>;
	close(): Promise<void>;
}

interface ApiCall {
	params: string[];
	fields: JsonFields;
	query: URLSearchParams;
	headers: Headers;
}

interface ApiRoute {
	method: 'GET' | 'POST';
	pattern: RegExp;
	/** Routes without a family need no API key. */
	family?: EndpointFamily;
	readsJson?: boolean;
	/** How this route refuses a body that is not a JSON object (default: its family's shape). */
	invalidJson?: (reason: string) => ApiResponse;
	/** With Authorization present PayRam treats the call as a dashboard login, where this route does not exist. */
	hiddenFromDashboardLogin?: boolean;
	handle(sim: SimulatorContext, call: ApiCall): ApiResponse;
}

const API_ROUTES: ApiRoute[] = [
	{
		method: 'GET',
		pattern: /^\/api\/v1\/health$/,
		handle: () => ({
			status: 200,
			body: { status: 'ok', db: 'ok', version: SIMULATOR_VERSION, workers: { paymentMonitor: 'running', payoutProcessor: 'running', webhookDispatcher: 'running' } },
		}),
	},
	{ method: 'GET', pattern: /^\/api\/v1\/version$/, handle: () => ({ status: 200, body: { version: SIMULATOR_VERSION } }) },
	{
		method: 'POST',
		pattern: /^\/api\/v1\/payment$/,
		family: 'payments',
		readsJson: true,
		hiddenFromDashboardLogin: true,
		handle: (sim, call) => createPayment(sim, call.fields),
	},
	{
		method: 'GET',
		pattern: /^\/api\/v1\/payment\/reference\/([^/]*)$/,
		family: 'payments',
		handle: (sim, { params: [reference] }) => (reference === '' ? invalidPaymentRequest('referenceID is required.') : getPayment(sim, reference)),
	},
	{
		method: 'POST',
		pattern: /^\/api\/v1\/payment\/search$/,
		family: 'payments',
		readsJson: true,
		invalidJson: invalidSearch,
		handle: (sim, call) => searchPayments(sim, call.fields),
	},
	{ method: 'GET', pattern: /^\/api\/v1\/payment\/summary$/, family: 'payments', handle: (sim) => paymentSummary(sim) },
	{ method: 'POST', pattern: /^\/api\/v1\/referral\/referrers\/authenticate$/, family: 'referrals', readsJson: true, handle: (sim, call) => authenticateReferrer(sim, call.fields) },
	{ method: 'POST', pattern: /^\/api\/v1\/referral\/referee$/, family: 'referrals', readsJson: true, handle: (sim, call) => linkReferee(sim, call.fields) },
	{ method: 'POST', pattern: /^\/api\/v1\/referral\/event-log$/, family: 'referrals', readsJson: true, handle: (sim, call) => logReferralEvent(sim, call.fields) },
	{
		method: 'POST',
		pattern: /^\/api\/v1\/withdrawal\/merchant$/,
		family: 'payouts',
		readsJson: true,
		handle: (sim, call) => createPayout(sim, call.fields, call.headers['idempotency-key']),
	},
	{ method: 'GET', pattern: /^\/api\/v1\/withdrawal\/merchant$/, family: 'payouts', handle: (sim, call) => listPayouts(sim, call.query) },
	{ method: 'GET', pattern: /^\/api\/v1\/withdrawal\/([^/]+)\/merchant$/, family: 'payouts', handle: (sim, { params: [id] }) => getPayout(sim, id) },
];

function answerApi(sim: SimulatorContext, method: string, path: string, query: URLSearchParams, headers: Headers, rawBody: string): ApiResponse {
	const route = API_ROUTES.find((candidate) => candidate.method === method && candidate.pattern.test(path));
	if (!route) return ROUTE_NOT_FOUND;
	if (route.hiddenFromDashboardLogin && headers.authorization !== undefined) {
		return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'External platform not found' } } };
	}
	if (route.family && headers['api-key'] !== sim.config.apiKey) return unauthorized(route.family);
	let fields: JsonFields = new Map();
	if (route.readsJson) {
		try {
			fields = parseJsonFields(rawBody);
		} catch (error) {
			if (error instanceof InvalidJsonError) return route.invalidJson ? route.invalidJson(error.message) : invalidJson(route.family!, error.message);
			throw error;
		}
	}
	expireStalePayments(sim);
	const params = route.pattern.exec(path)!.slice(1).map(decodePathSegment);
	return route.handle(sim, { params, fields, query, headers });
}

function referenceIdOf(rawBody: string): string | undefined {
	try {
		const reference = (JSON.parse(rawBody) as { reference_id?: unknown }).reference_id;
		return typeof reference === 'string' ? reference : undefined;
	} catch {
		return undefined;
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Simulator implements PayRamSimulator {
	url = '';
	readonly apiKey: string;
	private readonly context: SimulatorContext;
	private readonly server: http.Server;
	private clockOffsetMs = 0;

	constructor(private readonly options: SimulatorOptions) {
		this.apiKey = options.apiKey ?? DEFAULT_API_KEY;
		const config: SimulatorConfig = {
			url: '',
			apiKey: this.apiKey,
			merchantName: options.merchantName ?? 'Simulated Project',
			paymentExpiryMs: options.paymentExpiryMs ?? 15 * 60 * 1000,
			idempotencyWindowMs: options.idempotencyWindowMs ?? 5 * 60 * 1000,
			deliveryTimeoutMs: options.deliveryTimeoutMs ?? 10_000,
			eventKeys: options.eventKeys ?? DEFAULT_EVENT_KEYS,
			payoutListEnvelope: options.payoutListEnvelope ?? false,
			searchPageCap: options.searchPageCap,
		};
		this.context = {
			config,
			state: emptyState(),
			faults: {},
			webhook: readWebhookTarget(options.webhook ?? null),
			requests: [],
			deliveries: [],
			now: () => new Date(Date.now() + this.clockOffsetMs),
		};
		const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
			this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent) sendJson(res, { status: 500, body: { error: { code: 'SIMULATOR_BUG', message: error.message } } });
				else res.destroy();
			});
		};
		this.server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
	}

	get state(): SimulatorState {
		return this.context.state;
	}

	get requests(): RecordedRequest[] {
		return this.context.requests;
	}

	get deliveries(): DeliveryResult[] {
		return this.context.deliveries;
	}

	get faults(): Faults {
		return this.context.faults;
	}

	get webhook(): WebhookTarget | null {
		return this.context.webhook;
	}

	async listen(): Promise<void> {
		this.url = await listenOn(this.server, this.options.port ?? 0, this.options.host ?? '127.0.0.1', this.options.tls ? 'https' : 'http');
		this.context.config.url = this.url;
	}

	private log(line: string): void {
		this.options.log?.(line);
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const target = new URL(req.url ?? '/', 'http://simulator');
		const path = target.pathname;
		const method = req.method ?? 'GET';
		const headers = flattenHeaders(req.headers);
		let rawBody: string;
		try {
			rawBody = (await readBody(req)).toString('utf8');
		} catch (error) {
			sendJson(res, { status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: (error as Error).message } } });
			return;
		}

		if (path.startsWith('/__sim/')) {
			sendJson(res, await handleControl(this, method, path, rawBody, headers['content-type'] ?? ''));
			return;
		}

		this.context.requests.push({ method, path, query: queryRecord(target.searchParams), headers, rawBody, at: new Date().toISOString() });

		if (path.startsWith(API_PREFIX)) {
			const latency = this.context.faults.latencyMs;
			if (latency) await sleep(latency);
			const fault = takePayRamFault(this.context.faults, path);
			if (fault.kind === 'drop') {
				this.log(`${method} ${path} -> dropped (fault)`);
				req.socket.destroy();
				return;
			}
			const response = fault.kind === 'fail' ? fault.response : answerApi(this.context, method, path, target.searchParams, headers, rawBody);
			this.log(`${method} ${path} -> ${fault.kind === 'malformed' ? '200 truncated (fault)' : response.status}`);
			sendJson(res, response, fault.kind === 'malformed');
			return;
		}

		const page = /^\/checkout\/([^/]+)(?:\/(success|cancel))?$/.exec(path);
		if (method === 'GET' && page) {
			expireStalePayments(this.context);
			const payment = this.state.payments.get(decodePathSegment(page[1]));
			if (!payment) sendHtml(res, 404, notFoundPage('Payment'));
			else sendHtml(res, 200, checkoutPage(payment, this.context.config.merchantName, page[2] as 'success' | 'cancel' | undefined));
			return;
		}
		const dashboard = /^\/referral\/([0-9a-f]+)$/.exec(path);
		if (method === 'GET' && dashboard) {
			const member = this.state.referralMembers.find((candidate) => candidate.dashboardToken === dashboard[1]);
			if (!member) sendHtml(res, 404, notFoundPage('Referral dashboard'));
			else sendHtml(res, 200, referralDashboardPage(member, this.url));
			return;
		}
		sendJson(res, ROUTE_NOT_FOUND);
	}

	private async send(webhook: WebhookRequest): Promise<DeliveryResult> {
		const result = await deliver(webhook, this.context.config.deliveryTimeoutMs);
		this.context.deliveries.push(result);
		this.log(`webhook ${webhook.method} ${webhook.url} -> ${result.error ?? result.status}`);
		return result;
	}

	private requireWebhook(): WebhookTarget {
		if (!this.context.webhook) throw new SimulatorError(409, 'no webhook target configured');
		return this.context.webhook;
	}

	reset(): void {
		Object.assign(this.context.state, emptyState());
		this.context.requests.length = 0;
		this.context.deliveries.length = 0;
		this.context.faults = {};
		this.context.webhook = readWebhookTarget(this.options.webhook ?? null);
		this.clockOffsetMs = 0;
	}

	setFaults(faults: Faults): void {
		this.context.faults = readPayRamFaults(faults);
	}

	setWebhook(target: WebhookTarget | null): void {
		this.context.webhook = readWebhookTarget(target);
	}

	async pay(referenceId: string, options: PayOptions): Promise<DeliveryResult | null> {
		expireStalePayments(this.context);
		const payment = applyPayment(this.context, referenceId, options);
		const webhook = this.context.webhook;
		// Without a webhook target nothing is sent, so the payment's webhook status stays pending.
		if (!webhook) return null;
		const result = await this.send(paymentEventRequest(webhook, this.apiKey, payment, this.context.now()));
		recordWebhookOutcome(this.context, payment, result.status);
		return result;
	}

	expire(referenceId: string): void {
		expireStalePayments(this.context);
		cancelPayment(this.context, referenceId);
	}

	addPayment(input: NewPayment): Payment {
		expireStalePayments(this.context);
		return addPayment(this.context, input);
	}

	advanceClock(ms: number): Date {
		if (!Number.isFinite(ms) || ms < 0) throw new SimulatorError(400, 'advanceMs must be a number of milliseconds >= 0');
		this.clockOffsetMs += ms;
		expireStalePayments(this.context);
		return this.context.now();
	}

	async setPayoutStatus(id: number, status: string): Promise<DeliveryResult | null> {
		const payout = changePayoutStatus(this.context, id, status);
		const webhook = this.context.webhook;
		return webhook ? this.send(payoutEventRequest(webhook, this.apiKey, payout, this.context.now())) : null;
	}

	async ping(options: { signed?: boolean } = {}): Promise<DeliveryResult> {
		return this.send(pingRequest(this.requireWebhook(), this.apiKey, options.signed ?? true, this.context.now()));
	}

	async redeliver(index = this.context.deliveries.length - 1): Promise<DeliveryResult> {
		const earlier = this.context.deliveries[index];
		if (!earlier) throw new SimulatorError(404, `no delivery at index ${index}`);
		const result = await this.send(earlier.request);
		// A redelivered payment event is the payment's notification too: PayRam's retries update its webhook status.
		const payment = this.context.state.payments.get(referenceIdOf(earlier.request.rawBody) ?? '');
		if (payment) recordWebhookOutcome(this.context, payment, result.status);
		return result;
	}

	async deliverRaw(raw: RawDelivery): Promise<DeliveryResult> {
		return this.send(rawRequest(this.requireWebhook().url, raw));
	}

	close(): Promise<void> {
		return closeServer(this.server);
	}
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<PayRamSimulator> {
	const simulator = new Simulator(options);
	await simulator.listen();
	return simulator;
}
