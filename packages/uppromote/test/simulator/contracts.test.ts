import { validateRequest, validateResponse, validateSchema, validateWebhook } from './contracts';

describe('UpPromote contract lookups', () => {
	it('validates requests by operationId', () => {
		expect(validateRequest('subscribeWebhookEvent', { target_url: 'https://example.com/hook', event: 'referral.new' }).valid).toBe(true);
		expect(validateRequest('subscribeWebhookEvent', { target_url: 'https://example.com/hook', event: 'referral.created' }).valid).toBe(false);
		expect(validateRequest('noSuchOperation', {}).valid).toBe(false);
	});

	it('matches paths under /api/v2, resolves shared responses, and refuses undocumented statuses', () => {
		expect(validateResponse('GET', '/api/v2/affiliates/7?x=1', 404, { status: 404, message: 'Not found' }).valid).toBe(true);
		expect(validateResponse('GET', '/api/v2/affiliates', 401, {}).errors).toEqual(["/ must have required property 'message'"]);
		expect(validateResponse('GET', '/api/v2/payments/unpaid', 200, { status: 200, message: 'success', data: [{ affiliate_id: '1' }] }).valid).toBe(false);
		expect(validateResponse('GET', '/api/v2/nothing', 200, {}).errors).toEqual(['no operation GET /nothing in the contract']);
	});

	it('validates named schemas and webhook bodies', () => {
		expect(validateSchema('AffiliateStatusChangedPayload', { affiliate_id: 1, previous_status: 'active', current_status: 'inactive' }).valid).toBe(true);
		expect(validateWebhook('affiliate.status-changed', { affiliate_id: 1, previous_status: 'active', current_status: 'gone' }).valid).toBe(false);
		expect(validateWebhook('referral.new', { id: 1, status: 'pending', total_sales: 0 }).valid).toBe(false);
	});
});
