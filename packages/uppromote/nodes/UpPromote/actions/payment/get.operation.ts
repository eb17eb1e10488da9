import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getRecord, readRecordId } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Payment ID',
		name: 'paymentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 26154',
		description: 'The paid commission payment to read (its payment_id)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const paymentId = readRecordId(this, 'paymentId', itemIndex, 'Payment ID');
	return await getRecord(this, `/payments/${paymentId}`, `Payment ${paymentId}`, itemIndex);
}
