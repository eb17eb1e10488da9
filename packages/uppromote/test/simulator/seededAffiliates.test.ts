import { expectContractResponse, startTestSimulator, type TestSimulator } from './testkit';
import { SEEDED_AFFILIATE_FIRST_ID } from './state';

let t: TestSimulator;

beforeAll(async () => {
	t = await startTestSimulator({ extraAffiliates: 250 });
});
afterAll(() => t.sim.close());

async function everyAffiliateId(): Promise<number[]> {
	const ids: number[] = [];
	for (let page = 1; ; page++) {
		const response = await t.api.get('/affiliates', { params: { page, per_page: 100 } });
		expect(response.status).toBe(200);
		expectContractResponse(response);
		const rows = response.data.data as Array<{ id: number }>;
		ids.push(...rows.map((row) => row.id));
		if (rows.length < 100) return ids;
	}
}

describe('extra affiliates (the benchmark store)', () => {
	it('lists the seeded store and the extra affiliates, each once, over pages of 100', async () => {
		const ids = await everyAffiliateId();
		expect(ids).toHaveLength(253);
		expect(new Set(ids).size).toBe(253);
		expect(ids).toEqual(expect.arrayContaining([2014227, 2029238, 2029241, SEEDED_AFFILIATE_FIRST_ID, SEEDED_AFFILIATE_FIRST_ID + 249]));
		const one = await t.api.get(`/affiliates/${SEEDED_AFFILIATE_FIRST_ID + 7}`);
		expect(one.data.data).toMatchObject({ id: SEEDED_AFFILIATE_FIRST_ID + 7, email: `affiliate${SEEDED_AFFILIATE_FIRST_ID + 7}@example.com`, status: 'active' });
		expectContractResponse(one);
	});

	it('keeps them across a reset', async () => {
		await t.api.post('/affiliates', { email: 'new@example.com' });
		t.sim.reset();
		expect(t.sim.state.affiliates).toHaveLength(253);
	});
});
