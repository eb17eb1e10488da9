/** What an event's body is: a full record, or a status diff naming the record's id. */
export type EventShape = 'referral' | 'referralStatus' | 'affiliate' | 'affiliateStatus' | 'payment';

export interface UpPromoteEvent {
	/** The event name UpPromote subscribes, e.g. `referral.new`. */
	value: string;
	name: string;
	description: string;
	/** The trigger's static webhook path for this event; UpPromote's bodies name no event, so the URL tells it. */
	path: string;
	shape: EventShape;
}

/** UpPromote's 9 webhook events: the option list, the webhook paths and the body shapes all come from here. */
export const UPPROMOTE_EVENTS: readonly UpPromoteEvent[] = [
	{ value: 'referral.new', name: 'Referral New', description: 'A new referral', path: 'uppromote/referral-new', shape: 'referral' },
	{ value: 'referral.approved', name: 'Referral Approved', description: 'A referral was approved', path: 'uppromote/referral-approved', shape: 'referral' },
	{ value: 'referral.denied', name: 'Referral Denied', description: 'A referral was denied', path: 'uppromote/referral-denied', shape: 'referral' },
	{
		value: 'referral.status-changed',
		name: 'Referral Status Changed',
		description: "Any change of a referral's status",
		path: 'uppromote/referral-status-changed',
		shape: 'referralStatus',
	},
	{ value: 'affiliate.new', name: 'Affiliate New', description: 'An affiliate signed up or was created', path: 'uppromote/affiliate-new', shape: 'affiliate' },
	{ value: 'affiliate.approved', name: 'Affiliate Approved', description: 'An affiliate was approved', path: 'uppromote/affiliate-approved', shape: 'affiliate' },
	{
		value: 'affiliate.inactive',
		name: 'Affiliate Inactive',
		description: 'An affiliate was denied or deactivated',
		path: 'uppromote/affiliate-inactive',
		shape: 'affiliate',
	},
	{
		value: 'affiliate.status-changed',
		name: 'Affiliate Status Changed',
		description: "Any change of an affiliate's status",
		path: 'uppromote/affiliate-status-changed',
		shape: 'affiliateStatus',
	},
	{ value: 'payment.paid', name: 'Payment Paid', description: 'A commission payment was marked paid', path: 'uppromote/payment-paid', shape: 'payment' },
];

export function eventNamed(value: string): UpPromoteEvent | undefined {
	return UPPROMOTE_EVENTS.find((event) => event.value === value);
}

/** The event whose webhook path the request came to (`.../<webhookId>/uppromote/referral-new`). */
export function eventForRequestPath(requestPath: string): UpPromoteEvent | undefined {
	const path = requestPath.split('?')[0].replace(/\/+$/, '');
	return UPPROMOTE_EVENTS.find((event) => path.endsWith(`/${event.path}`));
}

/**
 * Every event's webhook URL, from the URL n8n gives for the first webhook description: the descriptions differ
 * only in their last path segments, and n8n names its URLs by description name, which all share.
 */
export function eventWebhookUrls(firstUrl: string): Record<string, string> | undefined {
	const first = UPPROMOTE_EVENTS[0].path;
	if (!firstUrl.endsWith(`/${first}`)) return undefined;
	const base = firstUrl.slice(0, -first.length);
	return Object.fromEntries(UPPROMOTE_EVENTS.map((event) => [event.value, `${base}${event.path}`]));
}

/**
 * The name of an event's webhook description. n8n registers a trigger's webhooks one description at a time and runs
 * that description's hooks right after registering it, so each event gets its own name and is subscribed by its own
 * hooks, once its URL answers UpPromote's validation ping. The first keeps `default`.
 */
export function webhookNameOf(event: UpPromoteEvent): string {
	if (event === UPPROMOTE_EVENTS[0]) return 'default';
	return event.path.replace(/^uppromote\//, '').replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** The event whose webhook description has this name. */
export function eventOfWebhookName(name: string): UpPromoteEvent | undefined {
	return UPPROMOTE_EVENTS.find((event) => webhookNameOf(event) === name);
}
