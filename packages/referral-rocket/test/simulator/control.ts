// The simulator's own control API under /__sim/ (not Referral Rocket's): how tests and people drive the store.
import { answerControl, resetAndFaultRoutes } from '../../../../testing/simulator/control';
import { SimulatorError, type ApiResponse } from '../../../../testing/simulator/http';
import { Refusal, type NewParticipant, type Qualification } from './operations';
import { PAGE_SHAPES, type PageShape } from './pages';
import type { ReferralRocketSimulator } from './server';
import { WEBHOOK_CONTROL_ROUTES } from './webhooks';

type ControlHandler = (sim: ReferralRocketSimulator, body: Record<string, unknown>) => Promise<unknown> | unknown;

interface ControlRoute {
	method: 'GET' | 'POST';
	pattern: RegExp;
	handle: ControlHandler;
}

/** `{requireKey: {header, value} | null, pageShape, oneIndexedPages}`: what the service is assumed to do, switched at run time. */
function applySettings(sim: ReferralRocketSimulator, body: Record<string, unknown>): unknown {
	if ('requireKey' in body) {
		const key = body.requireKey as { header?: unknown; value?: unknown } | null;
		if (key !== null && (typeof key !== 'object' || typeof key.header !== 'string' || key.header.trim() === '' || typeof key.value !== 'string' || key.value === '')) {
			throw new SimulatorError(400, 'requireKey must be null or {"header": "<name>", "value": "<key>"}');
		}
		sim.requireKey = key === null ? null : { header: key.header as string, value: key.value as string };
	}
	if ('pageShape' in body) {
		if (!PAGE_SHAPES.includes(body.pageShape as PageShape)) throw new SimulatorError(400, `pageShape must be one of ${PAGE_SHAPES.join(', ')}`);
		sim.pageShape = body.pageShape as PageShape;
	}
	if ('oneIndexedPages' in body) {
		if (typeof body.oneIndexedPages !== 'boolean') throw new SimulatorError(400, 'oneIndexedPages must be true or false');
		sim.oneIndexedPages = body.oneIndexedPages;
	}
	return settingsOf(sim);
}

function settingsOf(sim: ReferralRocketSimulator) {
	return { requireKey: sim.requireKey, pageShape: sim.pageShape, oneIndexedPages: sim.oneIndexedPages, qualifyPath: sim.qualifyPath };
}

const CONTROL_ROUTES: ControlRoute[] = [
	...resetAndFaultRoutes<ReferralRocketSimulator>().map((route) => ({ ...route, handle: (sim: ReferralRocketSimulator, body: Record<string, unknown>) => route.handle(sim, [], body) })),
	{ method: 'POST', pattern: /^\/__sim\/settings$/, handle: applySettings },
	{ method: 'GET', pattern: /^\/__sim\/settings$/, handle: settingsOf },
	...WEBHOOK_CONTROL_ROUTES,
	{ method: 'POST', pattern: /^\/__sim\/participants$/, handle: (sim, body) => sim.addParticipant(body as NewParticipant) },
	{ method: 'POST', pattern: /^\/__sim\/qualify$/, handle: (sim, body) => sim.qualify(body as Qualification) },
	{
		method: 'POST',
		pattern: /^\/__sim\/idle$/,
		handle: async (sim) => {
			await sim.idle();
			return { idle: true };
		},
	},
	{ method: 'GET', pattern: /^\/__sim\/requests$/, handle: (sim) => sim.requests },
	{ method: 'GET', pattern: /^\/__sim\/events$/, handle: (sim) => sim.events },
	{ method: 'GET', pattern: /^\/__sim\/state$/, handle: (sim) => ({ ...sim.state, faults: sim.faults, settings: settingsOf(sim) }) },
];

export async function handleControl(sim: ReferralRocketSimulator, method: string, path: string, rawBody: string): Promise<ApiResponse> {
	// Recorded requests may carry the optional API key in their headers: it never goes back out.
	return answerControl(CONTROL_ROUTES, method, path, rawBody, (route, _params, body) => route.handle(sim, body), {
		secrets: () => (sim.requireKey ? [sim.requireKey.value] : []),
		refusal: (error) => (error instanceof Refusal ? error.response : undefined),
	});
}
