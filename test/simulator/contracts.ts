// Validates requests, responses and webhooks against PayRam's OpenAPI contracts (loaded by testing/simulator/contracts).
import * as path from 'node:path';
import { loadContracts, type ContractCheck, type Operation } from '../../testing/simulator/contracts';

export { toJsonSchema, type ContractCheck } from '../../testing/simulator/contracts';

// PayRam's contracts live next to the simulator that follows them (see contracts/README.md).
export const CONTRACTS_DIR = path.join(__dirname, 'contracts');

const contracts = loadContracts({
	dir: CONTRACTS_DIR,
	files: {
		api: 'payram-external-api.openapi.yaml',
		current: 'payram-webhook-current.openapi.yaml',
		legacy: 'payram-webhook-legacy.openapi.yaml',
	},
	api: 'api',
	idPrefix: 'payram',
});

export const { validateRequest, validateResponse, validateSchema } = contracts;

export function validateWebhook(mode: 'current' | 'legacy', payload: unknown): ContractCheck {
	const webhooks = contracts.document(mode).webhooks as Record<string, Record<string, Operation>>;
	const schema = webhooks.paymentEvent.post.requestBody?.content?.['application/json']?.schema;
	return schema ? contracts.check(schema, payload) : { valid: false, errors: [`the ${mode} webhook contract has no payload schema`] };
}
