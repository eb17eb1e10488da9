import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { payRamApiRequest } from '../../transport';
import { readText } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Reference ID',
		name: 'referenceId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 8e1e9fff-57c7-46e4-925a-93ad775e2b7f',
		description: 'The reference_id PayRam returned when the payment was created',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const referenceId = readText(this, 'referenceId', itemIndex, 'Reference ID');
	return (await payRamApiRequest.call(this, {
		method: 'GET',
		path: `/api/v1/payment/reference/${encodeURIComponent(referenceId)}`,
		// PayRam answers 401, not 404, for a reference it does not know.
		statusMessages: {
			401: `No payment with reference ID "${referenceId}" in this PayRam project, or the API key was rejected`,
		},
		itemIndex,
	})) as IDataObject;
}
