import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { customApiPath } from '../../helpers/validation';
import { customApiCallFields } from '../../kit/nodeProperties';
import { upPromoteApiRequest } from '../../transport';
import { readJsonObject } from '../parameters';

const fields = customApiCallFields({
	notice:
		"For UpPromote endpoints this node has no operation for (mark a payment paid, create a referral, assign a coupon...): confirm the path in UpPromote's API docs. Writes are sent once, never retried.",
	pathPlaceholder: 'e.g. /affiliates/2029238',
	pathDescription: 'Path under /api/v2 (a full URL or ".." is refused, so the API key only ever goes to UpPromote)',
	queryDescription: 'Query parameters as a JSON object, e.g. {"page": 1, "per_page": 100}',
	bodyDescription: 'JSON body sent with POST, PUT, PATCH and DELETE, e.g. {"affiliate_id": 2029238}',
});

const properties: INodeProperties[] = [fields.notice, fields.method, fields.path, fields.query, fields.body];

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
