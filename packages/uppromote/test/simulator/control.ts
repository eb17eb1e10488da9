// The simulator's own control API under /__sim/ (no key, not UpPromote's): how tests and people drive the store.
import { answerControl, resetAndFaultRoutes } from '../../../../testing/simulator/control';
import { SimulatorError, type ApiResponse } from '../../../../testing/simulator/http';
import type { RawDelivery } from '../../../../testing/simulator/deliveries';
import type { WebhookEvent } from './events';
import { Refusal, type NewReferral } from './operations';
import type { UpPromoteSimulator } from './server';

type ControlHandler = (sim: UpPromoteSimulator, params: string[], body: Record<string, unknown>) => Promise<unknown> | unknown;

interface ControlRoute {
	method: 'GET' | 'POST';
	pattern: RegExp;
	handle: ControlHandler;
}

function id(text: string): number {
	if (!/^\d+$/.test(text)) throw new SimulatorError(400, `not an id: ${text}`);
	return Number(text);
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
	const value = body[name];
	if (value !== undefined && typeof value !== 'string') throw new SimulatorError(400, `${name} must be a string`);
	return value;
}

const CONTROL_ROUTES: ControlRoute[] = [
	...resetAndFaultRoutes<UpPromoteSimulator>(),
	{ method: 'POST', pattern: /^\/__sim\/referrals$/, handle: (sim, _params, body) => sim.createReferral(body as NewReferral) },
	{
		method: 'POST',
		pattern: /^\/__sim\/referrals\/([^/]+)\/(approve|deny)$/,
		handle: (sim, [referral, action]) => sim.setReferralStatus(id(referral), action === 'approve' ? 'approved' : 'denied'),
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/affiliates\/([^/]+)\/status$/,
		handle: (sim, [affiliate], body) => {
			const status = body.status;
			if (status !== 'active' && status !== 'inactive' && status !== 'pending') throw new SimulatorError(400, "status must be 'active', 'inactive' or 'pending'");
			return sim.setAffiliateStatus(id(affiliate), status);
		},
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/payments\/pay$/,
		handle: (sim, _params, body) => {
			const affiliate = body.affiliate_id;
			if (!Number.isInteger(affiliate)) throw new SimulatorError(400, 'affiliate_id must be an integer');
			return sim.markPaid(affiliate as number, optionalString(body, 'payment_method'));
		},
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/deliver$/,
		handle: async (sim, _params, body) => {
			if (body.body === undefined) throw new SimulatorError(400, 'body is required (an object, or the exact text to send)');
			return { delivery: await sim.deliver(body.event as WebhookEvent, body.body) };
		},
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/deliver-raw$/,
		handle: async (sim, _params, body) => {
			if (typeof body.method !== 'string') throw new SimulatorError(400, 'method is required');
			if (body.url === undefined && body.event === undefined) throw new SimulatorError(400, 'url or event is required');
			return { delivery: await sim.deliverRaw(body as unknown as RawDelivery & { url?: string; event?: WebhookEvent }) };
		},
	},
	{
		method: 'POST',
		pattern: /^\/__sim\/idle$/,
		handle: async (sim) => {
			await sim.idle();
			return { idle: true };
		},
	},
	{ method: 'GET', pattern: /^\/__sim\/requests$/, handle: (sim) => sim.requests },
	{ method: 'GET', pattern: /^\/__sim\/deliveries$/, handle: (sim) => sim.deliveries },
	{ method: 'GET', pattern: /^\/__sim\/state$/, handle: (sim) => ({ ...sim.state, faults: sim.faults }) },
];

export async function handleControl(sim: UpPromoteSimulator, method: string, path: string, rawBody: string): Promise<ApiResponse> {
	// Recorded requests carry the API key in their headers: it never goes back out.
	return answerControl(CONTROL_ROUTES, method, path, rawBody, (route, params, body) => route.handle(sim, params, body), {
		secrets: () => [sim.apiKey],
		refusal: (error) => (error instanceof Refusal ? error.response : undefined),
	});
}
