// The simulator's own control API under /__sim/ (no key): how the CLI and the n8n end-to-end tests drive it.
import { SimulatorError } from './errors';
import { resetAndFaultRoutes } from '../../testing/simulator/control';
import { decodePathSegment, withoutSecrets, type ApiResponse } from '../../testing/simulator/http';
import type { NewPayment, PaidState, PayOptions } from './payments';
import type { PayRamSimulator } from './server';
import type { RawDelivery } from './webhooks';

type ControlHandler = (sim: PayRamSimulator, params: string[], body: unknown) => Promise<unknown> | unknown;

interface ControlRoute {
	method: 'GET' | 'POST';
	pattern: RegExp;
	handle: ControlHandler;
	/** Where to send a browser that posted a form here, instead of answering JSON. */
	formRedirect?: (params: string[]) => string;
}

function record(body: unknown): Record<string, unknown> {
	return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

const CONTROL_ROUTES: ControlRoute[] = [
	...resetAndFaultRoutes<PayRamSimulator>(),
	{
		method: 'POST',
		pattern: /^\/__sim\/webhook$/,
		handle: (sim, _params, body) => {
			sim.setWebhook((body ?? null) as Parameters<PayRamSimulator['setWebhook']>[0]);
			return { webhook: sim.webhook };
		},
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/payments$/,
		handle: (sim, _params, body) => ({ payment: sim.addPayment(record(body) as NewPayment) }),
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/clock$/,
		handle: (sim, _params, body) => ({ now: sim.advanceClock(Number(record(body).advanceMs ?? 0)).toISOString() }),
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/payments\/([^/]+)\/pay$/,
		handle: async (sim, [reference], body) => {
			const options = record(body);
			const delivery = await sim.pay(reference, { ...options, state: (options.state ?? 'FILLED') as PaidState } as PayOptions);
			return { payment: sim.state.payments.get(reference), delivery };
		},
		formRedirect: ([reference]) => `/checkout/${encodeURIComponent(reference)}`,
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/payments\/([^/]+)\/expire$/,
		handle: (sim, [reference]) => {
			sim.expire(reference);
			return { payment: sim.state.payments.get(reference) };
		},
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/payouts\/(\d+)\/status$/,
		handle: async (sim, [id], body) => {
			const delivery = await sim.setPayoutStatus(Number(id), String(record(body).status ?? ''));
			return { payout: sim.state.payouts.find((payout) => payout.id === Number(id)), delivery };
		},
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/ping$/,
		handle: async (sim, _params, body) => ({ delivery: await sim.ping({ signed: record(body).signed !== false }) }),
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/redeliver$/,
		handle: async (sim, _params, body) => {
			const index = record(body).index;
			return { delivery: await sim.redeliver(typeof index === 'number' ? index : undefined) };
		},
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/deliver-raw$/,
		handle: async (sim, _params, body) => {
			const raw = record(body);
			if (typeof raw.method !== 'string') throw new SimulatorError(400, 'method is required');
			return { delivery: await sim.deliverRaw(raw as unknown as RawDelivery) };
		},
	},
	{ method: 'GET', pattern: /^\/__sim\/requests$/, handle: (sim) => sim.requests },
	{ method: 'GET', pattern: /^\/__sim\/deliveries$/, handle: (sim) => sim.deliveries },
	{
		method: 'GET',
		pattern: /^\/__sim\/state$/,
		handle: (sim) => ({
			payments: [...sim.state.payments.values()],
			referralMembers: sim.state.referralMembers,
			referralEvents: sim.state.referralEvents,
			payouts: sim.state.payouts,
			idempotencyKeys: Object.fromEntries(sim.state.idempotencyKeys),
			webhook: sim.webhook,
			faults: sim.faults,
		}),
	},
];

/** Form posts come from the checkout page's Pay button; a `pair` field reads "USDC:ETH". */
function readControlBody(rawBody: string, contentType: string): unknown {
	if (contentType.startsWith('application/x-www-form-urlencoded')) {
		const form = new URLSearchParams(rawBody);
		const [currency, network] = (form.get('pair') ?? '').split(':');
		return { state: form.get('state') ?? 'FILLED', ...(currency && { currency }), ...(network && { network }) };
	}
	if (rawBody.trim() === '') return undefined;
	try {
		return JSON.parse(rawBody);
	} catch {
		throw new SimulatorError(400, 'control body must be JSON');
	}
}

export async function handleControl(sim: PayRamSimulator, method: string, path: string, rawBody: string, contentType: string): Promise<ApiResponse> {
	const route = CONTROL_ROUTES.find((candidate) => candidate.method === method && candidate.pattern.test(path));
	if (!route) return { status: 404, body: { error: `no control route ${method} ${path}` } };
	try {
		const params = route.pattern.exec(path)!.slice(1).map(decodePathSegment);
		// Control answers show recorded requests and deliveries, whose headers carry the API key: it never goes back out.
		const result = withoutSecrets(await route.handle(sim, params, readControlBody(rawBody, contentType)), [sim.apiKey]);
		if (route.formRedirect && contentType.startsWith('application/x-www-form-urlencoded')) {
			return { status: 303, headers: { Location: route.formRedirect(params) }, body: result };
		}
		return { status: 200, body: result };
	} catch (error) {
		if (error instanceof SimulatorError) return { status: error.status, body: { error: error.message } };
		throw error;
	}
}
