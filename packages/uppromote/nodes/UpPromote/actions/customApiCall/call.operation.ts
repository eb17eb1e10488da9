import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { customApiPath } from '../../helpers/validation';
import { upPromoteApiRequest } from '../../transport';
import { readJsonObject } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName:
			"For UpPromote endpoints this node has no operation for (mark a payment paid, create a referral, assign a coupon...): confirm the path in UpPromote's API docs. Writes are sent once, never retried.",
		name: 'customApiCallNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /affiliates/2029238',
		description: 'Path under /api/v2 (a full URL or ".." is refused, so the API key only ever goes to UpPromote)',
	},
	{
		displayName: 'Query Parameters (JSON)',
		name: 'query',
		type: 'json',
		default: '{}',
		description: 'Query parameters as a JSON object, e.g. {"page": 1, "per_page": 100}',
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		description: 'JSON body sent with POST, PUT, PATCH and DELETE, e.g. {"affiliate_id": 2029238}',
		displayOptions: { hide: { method: ['GET'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customApiCall'], operation: ['call'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]> {
	const method = this.getNodeParameter('method', itemIndex, 'GET') as IHttpRequestMethods;
	const target = customApiPath(String(this.getNodeParameter('path', itemIndex, '')));
	if ('problem' in target) {
		throw new NodeOperationError(this.getNode(), target.problem, {
			itemIndex,
			description: 'Give the path after /api/v2, e.g. /affiliates/2029238; the host comes from the credential',
		});
	}
	const qs = readJsonObject(this, 'query', itemIndex, 'Query Parameters (JSON)');
	const body = method === 'GET' ? undefined : readJsonObject(this, 'body', itemIndex, 'Body (JSON)');
	const data = await upPromoteApiRequest.call(this, { method, path: target.path, qs, body, itemIndex });
	if (Array.isArray(data)) return data as IDataObject[];
	// A bare value or an empty answer still gives the workflow one item to go on with.
	return data !== null && typeof data === 'object' ? (data as IDataObject) : { data: (data ?? null) as IDataObject };
}
