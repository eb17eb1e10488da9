import type { IDataObject } from 'n8n-workflow';

import { text } from './values';

/** A row of `GET /webhook-subscriptions`. */
export interface Subscription {
	event: string;
	targetUrl: string;
	secretKey?: string;
}

/** What the trigger keeps per event in the node's static data; the webhook processor opens the secret from there. */
export interface StoredSubscription {
	targetUrl: string;
	/** The event's secret_key sealed under the credential's API key (kit/sealedSecret): n8n 1.x stores static data with every execution. */
	sealedSecret: string;
}

export type Holder = 'free' | 'ours' | 'sameTrigger' | 'foreign';

export interface SubscriptionStep {
	event: string;
	url: string;
	/** Who holds the event now; `ours` needs no call, the others are (re)subscribed. */
	holder: Holder;
	heldBy?: string;
	secretKey?: string;
}

export type SubscriptionPlan = { steps: SubscriptionStep[] } | { refused: string };

/** The rows of a subscription list, whatever else they carry. */
export function readSubscriptions(data: unknown): Subscription[] {
	if (!Array.isArray(data)) return [];
	return data.flatMap((row: IDataObject) => {
		const event = text(row?.event);
		const targetUrl = text(row?.target_url);
		return event && targetUrl ? [{ event, targetUrl, secretKey: text(row.secret_key) }] : [];
	});
}

/** Whether a URL is this trigger's URL for the event under another base (its Test URL while published, or the reverse). */
function isSameTrigger(targetUrl: string, webhookId: string, eventPath: string): boolean {
	return targetUrl.replace(/\/+$/, '').endsWith(`/${webhookId}/${eventPath}`);
}

export interface PlanInput {
	events: string[];
	/** This trigger's URL per event (the Test URL while the editor listens). */
	urls: Record<string, string>;
	/** Each event's webhook path, e.g. `uppromote/referral-new`. */
	paths: Record<string, string>;
	webhookId: string;
	existing: Subscription[];
	isTest: boolean;
	replaceExisting: boolean;
}

/**
 * What activation does per chosen event. UpPromote holds one subscription per event per store, so an event held
 * by another URL is refused, naming the event and that URL, unless Replace Existing Subscriptions is on. The Test
 * URL never takes an event from this trigger's own production URL (the published workflow would stop receiving it);
 * the production URL takes it back from a Test URL left behind.
 */
export function planSubscriptions(input: PlanInput): SubscriptionPlan {
	const steps: SubscriptionStep[] = [];
	for (const event of input.events) {
		const url = input.urls[event];
		const held = input.existing.find((subscription) => subscription.event === event);
		if (!held) {
			steps.push({ event, url, holder: 'free' });
			continue;
		}
		if (held.targetUrl === url) {
			steps.push({ event, url, holder: 'ours', heldBy: held.targetUrl, secretKey: held.secretKey });
			continue;
		}
		if (isSameTrigger(held.targetUrl, input.webhookId, input.paths[event])) {
			if (input.isTest) {
				return {
					refused: `UpPromote's ${event} event is subscribed to this workflow's production URL ${held.targetUrl}, and UpPromote allows one subscription per event. Unpublish the workflow to listen on the Test URL, or watch the published workflow's executions instead.`,
				};
			}
			steps.push({ event, url, holder: 'sameTrigger', heldBy: held.targetUrl });
			continue;
		}
		if (!input.replaceExisting) {
			return {
				refused: `UpPromote's ${event} event is already subscribed to another URL: ${held.targetUrl}. UpPromote allows one subscription per event, so remove that subscription, or turn on the option Replace Existing Subscriptions to move the event to this trigger.`,
			};
		}
		steps.push({ event, url, holder: 'foreign', heldBy: held.targetUrl });
	}
	return { steps };
}

/** The events deactivation unsubscribes: those activation stored or chosen whose subscription still points at this trigger. */
export function eventsToUnsubscribe(
	events: string[],
	stored: Record<string, StoredSubscription>,
	urls: Record<string, string>,
	existing: Subscription[],
): string[] {
	const candidates = [...new Set([...Object.keys(stored), ...events])];
	return candidates.filter((event) =>
		existing.some((subscription) => subscription.event === event && subscription.targetUrl === urls[event]),
	);
}

/** Whether every chosen event is subscribed to this trigger's URL, and activation has nothing to do. */
export function allSubscribed(events: string[], urls: Record<string, string>, existing: Subscription[]): boolean {
	return events.every((event) =>
		existing.some((subscription) => subscription.event === event && subscription.targetUrl === urls[event] && subscription.secretKey),
	);
}
