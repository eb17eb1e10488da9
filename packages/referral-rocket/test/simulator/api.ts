// Referral Rocket API v1 routes (RPC style, all under /api/v1/): what each one reads, changes and answers.
import type { ApiResponse } from '../../../../testing/simulator/http';
import { isEmail } from '../../../../testing/simulator/http';
import { parseJsonExact } from '../../../../kit/exactJson';
import type { WebhookEnvelope } from './events';
import { addParticipant, qualify, Refusal } from './operations';
import { sorted, springPage, type PagingOptions } from './pages';
import { campaignJson, campaignOf, participantByCode, participantByEmail, participantJson, participantsOf, refereesOf } from './records';
import { errorDetail, ok, springError } from './responses';
import type { CampaignState } from './state';

export const API_PREFIX = '/api/v1/';

/** What the routes work on. */
export interface ApiContext {
	state: CampaignState;
	now(): Date;
	paging: PagingOptions;
	/** Where the undocumented qualify call is served (e.g. `/api/v1/qualify`), or null. */
	qualifyPath: string | null;
	/** Queues these events' deliveries (sent once the answer is written). */
	fire(events: WebhookEnvelope[]): void;
}

interface ApiCall {
	path: string;
	query: URLSearchParams;
	rawBody: string;
}

type Route = (api: ApiContext, call: ApiCall) => ApiResponse;

/** A required query parameter, or Spring's 400 when it is missing or blank. */
function required(call: ApiCall, name: string): string {
	const value = call.query.get(name);
	if (value === null || value.trim() === '') throw new Refusal(springError(400, call.path));
	return value.trim();
}

/** A JSON object body with amounts kept exact; anything else is Spring's 400 "Bad Request". */
function jsonBody(call: ApiCall): Record<string, unknown> {
	let parsed: unknown;
	try {
		parsed = parseJsonExact(call.rawBody, new Set(['amountPaid'])).exact;
	} catch {
		throw new Refusal(springError(400, call.path));
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Refusal(springError(400, call.path));
	return parsed as Record<string, unknown>;
}

function knownCampaign(api: ApiContext, call: ApiCall, name: string) {
	const campaign = campaignOf(api.state, required(call, name));
	if (!campaign) throw new Refusal(errorDetail(404, 'Campaign not found', call.path));
	return campaign;
}

function knownParticipant(api: ApiContext, call: ApiCall) {
	const campaign = knownCampaign(api, call, 'id');
	const email = required(call, 'email');
	if (!isEmail(email)) throw new Refusal(springError(400, call.path));
	const participant = participantByEmail(api.state, campaign.campaignId, email);
	if (!participant) throw new Refusal(errorDetail(404, 'Participant not found', call.path));
	return participant;
}

const GET_ROUTES: Record<string, Route> = {
	getCampaign: (api, call) => ok(campaignJson(api.state, knownCampaign(api, call, 'id'))),
	// Any campaign id is accepted: an unknown one simply holds no codes.
	validateCode: (api, call) => ok(participantByCode(api.state, required(call, 'campaignId'), required(call, 'code')) !== undefined),
	getParticipant: (api, call) => ok(participantJson(api.state, knownParticipant(api, call))),
	getAllParticipants: (api, call) => {
		const rows = sorted(participantsOf(api.state, knownCampaign(api, call, 'id').campaignId), call.query);
		return ok(springPage(rows.map((row) => participantJson(api.state, row)), call.query, api.paging));
	},
	getReferrals: (api, call) => {
		const rows = sorted(refereesOf(api.state, knownParticipant(api, call)), call.query);
		return ok(springPage(rows.map((row) => participantJson(api.state, row)), call.query, api.paging));
	},
};

function answer(api: ApiContext, method: string, call: ApiCall): ApiResponse {
	const name = call.path.slice(API_PREFIX.length);
	if (method === 'POST' && call.path === '/api/v1/addParticipant') {
		const outcome = addParticipant(api.state, jsonBody(call), call.path, api.now());
		api.fire(outcome.events);
		return ok(participantJson(api.state, outcome.record));
	}
	if (method === 'POST' && api.qualifyPath !== null && call.path === api.qualifyPath) {
		const outcome = qualify(api.state, jsonBody(call), call.path, api.now());
		api.fire(outcome.events);
		return ok(participantJson(api.state, outcome.record));
	}
	const route = method === 'GET' ? GET_ROUTES[name] : undefined;
	if (route) return route(api, call);
	// Spring answers an unknown path 404 and a known path with another method 405, both in its default body.
	const known = name in GET_ROUTES || call.path === '/api/v1/addParticipant' || call.path === api.qualifyPath;
	return springError(known ? 405 : 404, call.path);
}

/** Answers one API request; refusals become their Spring answers. */
export function answerApi(api: ApiContext, method: string, path: string, query: URLSearchParams, rawBody: string): ApiResponse {
	try {
		return answer(api, method, { path, query, rawBody });
	} catch (error) {
		if (error instanceof Refusal) return error.response;
		throw error;
	}
}
