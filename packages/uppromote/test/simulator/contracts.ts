// Validates requests, answers and webhook bodies against UpPromote's Public API v2 contract (see contracts/README.md).
import * as path from 'node:path';
import { loadContracts, type ContractCheck, type Operation } from '../../../../testing/simulator/contracts';
import type { WebhookEvent } from './events';

const contracts = loadContracts({
	dir: path.join(__dirname, 'contracts'),
	files: { api: 'uppromote-public-api-v2.openapi.yaml' },
	api: 'api',
	idPrefix: 'uppromote',
	pathPrefix: '/api/v2',
});

export const { validateRequest, validateResponse, validateSchema } = contracts;

/** Validates a delivery body against the contract's `x-webhooks` entry of the event. */
export function validateWebhook(event: WebhookEvent, payload: unknown): ContractCheck {
	const webhooks = contracts.document('api')['x-webhooks'] as Record<string, Record<string, Operation>>;
	const schema = webhooks[event]?.post.requestBody?.content?.['application/json']?.schema;
	return schema ? contracts.check(schema, payload) : { valid: false, errors: [`the contract has no body schema for ${event}`] };
}
