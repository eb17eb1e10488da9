import { createHash } from 'crypto';

import { payoutIdempotencyKey } from '../../../nodes/PayRam/helpers/idempotency';

const payout = {
	email: 'ada@example.com',
	blockchainCode: 'ETH',
	currencyCode: 'USDC',
	amount: '49.99',
	toAddress: '0x52908400098527886E0F7030069857D2E4169EE7',
};

describe('payoutIdempotencyKey', () => {
	it('is n8n- followed by the first 40 hex digits of SHA-256 over the sorted key=value lines', () => {
		const canonical =
			'amount=49.99\nblockchainCode=ETH\ncurrencyCode=USDC\nemail=ada@example.com\ntoAddress=0x52908400098527886E0F7030069857D2E4169EE7';
		const expected = `n8n-${createHash('sha256').update(canonical).digest('hex').slice(0, 40)}`;
		expect(payoutIdempotencyKey(payout)).toBe(expected);
	});

	it('is stable across releases for the same payout (pinned value)', () => {
		expect(payoutIdempotencyKey(payout)).toBe('n8n-e01ba9e710cd9cd3efacf2029b23d5daa917c635');
	});

	it('has the form n8n-<40 lowercase hex digits>, 44 characters in all', () => {
		const key = payoutIdempotencyKey(payout);
		expect(key).toMatch(/^n8n-[0-9a-f]{40}$/);
		expect(key).toHaveLength(44);
	});

	it('gives the same key for the same details in any key order', () => {
		const reordered = {
			toAddress: payout.toAddress,
			amount: payout.amount,
			email: payout.email,
			currencyCode: payout.currencyCode,
			blockchainCode: payout.blockchainCode,
		};
		expect(payoutIdempotencyKey(reordered)).toBe(payoutIdempotencyKey(payout));
	});

	it('gives the same key on every call (a re-run cannot pay twice)', () => {
		expect(payoutIdempotencyKey({ ...payout })).toBe(payoutIdempotencyKey({ ...payout }));
	});

	it.each([
		['the amount', { amount: '49.98' }],
		['the amount text (trailing zero)', { amount: '49.990' }],
		['the destination address', { toAddress: '0x52908400098527886E0F7030069857D2E4169EE8' }],
		['the currency', { currencyCode: 'USDT' }],
		['the chain', { blockchainCode: 'BASE' }],
		['the recipient email', { email: 'grace@example.com' }],
		['an added optional field', { customerID: 'cust-1' }],
	])('changes when %s changes', (_what, change) => {
		expect(payoutIdempotencyKey({ ...payout, ...change })).not.toBe(payoutIdempotencyKey(payout));
	});

	it('treats a key with an empty, null or undefined value alike, but unlike a missing key', () => {
		const withEmpty = payoutIdempotencyKey({ ...payout, customerID: '' });
		expect(payoutIdempotencyKey({ ...payout, customerID: null })).toBe(withEmpty);
		expect(payoutIdempotencyKey({ ...payout, customerID: undefined })).toBe(withEmpty);
		expect(withEmpty).not.toBe(payoutIdempotencyKey(payout));
	});

	it('hashes an empty payout to the SHA-256 of the empty string', () => {
		expect(payoutIdempotencyKey({})).toBe('n8n-e3b0c44298fc1c149afbf4c8996fb92427ae41e4');
	});
});
