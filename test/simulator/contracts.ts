// Validates requests, responses and webhooks against PayRam's OpenAPI contracts with Ajv.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

// PayRam's contracts live next to the simulator that follows them (see contracts/README.md).
export const CONTRACTS_DIR = path.join(__dirname, 'contracts');

const CONTRACT_FILES = {
	api: 'payram-external-api.openapi.yaml',
	current: 'payram-webhook-current.openapi.yaml',
	legacy: 'payram-webhook-legacy.openapi.yaml',
} as const;
type ContractName = keyof typeof CONTRACT_FILES;

export interface ContractCheck {
	valid: boolean;
	errors: string[];
}

type Schema = Record<string, unknown>;
type Operation = {
	operationId?: string;
	requestBody?: { content?: Record<string, { schema?: Schema }> };
	responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'contains']);

/**
 * OpenAPI 3.0 schema → JSON Schema: `nullable` becomes "or null", boolean exclusiveMinimum/Maximum
 * become numeric bounds, and local `$ref`s point into the document registered as `documentId`.
 * Other keywords (example, deprecated, ...) are copied for Ajv to ignore.
 */
export function toJsonSchema(schema: unknown, documentId: string): unknown {
	if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
	const source = schema as Schema;
	const result: Schema = {};
	for (const [keyword, value] of Object.entries(source)) {
		if (keyword === 'nullable') continue;
		if (keyword === '$ref' && typeof value === 'string' && value.startsWith('#/')) result.$ref = `${documentId}${value}`;
		else if (SCHEMA_MAPS.has(keyword) && value && typeof value === 'object') {
			result[keyword] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub, documentId)]));
		} else if (SCHEMA_LISTS.has(keyword) && Array.isArray(value)) result[keyword] = value.map((sub) => toJsonSchema(sub, documentId));
		else if (SCHEMA_VALUES.has(keyword)) result[keyword] = toJsonSchema(value, documentId);
		else result[keyword] = value;
	}
	for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
		if (typeof result[flag] !== 'boolean') continue;
		if (result[flag] === true && typeof result[bound] === 'number') {
			result[flag] = result[bound];
			delete result[bound];
		} else delete result[flag];
	}
	return source.nullable === true ? { anyOf: [result, { type: 'null' }] } : result;
}

interface LoadedContracts {
	ajv: Ajv;
	documents: Record<ContractName, Schema>;
	compiled: Map<object | string, ValidateFunction>;
}

let loaded: LoadedContracts | undefined;

function convertOperationSchemas(document: Schema, documentId: string): void {
	const operations: Operation[] = [];
	for (const group of ['paths', 'webhooks']) {
		for (const item of Object.values((document[group] ?? {}) as Record<string, Record<string, Operation>>)) operations.push(...Object.values(item));
	}
	for (const operation of operations) {
		const bodies = [operation.requestBody, ...Object.values(operation.responses ?? {})];
		for (const body of bodies) {
			for (const media of Object.values(body?.content ?? {})) {
				if (media.schema) media.schema = toJsonSchema(media.schema, documentId) as Schema;
			}
		}
	}
}

function contracts(): LoadedContracts {
	if (loaded) return loaded;
	const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
	addFormats(ajv);
	const documents = {} as Record<ContractName, Schema>;
	for (const [name, file] of Object.entries(CONTRACT_FILES) as [ContractName, string][]) {
		const document = parse(readFileSync(path.join(CONTRACTS_DIR, file), 'utf8')) as Schema;
		const documentId = `payram-${name}`;
		const schemas = ((document.components as Schema | undefined)?.schemas ?? {}) as Record<string, unknown>;
		const converted = Object.fromEntries(Object.entries(schemas).map(([schemaName, schema]) => [schemaName, toJsonSchema(schema, documentId)]));
		ajv.addSchema({ $id: documentId, components: { schemas: converted } });
		convertOperationSchemas(document, documentId);
		documents[name] = document;
	}
	loaded = { ajv, documents, compiled: new Map() };
	return loaded;
}

function check(schema: object, value: unknown, cacheKey: object | string = schema): ContractCheck {
	const { ajv, compiled } = contracts();
	let validate = compiled.get(cacheKey);
	if (!validate) {
		validate = ajv.compile(schema);
		compiled.set(cacheKey, validate);
	}
	const valid = validate(value) as boolean;
	const errors = (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`);
	return { valid, errors: valid ? [] : errors };
}

function failure(message: string): ContractCheck {
	return { valid: false, errors: [message] };
}

function operations(): { template: string; method: string; operation: Operation }[] {
	const paths = (contracts().documents.api.paths ?? {}) as Record<string, Record<string, Operation>>;
	return Object.entries(paths).flatMap(([template, item]) =>
		Object.entries(item).map(([method, operation]) => ({ template, method: method.toUpperCase(), operation })),
	);
}

function templateMatches(template: string, requestPath: string): boolean {
	const pattern = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+');
	return new RegExp(`^${pattern}$`).test(requestPath);
}

/** Validates a request body against the operation's `application/json` schema. */
export function validateRequest(operationId: string, body: unknown): ContractCheck {
	const found = operations().find(({ operation }) => operation.operationId === operationId);
	if (!found) return failure(`no operation ${operationId} in the contract`);
	const schema = found.operation.requestBody?.content?.['application/json']?.schema;
	return schema ? check(schema, body) : failure(`${operationId} has no JSON request body`);
}

/** Validates a response against the contract; a literal path beats a template, and `default` covers undocumented statuses. */
export function validateResponse(method: string, requestPath: string, status: number, body: unknown): ContractCheck {
	const pathname = requestPath.split('?')[0];
	const candidates = operations().filter((entry) => entry.method === method.toUpperCase() && templateMatches(entry.template, pathname));
	const found = candidates.find((entry) => entry.template === pathname) ?? candidates[0];
	if (!found) return failure(`no operation ${method.toUpperCase()} ${pathname} in the contract`);
	const responses = found.operation.responses ?? {};
	const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
	if (!response) return failure(`status ${status} is not documented for ${method.toUpperCase()} ${found.template}`);
	const schema = response.content?.['application/json']?.schema;
	return schema ? check(schema, body) : { valid: true, errors: [] };
}

/** Validates one named component schema, e.g. `Withdrawal` for each item of a payout list. */
export function validateSchema(name: string, value: unknown, contract: ContractName = 'api'): ContractCheck {
	const schemas = (contracts().documents[contract].components as Schema | undefined)?.schemas as Record<string, unknown> | undefined;
	if (!schemas?.[name]) return failure(`no schema ${name} in the ${contract} contract`);
	const ref = `payram-${contract}#/components/schemas/${name}`;
	return check({ $ref: ref }, value, ref);
}

export function validateWebhook(mode: 'current' | 'legacy', payload: unknown): ContractCheck {
	const webhooks = contracts().documents[mode].webhooks as Record<string, Record<string, Operation>>;
	const schema = webhooks.paymentEvent.post.requestBody?.content?.['application/json']?.schema;
	return schema ? check(schema, payload) : failure(`the ${mode} webhook contract has no payload schema`);
}
