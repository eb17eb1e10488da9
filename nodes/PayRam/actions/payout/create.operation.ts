import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { payoutIdempotencyKey } from '../../helpers/idempotency';
import { PAYOUT_FIELDS } from '../../helpers/simplify';
import { PAYOUT_CURRENCIES, payoutPairProblem } from '../../helpers/validation';
import { payRamApiRequest } from '../../transport';
import { asText, PAYOUT_SIMPLIFY, readAmount, readEmail, readText, simplifiedIfAsked, simplifyProperty } from '../parameters';

const currencies = [...new Set(Object.values(PAYOUT_CURRENCIES).flat())].sort();

const properties: INodeProperties[] = [
	{
		displayName: 'Recipient Email',
		name: 'recipientEmail',
		type: 'string',
		placeholder: 'e.g. nathan@example.com',
		default: '',
		required: true,
		description: 'Email of the person or affiliate being paid, recorded with the payout',
	},
	{
		displayName: 'Blockchain',
		name: 'blockchain',
		type: 'options',
		options: [
			{ name: 'Base', value: 'BASE' },
			{ name: 'Ethereum', value: 'ETH' },
			{ name: 'Polygon', value: 'POLYGON' },
			{ name: 'Tron', value: 'TRX' },
		],
		default: 'ETH',
		required: true,
		description: 'Network to send the payout on',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'options',
		options: currencies.map((c) => ({ name: c, value: c })),
		default: 'USDC',
		required: true,
		description:
			'Asset to send. Ethereum: ETH, USDC, USDT, CBBTC, PYUSD. Base: USDC, ETH, CBBTC. Polygon: POL, USDC, USDT. Tron: TRX, USDT.',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 250.75',
		description: 'Amount in units of the currency, as a decimal number (sent to PayRam exactly as written)',
	},
	{
		displayName: 'Destination Address',
		name: 'toAddress',
		type: 'string',
		placeholder: 'e.g. 0x742d35Cc6634C0532925a3b844Bc454e4438f44e',
		default: '',
		required: true,
		description: 'Wallet address that receives the payout',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				placeholder: 'e.g. cust_1001',
				default: '',
				description: 'Your ID for the recipient, kept on the payout record',
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					'PayRam refuses a second payout with the same key for 5 minutes. Leave empty to derive it from the payout details; set it (e.g. to your order ID) to pay the same details twice on purpose.',
			},
			{
				displayName: 'Mobile Number',
				name: 'mobileNumber',
				type: 'string',
				placeholder: 'e.g. +14155550123',
				default: '',
				description: "Recipient's phone number, used by PayRam's fraud checks",
			},
			{
				displayName: 'Residential Address',
				name: 'residentialAddress',
				type: 'string',
				default: '',
				description: "Recipient's physical address",
			},
		],
	},
	// Off by default: workflows saved before Simplify existed read fields it leaves out.
	simplifyProperty(false, `${PAYOUT_SIMPLIFY}; the idempotency key used is always added`),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payout'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const blockchainCode = readText(this, 'blockchain', itemIndex, 'Blockchain').toUpperCase();
	const currencyCode = readText(this, 'currency', itemIndex, 'Currency').toUpperCase();
	const pairProblem = payoutPairProblem(blockchainCode, currencyCode);
	if (pairProblem) throw new NodeOperationError(this.getNode(), pairProblem, { itemIndex });

	const payout: IDataObject = {
		email: readEmail(this, 'recipientEmail', itemIndex, 'Recipient Email'),
		blockchainCode,
		currencyCode,
		amount: readAmount(this, 'amount', itemIndex, 'Amount'),
		toAddress: readText(this, 'toAddress', itemIndex, 'Destination Address'),
	};
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const optional: Array<[string, string]> = [
		['customerId', 'customerID'],
		['mobileNumber', 'mobileNumber'],
		['residentialAddress', 'residentialAddress'],
	];
	for (const [field, key] of optional) {
		const value = asText(extra[field]);
		if (value !== '') payout[key] = value;
	}
	const givenKey = asText(extra.idempotencyKey);
	const idempotencyKey = givenKey || payoutIdempotencyKey(payout);

	const record = (await payRamApiRequest.call(this, {
		method: 'POST',
		path: '/api/v1/withdrawal/merchant',
		body: payout,
		headers: { 'Idempotency-Key': idempotencyKey },
		statusMessages: {
			409: `A payout with Idempotency-Key "${idempotencyKey}" was already accepted in the last 5 minutes, so it was not paid twice`,
		},
		itemIndex,
	})) as IDataObject;
	return { ...simplifiedIfAsked(this, itemIndex, record, PAYOUT_FIELDS), idempotencyKey };
}
