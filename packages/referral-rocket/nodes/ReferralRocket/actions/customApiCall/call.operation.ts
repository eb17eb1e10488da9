import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { apiPath, isToken, jsonObject } from '../../helpers/values';
import { referralRocketApiRequest } from '../../transport';
import { readJsonObject } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName:
			"For what Referral Rocket offers but does not document, e.g. qualifying a referee after a payment (the campaign, the referee's email and amountPaid in the body): confirm the path with Referral Rocket. Writes are sent once, never retried.",
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
		placeholder: 'e.g. /getParticipant',
		description: 'Endpoint under /api/v1 (a full URL or ".." is refused, so an API key only ever goes to Referral Rocket)',
	},
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		default: '',
		placeholder: 'e.g. JCu82f30F1',
		description: "Added as Referral Rocket's campaign parameter (in the query of a GET, else in the body) unless the query or body already names a campaign; leave empty to send none",
	},
	{
		displayName: 'Query Parameters (JSON)',
		name: 'query',
		type: 'json',
		default: '{}',
		description: 'Query parameters as a JSON object, e.g. {"email": "jane@example.com"}',
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		description: 'JSON body sent with POST, PUT, PATCH and DELETE exactly as typed (amounts keep every digit), e.g. {"email": "jane@example.com", "amountPaid": 49.99}',
		displayOptions: { hide: { method: ['GET'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customApiCall'], operation: ['call'] } }, properties);

function invalid(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** The body as JSON text: what the builder typed, digit for digit, with `id` put first when it is to be added. */
function bodyText(ctx: IExecuteFunctions, itemIndex: number, campaignId: string): string {
	const raw = ctx.getNodeParameter('body', itemIndex, '{}') as unknown;
	const read = jsonObject(raw);
	if ('problem' in read) throw invalid(ctx, itemIndex, `Body (JSON): ${read.problem}`, 'Correct "Body (JSON)"; leave it {} to send an empty object');
	const text = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : JSON.stringify(read.object);
	if (campaignId === '' || 'id' in read.object) return text;
	const rest = Object.keys(read.object).length === 0 ? '}' : `,${text.slice(1)}`;
	return `{"id":${JSON.stringify(campaignId)}${rest}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]> {
	const method = this.getNodeParameter('method', itemIndex, 'GET') as IHttpRequestMethods;
	const target = apiPath(String(this.getNodeParameter('path', itemIndex, '')));
	if ('problem' in target) throw invalid(this, itemIndex, target.problem, 'Give the endpoint after /api/v1, e.g. /getParticipant; the host comes from the credential');
	const campaignId = String(this.getNodeParameter('campaignId', itemIndex, '') ?? '').trim();
	if (campaignId !== '' && !isToken(campaignId)) {
		throw invalid(this, itemIndex, `Campaign ID "${campaignId}" is not valid`, 'Campaign ID is letters and digits only, e.g. JCu82f30F1; leave it empty to send none');
	}
	const qs = readJsonObject(this, 'query', itemIndex, 'Query Parameters (JSON)');
	if (method === 'GET' && campaignId !== '' && !('id' in qs)) qs.id = campaignId;
	const body = method === 'GET' ? undefined : bodyText(this, itemIndex, campaignId);
	const data = await referralRocketApiRequest.call(this, { method, path: target.path, qs, body, itemIndex });
	if (Array.isArray(data)) return data as IDataObject[];
	// A bare value (validateCode's boolean) or an empty answer still gives the workflow one item to go on with.
	return data !== null && typeof data === 'object' ? (data as IDataObject) : { data: (data ?? null) as IDataObject };
}
