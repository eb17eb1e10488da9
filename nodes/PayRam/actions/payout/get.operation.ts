import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { payRamApiRequest } from '../../transport';
import { readText } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Payout ID',
		name: 'payoutId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '42',
		description: 'The numeric ID PayRam gave the payout',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payout'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const payoutId = readText(this, 'payoutId', itemIndex, 'Payout ID');
	if (!/^\d+$/.test(payoutId)) {
		throw new NodeOperationError(this.getNode(), `Payout ID must be a whole number (got "${payoutId}")`, {
			itemIndex,
		});
	}
	return (await payRamApiRequest.call(this, {
		method: 'GET',
		path: `/api/v1/withdrawal/${payoutId}/merchant`,
		statusMessages: { 404: `No payout with ID ${payoutId} in this PayRam project` },
		itemIndex,
	})) as IDataObject;
}
