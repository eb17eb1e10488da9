// Copied from kit/nodeProperties.ts by `npm run kit`: edit that file, not this copy.
// Parameters several action nodes show alike: Return All with Limit, and the fields of a Custom API Call.
import type { INodeProperties } from 'n8n-workflow';

/** Return All, and Limit while it is off. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The Operation picker of a Custom API Call resource; `description` says which API it calls. */
export function customApiCallOperation(description: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customApiCall'] } },
		options: [{ name: 'Custom API Call', value: 'call', description, action: 'Make a custom API call' }],
		default: 'call',
	};
}

export interface CustomApiCallTexts {
	/** What the call is for and how writes are sent. */
	notice: string;
	pathPlaceholder: string;
	pathDescription: string;
	queryDescription: string;
	bodyDescription: string;
}

/** Notice, Method, Path, Query Parameters (JSON) and Body (JSON, hidden for GET), in that order. */
export function customApiCallFields(texts: CustomApiCallTexts): { notice: INodeProperties; method: INodeProperties; path: INodeProperties; query: INodeProperties; body: INodeProperties } {
	return {
		notice: { displayName: texts.notice, name: 'customApiCallNotice', type: 'notice', default: '' },
		method: {
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
		path: { displayName: 'Path', name: 'path', type: 'string', default: '', required: true, placeholder: texts.pathPlaceholder, description: texts.pathDescription },
		query: { displayName: 'Query Parameters (JSON)', name: 'query', type: 'json', default: '{}', description: texts.queryDescription },
		body: { displayName: 'Body (JSON)', name: 'body', type: 'json', default: '{}', description: texts.bodyDescription, displayOptions: { hide: { method: ['GET'] } } },
	};
}
