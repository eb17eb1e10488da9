// UpPromote Public API v2 routes: what each endpoint reads, changes and answers.
import { decodePathSegment, type ApiResponse } from '../../../../testing/simulator/http';
import type { DeliveryResult } from '../../../../testing/simulator/deliveries';
import { isWebhookEvent, newSecretKey, WEBHOOK_EVENTS } from './events';
import { adjustReferral, approveOrDenyAffiliate, createAffiliate, markPaidByApi, referralById, Refusal, type FiredEvent } from './operations';
import { inDateWindow, newestFirst, oneOf, page, QueryError } from './query';
import { affiliateJson, affiliateOf, couponJson, paidPaymentJson, programJson, referralJson, subscriptionJson, unpaidRows } from './records';
import { fieldError, NOT_FOUND, parameterError, success } from './responses';
import { timestamp, type StoreState } from './state';

export const API_PREFIX = '/api/v2/';

const PAYMENT_METHODS = ['paypal', 'bank', 'wise', 'debit', 'cheque', 'venmo', 'paytm', 'upi', 'store_credit', 'other'] as const;

/** What the routes work on. */
export interface ApiContext {
	state: StoreState;
	now(): Date;
	/** Queues the deliveries of these events to their subscriptions (sent once the answer is written, as UpPromote's queue does). */
	fire(events: FiredEvent[]): void;
	/** Sends the validation ping to a target URL and waits for its answer. */
	ping(targetUrl: string): Promise<DeliveryResult>;
	/** Whether endpoints whose path UpPromote never documented are answered at the simulator's guessed paths. */
	guessedEndpoints: boolean;
}

export interface ApiCall {
	params: string[];
	query: URLSearchParams;
	/** The JSON body; anything that is not a JSON object reads as `{}`, as Laravel's input does. */
	body: Record<string, unknown>;
}

interface ApiRoute {
	method: 'GET' | 'POST' | 'DELETE';
	pattern: RegExp;
	handle(api: ApiContext, call: ApiCall): ApiResponse | Promise<ApiResponse>;
	/** A path the simulator assumes (listed under the contract's x-unresolved-endpoints), off unless asked for. */
	guessed?: boolean;
}

function idParam(text: string): number | undefined {
	return /^\d+$/.test(text) ? Number(text) : undefined;
}

function found<T>(record: T | undefined, json: (record: T) => unknown): ApiResponse {
	return record === undefined ? NOT_FOUND : success(json(record));
}

function listPrograms(api: ApiContext, { query }: ApiCall): ApiResponse {
	const status = oneOf(query, 'status', ['active', 'inactive'] as const);
	const name = query.get('program_name')?.toLowerCase();
	const rows = api.state.programs.filter((program) => (!status || program.status === status) && (!name || program.name.toLowerCase().includes(name)));
	return success(page(newestFirst(rows, (program) => program.id), query).map(programJson));
}

function listAffiliates(api: ApiContext, { query }: ApiCall): ApiResponse {
	const status = oneOf(query, 'status', ['active', 'inactive', 'pending'] as const);
	const verified = oneOf(query, 'email_verified', ['verified', 'unverified'] as const);
	const email = query.get('affiliate_email')?.toLowerCase();
	let rows = api.state.affiliates.filter(
		(affiliate) => (!status || affiliate.status === status) && (!verified || affiliate.emailVerified === verified) && (!email || affiliate.email.toLowerCase() === email),
	);
	rows = inDateWindow(rows, query, (affiliate) => affiliate.createdAt);
	return success(page(newestFirst(rows, (affiliate) => affiliate.id), query).map((affiliate) => affiliateJson(api.state, affiliate)));
}

function listCoupons(api: ApiContext, { query }: ApiCall): ApiResponse {
	const rows = inDateWindow(api.state.coupons, query, (coupon) => coupon.createdAt);
	return success(page(newestFirst(rows, (coupon) => coupon.id), query).map((coupon) => couponJson(api.state, coupon)));
}

function listUnpaid(api: ApiContext, { query }: ApiCall): ApiResponse {
	const method = oneOf(query, 'payment_method', ['no_payment_method', ...PAYMENT_METHODS] as const);
	const rows = unpaidRows(api.state).filter((row) => !method || row.payment_method === method);
	return success(page(rows, query));
}

function listPaid(api: ApiContext, { query }: ApiCall): ApiResponse {
	const method = oneOf(query, 'payment_method', PAYMENT_METHODS);
	let rows = api.state.paidPayments.filter((payment) => !method || payment.paymentMethod === method);
	rows = inDateWindow(rows, query, (payment) => payment.processedAt);
	return success(page(newestFirst(rows, (payment) => payment.paymentId), query).map((payment) => paidPaymentJson(api.state, payment)));
}

function listReferrals(api: ApiContext, { query }: ApiCall): ApiResponse {
	const orderId = query.get('order_id');
	const programId = query.get('program_id');
	const email = query.get('affiliate_email')?.toLowerCase();
	let rows = api.state.referrals.filter(
		(referral) =>
			(!orderId || String(referral.orderId) === orderId) &&
			(!programId || String(referral.programId) === programId) &&
			(!email || affiliateOf(api.state, referral.affiliateId)?.email.toLowerCase() === email),
	);
	rows = inDateWindow(rows, query, (referral) => referral.createdAt, true);
	return success(page(newestFirst(rows, (referral) => referral.id), query).map((referral) => referralJson(api.state, referral)));
}

function listSubscriptions(api: ApiContext, { query }: ApiCall): ApiResponse {
	const event = query.get('event');
	const rows = api.state.subscriptions.filter((subscription) => !event || subscription.event === event);
	return success(page(rows, query).map(subscriptionJson));
}

function isHttpUrl(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

/** Validates, pings the target URL (only a 200 lets the subscription exist), then issues a fresh secret. */
async function subscribe(api: ApiContext, { body }: ApiCall): Promise<ApiResponse> {
	const errors: Record<string, string[]> = {};
	if (body.target_url === undefined || body.target_url === null || body.target_url === '') errors.target_url = ['The target url field is required.'];
	else if (!isHttpUrl(body.target_url)) errors.target_url = ['The target url format is invalid.'];
	if (body.event === undefined || body.event === null || body.event === '') errors.event = ['The event field is required.'];
	else if (!isWebhookEvent(body.event)) errors.event = ['The selected event is invalid.'];
	else if (api.state.subscriptions.some((subscription) => subscription.event === body.event)) errors.event = ['The event has already been taken.'];
	if (Object.keys(errors).length > 0) return parameterError(errors);
	const targetUrl = body.target_url as string;
	const ping = await api.ping(targetUrl);
	if (ping.status !== 200) return fieldError('target_url', 'The target url could not be verified.');
	// Another subscribe for the same event may have finished while this one waited for its ping.
	if (api.state.subscriptions.some((subscription) => subscription.event === body.event)) return fieldError('event', 'The event has already been taken.');
	const subscription = {
		id: api.state.nextId.subscription++,
		event: body.event as (typeof WEBHOOK_EVENTS)[number],
		targetUrl,
		secretKey: newSecretKey(),
		status: 'active',
		createdAt: timestamp(api.now()),
	};
	api.state.subscriptions.push(subscription);
	return success(subscriptionJson(subscription));
}

function unsubscribe(api: ApiContext, { body }: ApiCall): ApiResponse {
	if (body.event === undefined || body.event === null || body.event === '') return fieldError('event', 'The event field is required.');
	if (!isWebhookEvent(body.event)) return fieldError('event', 'The selected event is invalid.');
	const index = api.state.subscriptions.findIndex((subscription) => subscription.event === body.event);
	if (index < 0) return NOT_FOUND;
	api.state.subscriptions.splice(index, 1);
	return success(null);
}

function changing<T>(api: ApiContext, change: () => { record: T; events: FiredEvent[] }, json: (record: T) => unknown): ApiResponse {
	const { record, events } = change();
	api.fire(events);
	return success(json(record));
}

const ROUTES: ApiRoute[] = [
	{ method: 'GET', pattern: /^\/api\/v2\/programs$/, handle: listPrograms },
	{ method: 'GET', pattern: /^\/api\/v2\/programs\/([^/]+)$/, handle: (api, { params: [id] }) => found(api.state.programs.find((program) => program.id === idParam(id)), programJson) },
	{
		method: 'GET',
		pattern: /^\/api\/v2\/programs\/([^/]+)\/excluded$/,
		handle: (api, { params: [id] }) => found(api.state.programs.find((program) => program.id === idParam(id)), () => ({ products: [], collections: [] })),
	},
	{ method: 'GET', pattern: /^\/api\/v2\/affiliates$/, handle: listAffiliates },
	{
		method: 'POST',
		pattern: /^\/api\/v2\/affiliates$/,
		handle: (api, { body }) => changing(api, () => createAffiliate(api.state, body, api.now()), (affiliate) => affiliateJson(api.state, affiliate)),
	},
	{ method: 'GET', pattern: /^\/api\/v2\/affiliates\/([^/]+)$/, handle: (api, { params: [id] }) => found(affiliateOf(api.state, idParam(id) ?? -1), (affiliate) => affiliateJson(api.state, affiliate)) },
	{
		method: 'POST',
		pattern: /^\/api\/v2\/affiliate\/active$/,
		handle: (api, { body }) => changing(api, () => approveOrDenyAffiliate(api.state, body), (affiliate) => affiliateJson(api.state, affiliate)),
	},
	{ method: 'GET', pattern: /^\/api\/v2\/coupons$/, handle: listCoupons },
	{ method: 'GET', pattern: /^\/api\/v2\/payments\/unpaid$/, handle: listUnpaid },
	{ method: 'GET', pattern: /^\/api\/v2\/payments\/paid$/, handle: listPaid },
	{
		method: 'POST',
		pattern: /^\/api\/v2\/payments\/mark-paid$/,
		guessed: true,
		handle: (api, { body }) => changing(api, () => markPaidByApi(api.state, body, api.now()), (payment) => paidPaymentJson(api.state, payment)),
	},
	{
		method: 'GET',
		pattern: /^\/api\/v2\/payments\/([^/]+)$/,
		handle: (api, { params: [id] }) => found(api.state.paidPayments.find((payment) => payment.paymentId === idParam(id)), (payment) => paidPaymentJson(api.state, payment)),
	},
	{ method: 'GET', pattern: /^\/api\/v2\/referrals$/, handle: listReferrals },
	{ method: 'GET', pattern: /^\/api\/v2\/referrals\/([^/]+)$/, handle: (api, { params: [id] }) => success(referralJson(api.state, referralById(api.state, idParam(id) ?? -1))) },
	{
		method: 'POST',
		pattern: /^\/api\/v2\/referral\/([^/]+)\/adjustment$/,
		handle: (api, { params: [id], body }) => success(referralJson(api.state, adjustReferral(api.state, referralById(api.state, idParam(id) ?? -1), body))),
	},
	{ method: 'GET', pattern: /^\/api\/v2\/webhook-subscriptions$/, handle: listSubscriptions },
	{ method: 'POST', pattern: /^\/api\/v2\/webhook-subscriptions$/, handle: subscribe },
	{ method: 'DELETE', pattern: /^\/api\/v2\/webhook-subscriptions$/, handle: unsubscribe },
];

/** Reads a request body the way Laravel reads JSON input: anything but a JSON object is no input at all. */
export function jsonInput(rawBody: string): Record<string, unknown> {
	try {
		const parsed: unknown = JSON.parse(rawBody);
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/** Answers one authenticated API request; unknown routes get 404. */
export async function answerApi(api: ApiContext, method: string, path: string, query: URLSearchParams, rawBody: string): Promise<ApiResponse> {
	const route = ROUTES.find((candidate) => candidate.method === method && candidate.pattern.test(path) && (!candidate.guessed || api.guessedEndpoints));
	if (!route) return NOT_FOUND;
	const params = route.pattern.exec(path)!.slice(1).map(decodePathSegment);
	try {
		return await route.handle(api, { params, query, body: jsonInput(rawBody) });
	} catch (error) {
		if (error instanceof QueryError || error instanceof Refusal) return error.response;
		throw error;
	}
}
