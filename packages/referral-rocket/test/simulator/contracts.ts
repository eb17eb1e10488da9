// Validates requests, answers and webhook bodies against Referral Rocket's API v1 contract (see contracts/README.md).
import * as path from 'node:path';
import { loadContracts, type ContractCheck, type Operation } from '../../../../testing/simulator/contracts';

const contracts = loadContracts({
	dir: path.join(__dirname, 'contracts'),
	files: { api: 'referral-rocket-api.openapi.yaml' },
	api: 'api',
	idPrefix: 'referral-rocket',
});

export const { validateRequest, validateResponse, validateSchema } = contracts;

/** Validates a delivery body against the contract's `x-webhooks` entry of the event. */
export function validateWebhook(eventType: string, payload: unknown): ContractCheck {
	const webhooks = contracts.document('api')['x-webhooks'] as Record<string, Record<string, Operation>>;
	const schema = webhooks[eventType]?.post.requestBody?.content?.['application/json']?.schema;
	return schema ? contracts.check(schema, payload) : { valid: false, errors: [`the contract has no body schema for ${eventType}`] };
}
