import { toJsonSchema, validateRequest, validateResponse, validateSchema, validateWebhook } from './contracts';

describe('toJsonSchema (OpenAPI 3.0 → JSON Schema)', () => {
	it('turns nullable into "or null" and rewrites local refs', () => {
		expect(toJsonSchema({ type: 'string', nullable: true }, 'doc')).toEqual({ anyOf: [{ type: 'string' }, { type: 'null' }] });
		expect(toJsonSchema({ allOf: [{ $ref: '#/components/schemas/X' }] }, 'doc')).toEqual({ allOf: [{ $ref: 'doc#/components/schemas/X' }] });
	});

	it('turns boolean exclusive bounds into numeric ones', () => {
		expect(toJsonSchema({ type: 'number', minimum: 0, exclusiveMinimum: true }, 'doc')).toEqual({ type: 'number', exclusiveMinimum: 0 });
		expect(toJsonSchema({ type: 'number', maximum: 9, exclusiveMaximum: false }, 'doc')).toEqual({ type: 'number', maximum: 9 });
	});

	it('treats property names as names and leaves examples alone', () => {
		const converted = toJsonSchema({ properties: { nullable: { type: 'integer', nullable: true } }, example: { nullable: true } }, 'doc');
		expect(converted).toEqual({
			properties: { nullable: { anyOf: [{ type: 'integer' }, { type: 'null' }] } },
			example: { nullable: true },
		});
	});
});

describe('contract lookups', () => {
	it('validates requests by operationId', () => {
		expect(validateRequest('initiatePayment', { customerEmail: 'a@example.com', customerId: 'c', amountInUSD: 1 }).valid).toBe(true);
		expect(validateRequest('initiatePayment', { customerEmail: 'a@example.com', customerId: 'c', amountInUSD: 0 }).errors).toEqual([
			'/amountInUSD must be > 0',
		]);
		expect(validateRequest('noSuchOperation', {}).valid).toBe(false);
	});

	it('matches path templates and falls back to the default response', () => {
		expect(validateResponse('GET', '/api/v1/withdrawal/7/merchant?x=1', 404, { message: 'Payout not found' }).valid).toBe(true);
		expect(validateResponse('POST', '/api/v1/payment', 404, { error: { code: 'NOT_FOUND', message: 'x' } }).valid).toBe(true);
		expect(validateResponse('POST', '/api/v1/withdrawal/merchant', 409, {}).errors).toEqual([
			'status 409 is not documented for POST /api/v1/withdrawal/merchant',
		]);
		expect(validateResponse('GET', '/api/v1/health', 200, {}).valid).toBe(false);
	});

	it('validates named schemas and both webhook contracts', () => {
		expect(validateSchema('MessageResponse', { message: 'x' }).valid).toBe(true);
		expect(validateSchema('Nope', {}).valid).toBe(false);
		expect(validateWebhook('current', { reference_id: 'r', status: 'FILLED', amount: '1.5' }).valid).toBe(true);
		expect(validateWebhook('current', { reference_id: 'r', status: 'FILLED', amount: 1.5 }).valid).toBe(false);
		expect(validateWebhook('legacy', { reference_id: 'r', status: 'FILLED', amount: 1.5, currency: 'USD' }).valid).toBe(true);
		expect(validateWebhook('legacy', { reference_id: 'r', status: 'FILLED', currency: 'USDC' }).valid).toBe(false);
	});
});
