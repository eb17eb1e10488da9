import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { payRamApiRequest } from '../../transport';

// The summary has no parameters; the notice tells the builder what comes back.
const properties: INodeProperties[] = [
	{
		displayName:
			'Returns the payment counts of the project: totalCount, openCount, closedCount and cancelledCount',
		name: 'summaryNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['getSummary'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// PayRam says the shape may vary by version, so the counts are passed through as they come.
	return (await payRamApiRequest.call(this, {
		method: 'GET',
		path: '/api/v1/payment/summary',
		itemIndex,
	})) as IDataObject;
}
