import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readList, returnAllOrLimit } from '../parameters';
import { PAYMENT_METHODS } from './methods';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Payment Method',
		name: 'paymentMethod',
		type: 'options',
		options: [{ name: 'All Methods', value: '' }, ...PAYMENT_METHODS, { name: 'No Payment Method', value: 'no_payment_method' }],
		default: '',
		description: "Only affiliates paid this way, e.g. Other for affiliates you pay yourself (in crypto through PayRam)",
	},
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['getUnpaid'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const paymentMethod = this.getNodeParameter('paymentMethod', itemIndex, '') as string;
	// UpPromote documents no paging here; pages are asked for anyway, and a whole list sent again ends on its repeat.
	return await readList(this, '/payments/unpaid', paymentMethod ? { payment_method: paymentMethod } : {}, itemIndex);
}
