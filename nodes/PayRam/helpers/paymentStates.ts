import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The payment states PayRam documents, in lifecycle order: the one list both triggers' option lists, the webhook
 * trigger's outputs, its routing and its state check, and the search filter's first values are made from.
 */
export const PAYMENT_STATES = [
	{ value: 'OPEN', name: 'Open', description: 'Created, nothing paid yet' },
	{ value: 'PARTIALLY_FILLED', name: 'Partially Filled', description: 'Part of the amount was paid' },
	{ value: 'FILLED', name: 'Filled', description: 'The full amount was paid' },
	{ value: 'OVER_FILLED', name: 'Over Filled', description: 'More than the amount was paid' },
	{
		value: 'CANCELLED',
		name: 'Cancelled',
		description: 'The link expired or was replaced; PayRam sends no webhook for this, the PayRam Poll Trigger catches it',
	},
] as const;

export type PaymentState = (typeof PAYMENT_STATES)[number]['value'];

/** The states a builder picks from, alphabetical as n8n lists options. */
export const PAYMENT_STATE_OPTIONS: INodePropertyOptions[] = PAYMENT_STATES.map(({ name, value, description }) => ({
	name,
	value,
	description,
})).sort((a, b) => a.name.localeCompare(b.name));

export function isPaymentState(state: string): state is PaymentState {
	return PAYMENT_STATES.some((documented) => documented.value === state);
}

/** Upper-cases ASCII letters only: full Unicode rules would turn "fılled" (dotless ı) or "ﬁlled" into FILLED. */
export function asciiUpperCase(text: string): string {
	return text.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

/** Lower-cases ASCII letters only (the Kelvin sign K must not become k). */
export function asciiLowerCase(text: string): string {
	return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
