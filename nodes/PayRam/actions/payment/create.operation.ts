import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { payRamApiRequest } from '../../transport';
import { asText, readAmount, readEmail, readText } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Customer Email',
		name: 'customerEmail',
		type: 'string',
		placeholder: 'e.g. nathan@example.com',
		default: '',
		required: true,
		description: 'Email of the customer who pays',
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		placeholder: 'e.g. cust_1001',
		default: '',
		required: true,
		description:
			"Your ID for the customer. A new payment cancels this customer's older open payments in PayRam.",
	},
	{
		displayName: 'Amount (USD)',
		name: 'amountInUsd',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 49.99',
		description: 'Amount to charge in US dollars, as a decimal number greater than 0',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Invoice ID',
				name: 'invoiceId',
				type: 'string',
				placeholder: 'e.g. order-1001',
				default: '',
				description: 'Your invoice or order ID, returned with the payment and in webhooks',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body: IDataObject = {
		customerEmail: readEmail(this, 'customerEmail', itemIndex, 'Customer Email'),
		customerId: readText(this, 'customerId', itemIndex, 'Customer ID'),
		amountInUSD: readAmount(this, 'amountInUsd', itemIndex, 'Amount (USD)'),
	};
	const invoiceId = asText((this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject).invoiceId);
	if (invoiceId !== '') body.invoiceID = invoiceId;

	const payment = (await payRamApiRequest.call(this, {
		method: 'POST',
		path: '/api/v1/payment',
		body,
		decimalFields: ['amountInUSD'],
		itemIndex,
	})) as IDataObject;

	// PayRam sometimes reports a failed create with HTTP 200; without a link nothing was created.
	if (typeof payment.url !== 'string' || payment.url === '') {
		throw new NodeApiError(this.getNode(), payment as JsonObject, {
			message: 'PayRam did not return a payment link',
			description: `PayRam answered: ${JSON.stringify(payment).slice(0, 300)}`,
			itemIndex,
		});
	}
	return payment;
}
