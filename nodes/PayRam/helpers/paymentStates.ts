import type { INodePropertyOptions } from 'n8n-workflow';

/** The payment states a builder picks from, in both triggers (alphabetical, as n8n lists options). */
export const PAYMENT_STATE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Cancelled', value: 'CANCELLED', description: 'The link expired or was replaced; PayRam sends no webhook for this, the PayRam Poll Trigger catches it' },
	{ name: 'Filled', value: 'FILLED', description: 'The full amount was paid' },
	{ name: 'Open', value: 'OPEN', description: 'Created, nothing paid yet' },
	{ name: 'Over Filled', value: 'OVER_FILLED', description: 'More than the amount was paid' },
	{ name: 'Partially Filled', value: 'PARTIALLY_FILLED', description: 'Part of the amount was paid' },
];
