import type { INodePropertyOptions } from 'n8n-workflow';

/** The payout methods UpPromote knows, as its `payment_method` filter spells them. */
export const PAYMENT_METHODS: INodePropertyOptions[] = [
	{ name: 'Bank', value: 'bank' },
	{ name: 'Cheque', value: 'cheque' },
	{ name: 'Debit', value: 'debit' },
	{ name: 'Other', value: 'other' },
	{ name: 'PayPal', value: 'paypal' },
	{ name: 'Paytm', value: 'paytm' },
	{ name: 'Store Credit', value: 'store_credit' },
	{ name: 'UPI', value: 'upi' },
	{ name: 'Venmo', value: 'venmo' },
	{ name: 'Wise', value: 'wise' },
];
