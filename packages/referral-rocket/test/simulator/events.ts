// The webhook events the store fires: `{eventType, data, createdAt, updatedAt}` envelopes, kept in order for deliveries.
import type { CampaignState, Participant } from './state';
import { webhookData } from './records';

/** `referrer_added` is documented; the other two spellings are the contract's assumption. */
export const WEBHOOK_EVENT_TYPES = ['referrer_added', 'referee_added', 'reward_unlocked'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface WebhookEnvelope {
	eventType: string;
	data: Record<string, unknown>;
	/** Epoch milliseconds, as Referral Rocket's webhooks carry them. */
	createdAt: number;
	updatedAt: number;
}

export function isWebhookEventType(value: unknown): value is WebhookEventType {
	return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** The envelope of an event about `participant`, with its state at `now`. */
export function envelope(state: CampaignState, eventType: WebhookEventType, participant: Participant, now: Date): WebhookEnvelope {
	return { eventType, data: webhookData(state, participant), createdAt: now.getTime(), updatedAt: now.getTime() };
}
