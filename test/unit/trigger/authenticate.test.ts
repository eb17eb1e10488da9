import { createHmac } from 'node:crypto';

import type { DeliveryCredentials } from '../../../nodes/PayRamTrigger/helpers/authenticate';
import { authenticateDelivery, payRamSignature } from '../../../nodes/PayRamTrigger/helpers/authenticate';
import { secretsMatch } from '../../../kit/signature';

const API_KEY = 'prk_test_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const BODY = Buffer.from(
	'{"reference_id":"ref_123","status":"FILLED","amount":"49.99","filled_amount_in_usd":"49.99","currency":"USDC"}',
);

/** Computed here with node:crypto, independently of the code under test. */
function hmacHex(body: Buffer | string, key: string): string {
	return createHmac('sha256', key).update(body).digest('hex');
}

function delivery(overrides: Partial<DeliveryCredentials>): DeliveryCredentials {
	return {
		apiKeyHeader: undefined,
		signatureHeader: undefined,
		rawBody: BODY,
		apiKey: API_KEY,
		...overrides,
	};
}

describe('secretsMatch', () => {
	it('matches identical secrets', () => {
		expect(secretsMatch(API_KEY, API_KEY)).toBe(true);
		expect(secretsMatch('', '')).toBe(true);
	});

	it('refuses a different secret of the same length', () => {
		const other = API_KEY.slice(0, -1) + (API_KEY.endsWith('0') ? '1' : '0');
		expect(other).toHaveLength(API_KEY.length);
		expect(secretsMatch(other, API_KEY)).toBe(false);
	});

	it('refuses prefixes, extensions and the empty string without throwing on length differences', () => {
		expect(secretsMatch(API_KEY.slice(0, 8), API_KEY)).toBe(false);
		expect(secretsMatch(`${API_KEY}x`, API_KEY)).toBe(false);
		expect(secretsMatch('', API_KEY)).toBe(false);
		expect(secretsMatch(API_KEY, '')).toBe(false);
		expect(secretsMatch(`${API_KEY}, ${API_KEY}`, API_KEY)).toBe(false);
	});

	it('is case-sensitive', () => {
		expect(secretsMatch(API_KEY.toUpperCase(), API_KEY)).toBe(false);
	});
});

describe('payRamSignature', () => {
	it('is sha256=<hex HMAC-SHA256 of the raw body keyed with the API key>', () => {
		expect(payRamSignature(BODY, API_KEY)).toBe(`sha256=${hmacHex(BODY, API_KEY)}`);
	});

	it('gives the same signature for a Buffer and the same text as a string', () => {
		expect(payRamSignature(BODY.toString('utf8'), API_KEY)).toBe(payRamSignature(BODY, API_KEY));
	});

	it('signs the exact bytes (non-ASCII and whitespace included)', () => {
		const body = Buffer.from('{ "reference_id": "réf-ü", "status": "FILLED" }\n');
		expect(payRamSignature(body, API_KEY)).toBe(`sha256=${hmacHex(body, API_KEY)}`);
	});

	it('changes with the key and with the body', () => {
		const signature = payRamSignature(BODY, API_KEY);
		expect(payRamSignature(BODY, `${API_KEY}x`)).not.toBe(signature);
		expect(payRamSignature(Buffer.concat([BODY, Buffer.from(' ')]), API_KEY)).not.toBe(signature);
	});

	it('is lower-case hex, 64 digits after the prefix', () => {
		expect(payRamSignature(BODY, API_KEY)).toMatch(/^sha256=[0-9a-f]{64}$/);
	});
});

describe('authenticateDelivery', () => {
	const signature = `sha256=${hmacHex(BODY, API_KEY)}`;

	describe('API-Key header only (older servers)', () => {
		it('accepts the right key, unsigned', () => {
			expect(authenticateDelivery(delivery({ apiKeyHeader: API_KEY }))).toEqual({ ok: true, signed: false });
		});

		it('accepts the right key with surrounding whitespace', () => {
			expect(authenticateDelivery(delivery({ apiKeyHeader: ` ${API_KEY} ` }))).toEqual({ ok: true, signed: false });
		});

		it.each([
			['a wrong key', 'prk_test_00000000000000000000000000000000'],
			['an empty key', ''],
			['a short key (prefix of the right one)', API_KEY.slice(0, 10)],
			['a doubled key "k, k"', `${API_KEY}, ${API_KEY}`],
			['the key with a suffix', `${API_KEY}0`],
		])('refuses %s', (_label, apiKeyHeader) => {
			const result = authenticateDelivery(delivery({ apiKeyHeader }));
			expect(result.ok).toBe(false);
		});
	});

	describe('X-Payram-Signature (current servers)', () => {
		it('accepts a valid signature together with the right API-Key header', () => {
			expect(authenticateDelivery(delivery({ apiKeyHeader: API_KEY, signatureHeader: signature }))).toEqual({
				ok: true,
				signed: true,
			});
		});

		it('accepts a valid signature without an API-Key header', () => {
			expect(authenticateDelivery(delivery({ signatureHeader: signature }))).toEqual({ ok: true, signed: true });
		});

		it('accepts upper-case hex (and an upper-case prefix)', () => {
			expect(authenticateDelivery(delivery({ signatureHeader: `sha256=${hmacHex(BODY, API_KEY).toUpperCase()}` }))).toEqual(
				{ ok: true, signed: true },
			);
			expect(authenticateDelivery(delivery({ signatureHeader: signature.toUpperCase() }))).toEqual({
				ok: true,
				signed: true,
			});
		});

		it('refuses a bad signature', () => {
			const bad = `sha256=${'0'.repeat(64)}`;
			expect(authenticateDelivery(delivery({ signatureHeader: bad })).ok).toBe(false);
			expect(authenticateDelivery(delivery({ apiKeyHeader: API_KEY, signatureHeader: bad })).ok).toBe(false);
		});

		it('refuses a signature made with another key, even with the right API-Key header', () => {
			const otherKey = `sha256=${hmacHex(BODY, 'another-key')}`;
			expect(authenticateDelivery(delivery({ apiKeyHeader: API_KEY, signatureHeader: otherKey })).ok).toBe(false);
		});

		it('refuses a valid signature over a tampered body', () => {
			const tampered = Buffer.from(BODY.toString('utf8').replace('"49.99"', '"4999.99"'));
			expect(tampered.equals(BODY)).toBe(false);
			const result = authenticateDelivery(delivery({ rawBody: tampered, apiKeyHeader: API_KEY, signatureHeader: signature }));
			expect(result).toEqual({ ok: false, reason: expect.stringMatching(/signature/i) });
		});

		it('refuses a bare hex digest without the sha256= prefix, an empty signature and a doubled signature', () => {
			expect(authenticateDelivery(delivery({ signatureHeader: hmacHex(BODY, API_KEY) })).ok).toBe(false);
			expect(authenticateDelivery(delivery({ signatureHeader: '' })).ok).toBe(false);
			expect(authenticateDelivery(delivery({ signatureHeader: `${signature}, ${signature}` })).ok).toBe(false);
		});

		it('refuses a valid signature sent with a wrong API-Key header', () => {
			expect(authenticateDelivery(delivery({ apiKeyHeader: 'wrong', signatureHeader: signature })).ok).toBe(false);
		});
	});

	it('refuses a delivery with neither header', () => {
		expect(authenticateDelivery(delivery({}))).toEqual({ ok: false, reason: expect.any(String) });
	});

	it('refuses everything when the credential has no API key', () => {
		// With an empty key, an attacker could sign with "" and send an empty API-Key header.
		const emptyKeySignature = `sha256=${hmacHex(BODY, '')}`;
		for (const overrides of [
			{ apiKeyHeader: '' },
			{ signatureHeader: emptyKeySignature },
			{ apiKeyHeader: '', signatureHeader: emptyKeySignature },
			{ apiKeyHeader: API_KEY, signatureHeader: signature },
		]) {
			const result = authenticateDelivery(delivery({ ...overrides, apiKey: '' }));
			expect(result).toEqual({ ok: false, reason: expect.stringMatching(/API Key/i) });
		}
	});

	it('never puts the key or the signature in its reason', () => {
		const results = [
			authenticateDelivery(delivery({ apiKeyHeader: 'wrong-key-value' })),
			authenticateDelivery(delivery({ signatureHeader: 'sha256=deadbeef' })),
		];
		for (const result of results) {
			const text = JSON.stringify(result);
			expect(text).not.toContain(API_KEY);
			expect(text).not.toContain('wrong-key-value');
			expect(text).not.toContain('deadbeef');
			expect(text).not.toContain(hmacHex(BODY, API_KEY));
		}
	});
});
