// Validates requests, responses and webhook bodies against a service's OpenAPI 3.0 contracts with Ajv.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export interface ContractCheck {
	valid: boolean;
	errors: string[];
}

type Schema = Record<string, unknown>;
type Body = { $ref?: string; content?: Record<string, { schema?: Schema }> };
export type Operation = {
	operationId?: string;
	requestBody?: Body;
	responses?: Record<string, Body>;
};

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'contains']);
// `x-webhooks` is how a 3.0 document carries 3.1's `webhooks`.
const OPERATION_GROUPS = ['paths', 'webhooks', 'x-webhooks'];

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

function groupOperations(document: Schema, group: string): { template: string; method: string; operation: Operation }[] {
	const items = (document[group] ?? {}) as Record<string, Record<string, Operation>>;
	return Object.entries(items).flatMap(([template, item]) =>
		Object.entries(item)
			.filter(([, operation]) => operation !== null && typeof operation === 'object')
			.map(([method, operation]) => ({ template, method: method.toUpperCase(), operation })),
	);
}

function convertOperationSchemas(document: Schema, documentId: string): void {
	const bodies: (Body | undefined)[] = Object.values(((document.components as Schema | undefined)?.responses ?? {}) as Record<string, Body>);
	for (const group of OPERATION_GROUPS) {
		for (const { operation } of groupOperations(document, group)) bodies.push(operation.requestBody, ...Object.values(operation.responses ?? {}));
	}
	for (const body of bodies) {
		for (const media of Object.values(body?.content ?? {})) {
			if (media.schema) media.schema = toJsonSchema(media.schema, documentId) as Schema;
		}
	}
}

/** A response written as `$ref: '#/components/responses/Name'` is that shared response. */
function resolveResponse(document: Schema, response: Body | undefined): Body | undefined {
	const name = response?.$ref?.startsWith('#/components/responses/') ? response.$ref.slice('#/components/responses/'.length) : undefined;
	return name === undefined ? response : (((document.components as Schema | undefined)?.responses ?? {}) as Record<string, Body>)[name];
}

function templateMatches(template: string, requestPath: string): boolean {
	const pattern = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+');
	return new RegExp(`^${pattern}$`).test(requestPath);
}

function failure(message: string): ContractCheck {
	return { valid: false, errors: [message] };
}

export interface Contracts<Name extends string> {
	/** A parsed contract document (schemas converted), e.g. to read its webhooks. */
	document(name: Name): Schema;
	/** Validates any schema object of the documents (its `$ref`s resolved), cached by `cacheKey`. */
	check(schema: object, value: unknown, cacheKey?: object | string): ContractCheck;
	/** Validates a request body against the `application/json` schema of the operation with this id, in any document. */
	validateRequest(operationId: string, body: unknown): ContractCheck;
	/** Validates a response of the API document; a literal path beats a template, and `default` covers undocumented statuses. */
	validateResponse(method: string, requestPath: string, status: number, body: unknown): ContractCheck;
	/** Validates one named component schema, e.g. `Withdrawal` for each item of a payout list. */
	validateSchema(name: string, value: unknown, contract?: Name): ContractCheck;
}

/**
 * Loads `files` (contract name → file in `dir`) on first use. `api` names the document whose paths
 * validateResponse() reads; `pathPrefix` is the part of a request path its server URL covers (e.g. `/api/v2`).
 */
export function loadContracts<Name extends string>(options: { dir: string; files: Record<Name, string>; api: NoInfer<Name>; idPrefix: string; pathPrefix?: string }): Contracts<Name> {
	let loaded: { ajv: Ajv; documents: Record<Name, Schema>; compiled: Map<object | string, ValidateFunction> } | undefined;
	const documentId = (name: Name) => `${options.idPrefix}-${name}`;

	function contracts() {
		if (loaded) return loaded;
		const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
		addFormats(ajv);
		const documents = {} as Record<Name, Schema>;
		for (const [name, file] of Object.entries(options.files) as [Name, string][]) {
			const document = parse(readFileSync(path.join(options.dir, file), 'utf8')) as Schema;
			const schemas = ((document.components as Schema | undefined)?.schemas ?? {}) as Record<string, unknown>;
			const converted = Object.fromEntries(Object.entries(schemas).map(([schemaName, schema]) => [schemaName, toJsonSchema(schema, documentId(name))]));
			ajv.addSchema({ $id: documentId(name), components: { schemas: converted } });
			convertOperationSchemas(document, documentId(name));
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

	return {
		document: (name) => contracts().documents[name],
		check,
		validateRequest(operationId, body) {
			const all = Object.values<Schema>(contracts().documents).flatMap((document) => OPERATION_GROUPS.flatMap((group) => groupOperations(document, group)));
			const found = all.find(({ operation }) => operation.operationId === operationId);
			if (!found) return failure(`no operation ${operationId} in the contract`);
			const schema = found.operation.requestBody?.content?.['application/json']?.schema;
			return schema ? check(schema, body) : failure(`${operationId} has no JSON request body`);
		},
		validateResponse(method, requestPath, status, body) {
			let pathname = requestPath.split('?')[0];
			if (options.pathPrefix && pathname.startsWith(options.pathPrefix)) pathname = pathname.slice(options.pathPrefix.length);
			const document = contracts().documents[options.api];
			const candidates = groupOperations(document, 'paths').filter(
				(entry) => entry.method === method.toUpperCase() && templateMatches(entry.template, pathname),
			);
			const found = candidates.find((entry) => entry.template === pathname) ?? candidates[0];
			if (!found) return failure(`no operation ${method.toUpperCase()} ${pathname} in the contract`);
			const responses = found.operation.responses ?? {};
			const response = resolveResponse(document, responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default);
			if (!response) return failure(`status ${status} is not documented for ${method.toUpperCase()} ${found.template}`);
			const schema = response.content?.['application/json']?.schema;
			return schema ? check(schema, body) : { valid: true, errors: [] };
		},
		validateSchema(name, value, contract = options.api) {
			const schemas = (contracts().documents[contract].components as Schema | undefined)?.schemas as Record<string, unknown> | undefined;
			if (!schemas?.[name]) return failure(`no schema ${name} in the ${contract} contract`);
			const ref = `${documentId(contract)}#/components/schemas/${name}`;
			return check({ $ref: ref }, value, ref);
		},
	};
}
