import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { payRamApiRequest } from '../../transport';
import { isBlank, readAmount, readText } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Event Key',
		name: 'eventKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. first_deposit',
		description: 'The event key of the campaign, shown when you edit the campaign in PayRam',
	},
	{
		displayName: 'Member Reference ID',
		name: 'memberReferenceId',
		type: 'string',
		placeholder: 'e.g. user_1001',
		default: '',
		required: true,
		description: 'Your ID of the referrer or referee the event belongs to',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Amount',
				name: 'amount',
				type: 'string',
				default: '',
				placeholder: 'e.g. 30.00',
				description:
					'Amount for events whose campaign pays a percentage; leave out for events without an amount',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['referral'], operation: ['logEvent'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body: IDataObject = {
		eventKey: readText(this, 'eventKey', itemIndex, 'Event Key'),
		referenceID: readText(this, 'memberReferenceId', itemIndex, 'Member Reference ID'),
	};
	const { amount } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (!isBlank(amount)) {
		body.amount = readAmount(this, 'additionalFields.amount', itemIndex, 'Amount', amount);
	}
	return (await payRamApiRequest.call(this, {
		method: 'POST',
		path: '/api/v1/referral/event-log',
		body,
		decimalFields: ['amount'],
		statusMessages: { 409: 'This event was already recorded for this member' },
		itemIndex,
	})) as IDataObject;
}
