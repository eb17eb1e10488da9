// The Referral Rocket part of the bench: its trigger beside n8n's Webhook node, with the credential that holds the
// Webhook Signing Secret and the body Referral Rocket sends when a referrer unlocks a reward.
import { envelope } from '../../packages/referral-rocket/test/simulator/events';
import { seededState, SEED_REFERRER_EMAIL } from '../../packages/referral-rocket/test/simulator/state';
import { jsonText } from '../../testing/simulator/http';
import { noOp, workflow, type Workflow } from './workflows';

export const REFERRAL_ROCKET_CREDENTIAL = { id: 'BenchRefRocket01', name: 'Referral Rocket (bench)' };
export const RR_TRIGGER_WORKFLOW_ID = 'BenchRrTrigger01';
/** The trigger's webhook path (one static path for every event). */
export const RR_PATH = 'referral-rocket';

/** The trigger calls nothing while it answers: a Base URL nobody listens on shows that. */
export const RR_UNCALLED_BASE_URL = 'http://127.0.0.1:9';

/** The trigger only checks signatures with it (the Webhook Signing Secret). */
export function referralRocketCredentials(baseUrl: string, webhookSecret: string): unknown[] {
	return [{ ...REFERRAL_ROCKET_CREDENTIAL, type: 'referralRocketApi', data: { baseUrl, webhookSecret, headerName: 'X-API-Key', apiKey: '' } }];
}

/** Referral Rocket Trigger (its three events, default options) → NoOp. */
export function rrTriggerWorkflow(webhookId: string): Workflow {
	return workflow(RR_TRIGGER_WORKFLOW_ID, 'Bench: Referral Rocket Trigger → NoOp', [
		{
			name: 'Referral Rocket Trigger',
			type: 'n8n-nodes-referral-rocket.referralRocketTrigger',
			typeVersion: 2,
			webhookId,
			parameters: { events: ['referrer_added', 'referee_added', 'reward_unlocked'], options: {} },
			credentials: { referralRocketApi: REFERRAL_ROCKET_CREDENTIAL },
		},
		noOp,
	]);
}

/** Bodies of the seeded referrer's `reward_unlocked` envelope (exact amounts), body `n` with its own participant and time. */
export function rewardUnlockedBodies(now = new Date()): (n: number) => string {
	const state = seededState();
	const referrer = state.participants.find((p) => p.email === SEED_REFERRER_EMAIL)!;
	const event = envelope(state, 'reward_unlocked', referrer, now);
	return (n) => {
		const at = event.createdAt + n;
		return jsonText({ ...event, createdAt: at, updatedAt: at, data: { ...event.data, participantId: 1_000_000 + n } });
	};
}
