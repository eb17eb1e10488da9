import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { PAYOUT_FIELDS } from '../../helpers/simplify';
import { payRamApiRequest } from '../../transport';
import { PAYOUT_SIMPLIFY, readLocatorId, simplifiedIfAsked, simplifyProperty } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Payout',
		name: 'payoutId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The payout to read: pick it from the list or give the numeric ID PayRam gave it',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a payout...',
				typeOptions: { searchListMethod: 'searchPayouts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 42',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A payout ID is a whole number, e.g. 42' },
					},
				],
			},
		],
	},
	// Off by default: workflows saved before Simplify existed read fields it leaves out.
	simplifyProperty(false, PAYOUT_SIMPLIFY),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payout'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const payoutId = readLocatorId(this, 'payoutId', itemIndex, 'Payout');
	if (!/^\d+$/.test(payoutId)) {
		throw new NodeOperationError(this.getNode(), `Payout ID must be a whole number (got "${payoutId}")`, {
			itemIndex,
			description: 'Pick the payout from the list, or give the numeric ID PayRam gave it, e.g. 42',
		});
	}
	const payout = (await payRamApiRequest.call(this, {
		method: 'GET',
		path: `/api/v1/withdrawal/${payoutId}/merchant`,
		statusMessages: { 404: `No payout with ID ${payoutId} in this PayRam project` },
		itemIndex,
	})) as IDataObject;
	return simplifiedIfAsked(this, itemIndex, payout, PAYOUT_FIELDS);
}
