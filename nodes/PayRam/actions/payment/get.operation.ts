import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { PAYMENT_FIELDS } from '../../helpers/simplify';
import { payRamApiRequest } from '../../transport';
import { readLocatorId, simplifiedIfAsked, simplifyProperty } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Payment',
		name: 'referenceId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The payment to read: pick it from the list or give the reference ID PayRam returned',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a payment...',
				typeOptions: { searchListMethod: 'searchPayments', searchable: true },
			},
			{
				displayName: 'By Reference ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 8e1e9fff-57c7-46e4-925a-93ad775e2b7f',
			},
		],
	},
	// Off by default: workflows saved before Simplify existed read fields it leaves out.
	simplifyProperty(
		false,
		'reference ID, invoice ID, customer ID, state, amounts, currency, blockchain and creation time',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const referenceId = readLocatorId(this, 'referenceId', itemIndex, 'Payment');
	const payment = (await payRamApiRequest.call(this, {
		method: 'GET',
		path: `/api/v1/payment/reference/${encodeURIComponent(referenceId)}`,
		// PayRam answers 401, not 404, for a reference it does not know.
		statusMessages: {
			401: `No payment with reference ID "${referenceId}" in this PayRam project, or the API key was rejected`,
		},
		itemIndex,
	})) as IDataObject;
	return simplifiedIfAsked(this, itemIndex, payment, PAYMENT_FIELDS);
}
