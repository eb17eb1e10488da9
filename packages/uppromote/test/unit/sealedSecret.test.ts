import { openSecret, sealSecret } from '../../nodes/UpPromote/kit/sealedSecret';

const KEY = 'up_api_key_0123456789abcdef';
const LABEL = 'n8n-nodes-uppromote webhook secret';
const SECRET = '3d26f0c1a9b84e7f9c2d5a6b7e8f9012';

describe('sealed webhook secrets (kit/sealedSecret)', () => {
	it('opens what it sealed with the same API key, and the text holds no trace of the secret', () => {
		const sealed = sealSecret(SECRET, KEY, LABEL);
		expect(sealed).not.toContain(SECRET);
		expect(sealed).not.toContain(Buffer.from(SECRET).toString('base64'));
		expect(openSecret(sealed, KEY, LABEL)).toBe(SECRET);
	});

	it('seals the same secret differently each time (random IV)', () => {
		expect(sealSecret(SECRET, KEY, LABEL)).not.toBe(sealSecret(SECRET, KEY, LABEL));
	});

	it('refuses a sealed secret altered anywhere: IV, tag or ciphertext', () => {
		const parts = sealSecret(SECRET, KEY, LABEL).split('.');
		for (const index of [1, 2, 3]) {
			const bytes = Buffer.from(parts[index], 'base64');
			bytes[0] ^= 1;
			const tampered = parts.map((part, i) => (i === index ? bytes.toString('base64') : part)).join('.');
			expect(openSecret(tampered, KEY, LABEL)).toBeUndefined();
		}
		expect(openSecret(parts.slice(0, 3).join('.'), KEY, LABEL)).toBeUndefined();
		expect(openSecret([...parts.slice(0, 2), parts[2].slice(0, 8), parts[3]].join('.'), KEY, LABEL)).toBeUndefined();
		expect(openSecret(SECRET, KEY, LABEL)).toBeUndefined();
	});

	it('refuses to open under another API key or another label', () => {
		const sealed = sealSecret(SECRET, KEY, LABEL);
		expect(openSecret(sealed, `${KEY}x`, LABEL)).toBeUndefined();
		expect(openSecret(sealed, KEY, 'another package')).toBeUndefined();
	});
});
