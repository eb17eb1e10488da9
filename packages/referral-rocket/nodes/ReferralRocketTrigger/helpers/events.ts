export interface ReferralRocketEvent {
	/** The `eventType` Referral Rocket sends, e.g. `referrer_added`. */
	value: string;
	name: string;
	description: string;
}

/**
 * The event types Referral Rocket's dashboard offers: the option list and the routing both come from here.
 * Only `referrer_added` is in Referral Rocket's sample; the other two spellings are assumed.
 */
export const REFERRAL_ROCKET_EVENTS: readonly ReferralRocketEvent[] = [
	{
		value: 'referrer_added',
		name: 'Referrer Added',
		description: 'A referrer or affiliate joined a campaign (signup, API, SDK or dashboard import)',
	},
	{ value: 'referee_added', name: 'Referee Added', description: 'A referred participant joined a campaign' },
	{ value: 'reward_unlocked', name: 'Reward Unlocked', description: 'A participant became eligible for a reward' },
];

/** The trigger's outputs, in order: selected event types, then every event type Referral Rocket does not document. */
export const OUTPUT_NAMES = ['Event', 'Other Event'] as const;
const EVENT_OUTPUT = 0;
const OTHER_OUTPUT = 1;

/** An event type with ASCII letters in lower case (`REFERRER_ADDED` is `referrer_added`); a look-alike letter stays what it is. */
export function foldEventType(eventType: string): string {
	return eventType.trim().replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** The documented event an `eventType` names, if any (`REFERRER_ADDED` reads as `referrer_added`). */
export function documentedEvent(eventType: string): ReferralRocketEvent | undefined {
	const value = foldEventType(eventType);
	return REFERRAL_ROCKET_EVENTS.find((event) => event.value === value);
}

export type Route = { output: number } | { ignored: string };

/**
 * The output an event leaves by, or why it starts nothing. An event type Referral Rocket does not document is never
 * dropped: it leaves by Other Event, whatever is selected; a documented one the builder did not select is acknowledged.
 */
export function routeEvent(eventType: string, selected: readonly string[]): Route {
	const documented = documentedEvent(eventType);
	if (!documented) return { output: OTHER_OUTPUT };
	if (!selected.includes(documented.value)) return { ignored: `event type ${documented.value} is not selected` };
	return { output: EVENT_OUTPUT };
}
