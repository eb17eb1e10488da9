import { validateRequest, validateResponse, validateSchema, validateWebhook } from './contracts';

describe('Referral Rocket contract lookups', () => {
	it('validates requests by operationId', () => {
		expect(validateRequest('addParticipant', { id: 'JCu82f30F1', email: 'a@example.com' }).valid).toBe(true);
		expect(validateRequest('addParticipant', { email: 'a@example.com' }).valid).toBe(false);
		expect(validateRequest('noSuchOperation', {}).valid).toBe(false);
	});

	it('matches paths under /api/v1, resolves shared responses, and refuses undocumented ones', () => {
		expect(validateResponse('GET', '/api/v1/validateCode?campaignId=x&code=y', 200, false).valid).toBe(true);
		expect(validateResponse('GET', '/api/v1/validateCode', 200, { valid: true }).valid).toBe(false);
		expect(validateResponse('GET', '/api/v1/getCampaign', 404, { message: 'Campaign not found', details: 'uri=/api/v1/getCampaign' }).valid).toBe(true);
		expect(validateResponse('GET', '/api/v1/nothing', 200, {}).errors).toEqual(['no operation GET /api/v1/nothing in the contract']);
	});

	it('validates named schemas and webhook bodies', () => {
		expect(validateSchema('ParticipantPage', { content: [] }).valid).toBe(true);
		expect(validateSchema('ParticipantPage', [] as unknown).valid).toBe(false);
		expect(validateWebhook('referrer_added', { eventType: 'referrer_added', data: { participantId: 1, email: 'a@example.com', code: 'c', campaignId: 'x' }, createdAt: 1, updatedAt: 1 }).valid).toBe(true);
		expect(validateWebhook('referrer_added', { eventType: 'referrer_added', data: {}, createdAt: 1, updatedAt: 1 }).valid).toBe(false);
	});
});
