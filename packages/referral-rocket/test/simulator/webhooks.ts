// Referral Rocket's webhook deliveries: each event's envelope as compact JSON, signed with the endpoint's secret read as
// UTF-8 or hex-decoded (the vendor's two samples), sent to the endpoint URL and retried with exponential back-off.
import { createHmac, randomBytes } from 'node:crypto';

import { deliver, type DeliveryResult, type WebhookRequest } from '../../../../testing/simulator/deliveries';
import { isNonEmptyString, jsonText, SimulatorError } from '../../../../testing/simulator/http';
import { envelope, isWebhookEventType, type WebhookEnvelope } from './events';
import type { CampaignState } from './state';

export const SIGNATURE_HEADER = 'X-RR-Signature';

/** `utf8`: the Java sample's `key.getBytes(UTF_8)`; `hex`: the JavaScript sample's `new Buffer(secret, 'hex')`. */
export type KeyEncoding = 'utf8' | 'hex';
export const KEY_ENCODINGS: readonly KeyEncoding[] = ['utf8', 'hex'];

const USER_AGENT = 'ReferralRocket-Webhook/1.0-sim';

/**
 * `X-RR-Signature`: lowercase hex HMAC-SHA256 of the body, keyed the way the chosen sample keys it. The hex reading is
 * Node's lenient decoder on purpose (`whsec_…` becomes an empty key), as the vendor's JavaScript sample would sign.
 */
export function signatureFor(secret: string, rawBody: string | Buffer, keyEncoding: KeyEncoding = 'utf8'): string {
	return createHmac('sha256', Buffer.from(secret, keyEncoding)).update(rawBody).digest('hex');
}

/** A fresh endpoint secret: 32 lowercase hex characters (the real format is unknown), so both key readings apply. */
export function newWebhookSecret(): string {
	return randomBytes(16).toString('hex');
}

/** What the dashboard's Settings > Webhooks holds for one endpoint. */
export interface WebhookEndpoint {
	url: string;
	/** Event types sent to this endpoint; any event type when empty. */
	events: string[];
	secret: string;
	keyEncoding: KeyEncoding;
}

/** One event sent to one endpoint: the request as first sent, every attempt's answer, and how it ended. */
export interface WebhookDelivery {
	eventType: string;
	request: WebhookRequest;
	attempts: DeliveryResult[];
	/** `pending` while retries remain; `undeliverable` once they are spent. */
	outcome: 'delivered' | 'pending' | 'undeliverable';
}

/** The request Referral Rocket sends: POST, compact JSON, `X-RR-Signature` over the exact bytes. */
export function webhookRequest(endpoint: Pick<WebhookEndpoint, 'url' | 'secret' | 'keyEncoding'>, event: WebhookEnvelope | string): WebhookRequest {
	const rawBody = typeof event === 'string' ? event : jsonText(event);
	return {
		method: 'POST',
		url: endpoint.url,
		headers: {
			'Content-Type': 'application/json',
			'Content-Length': String(Buffer.byteLength(rawBody)),
			'User-Agent': USER_AGENT,
			[SIGNATURE_HEADER]: signatureFor(endpoint.secret, rawBody, endpoint.keyEncoding),
		},
		rawBody,
	};
}

/** Waits of an exponential back-off: `firstMs`, twice that, ... (Referral Rocket: "several days", then undeliverable). */
export function backOffDelays(firstMs: number, retries: number): number[] {
	return Array.from({ length: retries }, (_, retry) => firstMs * 2 ** retry);
}

export interface WebhookOptions {
	/** The waits before each retry of a delivery not answered 2xx (default 1 s, 2 s, 4 s, 8 s, 16 s: a compressed clock). */
	retryDelaysMs?: number[];
	/** How long one attempt waits for an answer (default 10 s). */
	timeoutMs?: number;
}

function answered2xx(result: DeliveryResult): boolean {
	return result.status >= 200 && result.status < 300;
}

/** The simulator's webhook side: endpoints, signed deliveries of the events the store fires, retries, and the record of it all. */
export class Webhooks {
	readonly endpoints: WebhookEndpoint[] = [];
	readonly deliveries: WebhookDelivery[] = [];
	private readonly retrying = new Set<Promise<void>>();
	/** Back-off waits in progress, so stop() can end them at once. */
	private readonly waits = new Map<NodeJS.Timeout, () => void>();
	private generation = 0;

	constructor(private readonly options: WebhookOptions = {}) {}

	/** Adds (or replaces, by URL) an endpoint, as the dashboard saves it; a secret is generated unless given. */
	register(input: { url: unknown; events?: unknown; secret?: unknown; keyEncoding?: unknown }): WebhookEndpoint {
		if (!isNonEmptyString(input.url) || !/^https?:\/\//.test(input.url)) throw new SimulatorError(400, 'url must be an http(s) URL');
		const events = input.events ?? [];
		if (!Array.isArray(events) || !events.every(isNonEmptyString)) throw new SimulatorError(400, 'events must be a list of event types');
		const endpoint: WebhookEndpoint = {
			url: input.url,
			events: events as string[],
			secret: input.secret === undefined ? newWebhookSecret() : readSecret(input.secret),
			keyEncoding: readKeyEncoding(input.keyEncoding),
		};
		const existing = this.endpoints.findIndex((candidate) => candidate.url === endpoint.url);
		if (existing === -1) this.endpoints.push(endpoint);
		else this.endpoints[existing] = endpoint;
		return endpoint;
	}

	/** The endpoints that take an event type. */
	endpointsFor(eventType: string): WebhookEndpoint[] {
		return this.endpoints.filter((endpoint) => endpoint.events.length === 0 || endpoint.events.includes(eventType));
	}

	/** Sends each event to every endpoint that takes its type, in order; answers once each first attempt is answered. */
	async dispatch(events: WebhookEnvelope[]): Promise<WebhookDelivery[]> {
		const sent: WebhookDelivery[] = [];
		for (const event of events) {
			for (const endpoint of this.endpointsFor(event.eventType)) {
				sent.push(await this.send(webhookRequest(endpoint, event), event.eventType));
			}
		}
		return sent;
	}

	/** Sends one signed request; a non-2xx answer or none is retried in the background after each back-off wait. */
	async send(request: WebhookRequest, eventType: string): Promise<WebhookDelivery> {
		const delivery: WebhookDelivery = { eventType, request, attempts: [], outcome: 'pending' };
		this.deliveries.push(delivery);
		const delays = [...(this.options.retryDelaysMs ?? backOffDelays(1000, 5))];
		const attempt = async () => {
			const result = await deliver(request, this.options.timeoutMs ?? 10_000);
			delivery.attempts.push(result);
			if (answered2xx(result)) delivery.outcome = 'delivered';
			else if (delays.length === 0) delivery.outcome = 'undeliverable';
		};
		await attempt();
		if (delivery.outcome === 'pending') this.retry(delivery, delays, attempt);
		return delivery;
	}

	private retry(delivery: WebhookDelivery, delays: number[], attempt: () => Promise<void>): void {
		const generation = this.generation;
		const retries = (async () => {
			while (delivery.outcome === 'pending' && generation === this.generation) {
				await this.wait(delays.shift() as number);
				if (generation === this.generation) await attempt();
			}
		})();
		const tracked = retries.finally(() => this.retrying.delete(tracked));
		this.retrying.add(tracked);
	}

	private wait(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.waits.delete(timer);
				resolve();
			}, ms);
			this.waits.set(timer, resolve);
		});
	}

	/** Resolves once every retry scheduled so far has delivered or given up. */
	async idle(): Promise<void> {
		while (this.retrying.size > 0) await Promise.all([...this.retrying]);
	}

	/** Ends the retries still waiting (their deliveries stay `pending`). */
	stop(): void {
		this.generation += 1;
		for (const [timer, resolve] of this.waits) {
			clearTimeout(timer);
			resolve();
		}
		this.waits.clear();
	}

	/** Forgets endpoints and deliveries; retries still waiting stop. */
	reset(): void {
		this.stop();
		this.endpoints.length = 0;
		this.deliveries.length = 0;
	}
}

function readSecret(value: unknown): string {
	if (!isNonEmptyString(value)) throw new SimulatorError(400, 'secret must be a non-empty string');
	return value;
}

function readKeyEncoding(value: unknown): KeyEncoding {
	if (value === undefined) return 'utf8';
	if (!KEY_ENCODINGS.includes(value as KeyEncoding)) throw new SimulatorError(400, `keyEncoding must be one of ${KEY_ENCODINGS.join(', ')}`);
	return value as KeyEncoding;
}

export interface DeliverInput {
	/** Any event type: the three documented ones, or another one to play an event Referral Rocket does not document yet. */
	eventType: unknown;
	/** The participant the event is about. */
	email: unknown;
	campaignId?: unknown;
	/** Send to this URL instead of the registered endpoints (with `secret`, unless an endpoint has this URL). */
	url?: unknown;
	secret?: unknown;
	keyEncoding?: unknown;
}

/** The event of a participant's current state, sent now (the control call `POST /__sim/deliver`). */
export async function deliverEvent(webhooks: Webhooks, state: CampaignState, input: DeliverInput): Promise<WebhookDelivery[]> {
	if (!isNonEmptyString(input.eventType)) throw new SimulatorError(400, 'eventType must be a non-empty string');
	const participant = state.participants.find(
		(candidate) => candidate.email === input.email && (input.campaignId === undefined || candidate.campaignId === input.campaignId),
	);
	if (!participant) throw new SimulatorError(404, `no participant with email ${String(input.email)}`);
	// The data of an undocumented event type is assumed to be the same participant snapshot.
	const event = { ...envelope(state, isWebhookEventType(input.eventType) ? input.eventType : 'referrer_added', participant, new Date()), eventType: input.eventType };
	const sent: WebhookDelivery[] = [];
	for (const target of deliveryTargets(webhooks, event.eventType, input)) sent.push(await webhooks.send(webhookRequest(target, event), event.eventType));
	return sent;
}

/** Where a control delivery goes: the URL given (its secret given or registered), else every endpoint taking the event type. */
function deliveryTargets(webhooks: Webhooks, eventType: string, input: DeliverInput): Array<Pick<WebhookEndpoint, 'url' | 'secret' | 'keyEncoding'>> {
	const keyEncoding = input.keyEncoding === undefined ? undefined : readKeyEncoding(input.keyEncoding);
	if (input.url === undefined) {
		return webhooks.endpointsFor(eventType).map((endpoint) => ({ ...endpoint, keyEncoding: keyEncoding ?? endpoint.keyEncoding }));
	}
	if (!isNonEmptyString(input.url)) throw new SimulatorError(400, 'url must be an http(s) URL');
	const registered = webhooks.endpoints.find((endpoint) => endpoint.url === input.url);
	const secret = input.secret === undefined && registered ? registered.secret : readSecret(input.secret);
	return [{ url: input.url, secret, keyEncoding: keyEncoding ?? registered?.keyEncoding ?? 'utf8' }];
}

/** What the control routes need of the simulator. */
interface WebhookSimulator {
	readonly webhooks: Webhooks;
	readonly state: CampaignState;
}

/** The dashboard's Settings > Webhooks and test deliveries, under the simulator's control API. */
export const WEBHOOK_CONTROL_ROUTES: Array<{ method: 'GET' | 'POST'; pattern: RegExp; handle(sim: WebhookSimulator, body: Record<string, unknown>): unknown }> = [
	{ method: 'POST', pattern: /^\/__sim\/webhooks$/, handle: (sim, body) => sim.webhooks.register(body as { url: unknown }) },
	{ method: 'GET', pattern: /^\/__sim\/webhooks$/, handle: (sim) => sim.webhooks.endpoints },
	{ method: 'POST', pattern: /^\/__sim\/deliver$/, handle: async (sim, body) => ({ deliveries: await deliverEvent(sim.webhooks, sim.state, body as unknown as DeliverInput) }) },
	{ method: 'GET', pattern: /^\/__sim\/deliveries$/, handle: (sim) => sim.webhooks.deliveries },
];
