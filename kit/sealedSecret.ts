// Webhook secrets kept sealed in n8n's static data (n8n 1.x stores static data with every execution).
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'crypto';

const FORMAT = 'aes256gcm';
const TAG_BYTES = 16;

/** The 32-byte AES key for a credential's API key; the label keeps one package's keys apart from another's. */
function sealingKey(apiKey: string, label: string): Buffer {
	return createHmac('sha256', apiKey).update(label).digest();
}

/** The secret encrypted with AES-256-GCM under a key derived from the API key, as text: format.iv.tag.ciphertext. */
export function sealSecret(secret: string, apiKey: string, label: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', sealingKey(apiKey, label), iv);
	const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	return [FORMAT, iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === 'string' ? part : part.toString('base64'))).join('.');
}

/** The secret, or undefined when the text was altered or sealed under another API key or label. */
export function openSecret(sealed: string, apiKey: string, label: string): string | undefined {
	const [format, iv, tag, data, ...rest] = sealed.split('.');
	if (format !== FORMAT || data === undefined || rest.length > 0) return undefined;
	try {
		// A fixed tag length: a shortened tag would be easier to forge.
		const decipher = createDecipheriv('aes-256-gcm', sealingKey(apiKey, label), Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
		decipher.setAuthTag(Buffer.from(tag, 'base64'));
		return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
	} catch {
		return undefined;
	}
}
