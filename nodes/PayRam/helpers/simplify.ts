import type { IDataObject } from 'n8n-workflow';

/** What Simplify keeps of a payment read by reference (Payment → Get). */
export const PAYMENT_FIELDS = [
	'referenceID',
	'invoiceID',
	'customerID',
	'paymentState',
	'amountInUSD',
	'filledAmount',
	'filledAmountInUSD',
	'currencySymbol',
	'blockchainSymbol',
	'createdAt',
] as const;

/** What Simplify keeps of a payment search row (Payment → Get Many). */
export const PAYMENT_ROW_FIELDS = [
	'referenceId',
	'invoiceId',
	'customerId',
	'email',
	'paymentStatus',
	'webhookStatus',
	'amount',
	'amountInUSD',
	'filledAmount',
	'filledAmountInUSD',
	'network',
	'currency',
	'createdAt',
	'updatedAt',
] as const;

/** What Simplify keeps of a payout record (Payout → Create, Get, Get Many). */
export const PAYOUT_FIELDS = [
	'id',
	'status',
	'recipientEmail',
	'blockchainCode',
	'currencyCode',
	'amount',
	'amountInUSD',
	'toAddress',
	'txHash',
	'createdAt',
] as const;

/** The record's fields named in `fields`, in that order; fields PayRam did not send are left out. */
export function simplify(record: IDataObject, fields: readonly string[]): IDataObject {
	const simple: IDataObject = {};
	for (const field of fields) {
		if (field in record) simple[field] = record[field];
	}
	return simple;
}
