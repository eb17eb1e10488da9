// A generated corpus of hostile webhook requests, each with the answer the trigger (or n8n in front of it) must give.
import { createHmac, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import { paymentEventRequest, signatureFor } from '../simulator/webhooks';
import { filledPayment } from './events';
import type { LoadRequest } from '../../testing/n8n/load';

/**
 * refused: any 4xx. ping: 200 acknowledgement without an event id. duplicate: 200 with duplicate true.
 * preflight: an OPTIONS request, which n8n itself answers (CORS) before any node runs.
 */
export type Expectation = 'refused' | 'ping' | 'duplicate' | 'preflight';

export interface HostileCase {
	category: string;
	name: string;
	target: 'trigger' | 'signedOnly';
	request: LoadRequest;
	expect: Expectation;
	/**
	 * Answers n8n gives itself while reading the request, before the trigger is called (so no node code can change
	 * them), accepted in place of a 4xx as long as nothing is started and no stack trace is shown.
	 */
	n8nAnswers?: number[];
	/** Signature values this case sends (for the secret scan). */
	signatures: string[];
}

export interface CorpusInput {
	apiKey: string;
	/** Byte-identical copies of deliveries the trigger already accepted. */
	acceptedDeliveries: LoadRequest[];
}

const JSON_TYPE = 'application/json';

function sha1Signature(apiKey: string, body: string | Buffer): string {
	return `sha1=${createHmac('sha1', apiKey).update(body).digest('hex')}`;
}

function sha512Signature(apiKey: string, body: string | Buffer): string {
	return `sha512=${createHmac('sha512', apiKey).update(body).digest('hex')}`;
}

/** A fresh, valid current-PayRam FILLED event: body and its correct signature. */
function freshEvent(apiKey: string, sequence: number): { body: string; signature: string; referenceId: string } {
	const referenceId = randomUUID();
	const request = paymentEventRequest({ url: 'http://127.0.0.1/', mode: 'current' }, apiKey, filledPayment(referenceId, 900_000 + sequence), new Date());
	return { body: request.rawBody, signature: request.headers['X-Payram-Signature'], referenceId };
}

/** The fresh event's payload with one field replaced, re-serialised and correctly signed: only the field is wrong. */
function withField(apiKey: string, sequence: number, field: string, value: unknown): { body: string; signature: string } {
	const payload = JSON.parse(freshEvent(apiKey, sequence).body) as Record<string, unknown>;
	if (value === undefined) delete payload[field];
	else payload[field] = value;
	const body = JSON.stringify(payload);
	return { body, signature: signatureFor(apiKey, body) };
}

function nested(depth: number, kind: 'array' | 'object'): string {
	return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export function hostileCorpus({ apiKey, acceptedDeliveries }: CorpusInput): HostileCase[] {
	const cases: HostileCase[] = [];
	let sequence = 0;
	const add = (category: string, name: string, request: LoadRequest, options: Partial<Pick<HostileCase, 'expect' | 'target' | 'n8nAnswers'>> = {}) => {
		const signatures: string[] = [];
		for (const [header, value] of Object.entries(request.headers)) {
			if (header.toLowerCase() === 'x-payram-signature') signatures.push(...(Array.isArray(value) ? value : [value]));
		}
		cases.push({ category, name, request, expect: options.expect ?? 'refused', target: options.target ?? 'trigger', n8nAnswers: options.n8nAnswers, signatures });
	};
	const keyed = (extra: Record<string, string | string[]> = {}) => ({ 'Content-Type': JSON_TYPE, 'API-Key': apiKey, ...extra });
	const signedHeaders = (signature: string | string[], extra: Record<string, string | string[]> = {}) => keyed({ 'X-Payram-Signature': signature, ...extra });

	// --- malformed and truncated JSON (authenticated by key, so only the body is wrong)
	{
		const { body } = freshEvent(apiKey, sequence++);
		for (const fraction of [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]) {
			const cut = body.slice(0, Math.floor(body.length * fraction));
			add('malformed JSON', `truncated at ${Math.round(fraction * 100)}% (application/json)`, { method: 'POST', headers: keyed(), body: cut });
			add('malformed JSON', `truncated at ${Math.round(fraction * 100)}% (text/plain)`, { method: 'POST', headers: keyed({ 'Content-Type': 'text/plain' }), body: cut });
		}
		const malformed: Array<[string, string]> = [
			['trailing garbage', `${body}xyz`],
			['two objects', `${body}${body}`],
			['single quotes', body.replace(/"/g, "'")],
			['unquoted keys', body.replace(/"([a-z_]+)":/g, '$1:')],
			['trailing comma', body.replace(/}$/, ',}')],
			['comment inside', body.replace('{', '{/* hi */')],
			['NaN amount', body.replace(/"amount":"[^"]*"/, '"amount":NaN')],
			['bare null', 'null'],
			['bare array', '[]'],
			['array of events', `[${body}]`],
			['bare string', '"FILLED"'],
			['bare number', '12345'],
			['bare true', 'true'],
			['empty object', '{}'],
			['whitespace only', '   \n\t  '],
			['empty body', ''],
			['lone brace', '{'],
			['unterminated string', '{"reference_id":"abc'],
			['control characters', '{"reference_id":"a\u0001b","status":"FILLED"}'.replace('\u0001', '\u0000')],
			['invalid escape', '{"reference_id":"a\\xb","status":"FILLED"}'],
		];
		for (const [name, text] of malformed) {
			add('malformed JSON', `${name} (application/json)`, { method: 'POST', headers: keyed(), body: text });
			add('malformed JSON', `${name} (text/plain)`, { method: 'POST', headers: keyed({ 'Content-Type': 'text/plain' }), body: text });
		}
	}

	// --- wrong types for reference_id / status / amounts: key and signature are right, only the type is wrong
	{
		const wrongTypes: Array<[string, unknown]> = [
			['a number', 12345],
			['a boolean', true],
			['null', null],
			['an object', { $ne: null }],
			['an array', ['9f1c6a4e-0000-4000-8000-000000000001']],
			['an empty string', ''],
			['blank', '   '],
		];
		for (const [what, value] of wrongTypes) {
			const ref = withField(apiKey, sequence++, 'reference_id', value);
			add('wrong types', `reference_id is ${what}`, { method: 'POST', headers: signedHeaders(ref.signature), body: ref.body });
			const status = withField(apiKey, sequence++, 'status', value);
			add('wrong types', `status is ${what}`, { method: 'POST', headers: signedHeaders(status.signature), body: status.body });
		}
		const missingRef = withField(apiKey, sequence++, 'reference_id', undefined);
		add('wrong types', 'reference_id missing', { method: 'POST', headers: signedHeaders(missingRef.signature), body: missingRef.body });
		const missingStatus = withField(apiKey, sequence++, 'status', undefined);
		add('wrong types', 'status missing', { method: 'POST', headers: signedHeaders(missingStatus.signature), body: missingStatus.body });
		const amountTypes: Array<[string, unknown]> = [
			['a boolean', true],
			['an object', { value: '49.99' }],
			['an array', ['49.99']],
			['not a number', 'forty-nine'],
		];
		for (const field of ['amount', 'filled_amount', 'filled_amount_in_usd']) {
			for (const [what, value] of amountTypes) {
				const event = withField(apiKey, sequence++, field, value);
				add('wrong types', `${field} is ${what}`, { method: 'POST', headers: signedHeaders(event.signature), body: event.body });
			}
		}
	}

	// --- huge bodies
	{
		const mb = 1024 * 1024;
		const bigEvent = JSON.stringify({ ...JSON.parse(freshEvent(apiKey, sequence++).body), padding: 'x'.repeat(mb) });
		add('huge bodies', '1 MB event, wrong signature', { method: 'POST', headers: signedHeaders(`sha256=${'0'.repeat(64)}`), body: bigEvent });
		add('huge bodies', '1 MB event, no key', { method: 'POST', headers: { 'Content-Type': JSON_TYPE }, body: bigEvent });
		add('huge bodies', '1 MB JSON without reference_id', { method: 'POST', headers: keyed(), body: JSON.stringify({ status: 'FILLED', padding: 'x'.repeat(mb) }) });
		add('huge bodies', '1 MB of text', { method: 'POST', headers: keyed({ 'Content-Type': 'text/plain' }), body: 'x'.repeat(mb) });
		add('huge bodies', '1 MB of JSON numbers', { method: 'POST', headers: keyed(), body: `[${'1,'.repeat(mb / 2)}1]` });
		add('huge bodies', '1 MB with many money keys', { method: 'POST', headers: keyed(), body: `{${'"amount":   1,'.repeat(mb / 16)}"status":"FILLED"}` });
		// n8n refuses bodies over its 16 MiB limit while reading them, before the trigger runs.
		add('huge bodies', '20 MB JSON, valid key', { method: 'POST', headers: keyed(), body: Buffer.alloc(20 * mb, 0x61) }, { n8nAnswers: [413, 500] });
		add('huge bodies', '20 MB text, no key', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: Buffer.alloc(20 * mb, 0x61) }, { n8nAnswers: [413, 500] });
	}

	// --- deeply nested bodies
	for (const depth of [5_000, 50_000, 500_000]) {
		add('deep nesting', `array depth ${depth}, valid key`, { method: 'POST', headers: keyed(), body: nested(depth, 'array') });
		add('deep nesting', `object depth ${depth}, valid key`, { method: 'POST', headers: keyed(), body: nested(depth, 'object') });
		const inEvent = JSON.stringify({ ...JSON.parse(freshEvent(apiKey, sequence++).body), extra: '§' }).replace('"§"', nested(depth, 'object'));
		add('deep nesting', `depth ${depth} inside an event, wrong signature`, { method: 'POST', headers: signedHeaders(`sha256=${'a'.repeat(64)}`), body: inEvent });
		add('deep nesting', `depth ${depth} inside an event, no key`, { method: 'POST', headers: { 'Content-Type': JSON_TYPE }, body: inEvent });
		add('deep nesting', `array depth ${depth}, text/plain`, { method: 'POST', headers: keyed({ 'Content-Type': 'text/plain' }), body: nested(depth, 'array') });
	}

	// --- odd encodings
	{
		const event = freshEvent(apiKey, sequence++);
		const accented = JSON.stringify({ ...JSON.parse(event.body), customer_email: 'josé@example.com', customer_id: 'Zoë' });
		const accentedSignature = signatureFor(apiKey, accented);
		const utf16 = Buffer.from(`\ufeff${event.body}`, 'utf16le');
		const utf16be = Buffer.from(`\ufeff${event.body}`, 'utf16le').swap16();
		const latin1 = Buffer.from(accented, 'latin1');
		add('odd encodings', 'UTF-16LE with BOM, original signature', { method: 'POST', headers: signedHeaders(event.signature), body: utf16 });
		add('odd encodings', 'UTF-16LE, charset=utf-16, key only', { method: 'POST', headers: keyed({ 'Content-Type': 'application/json; charset=utf-16' }), body: utf16 });
		add('odd encodings', 'UTF-16LE, charset=utf-16le, key only', { method: 'POST', headers: keyed({ 'Content-Type': 'application/json; charset=utf-16le' }), body: Buffer.from(event.body, 'utf16le') });
		add('odd encodings', 'UTF-16BE with BOM, text/plain, key only', { method: 'POST', headers: keyed({ 'Content-Type': 'text/plain' }), body: utf16be });
		add('odd encodings', 'Latin-1 bytes, signature of the UTF-8 body', { method: 'POST', headers: signedHeaders(accentedSignature), body: latin1 });
		add('odd encodings', 'Latin-1 bytes, charset=latin1, signature of the UTF-8 body', { method: 'POST', headers: signedHeaders(accentedSignature, { 'Content-Type': 'application/json; charset=latin1' }), body: latin1 });
		// JSON travels as UTF-8 (RFC 8259); other bytes must not turn into U+FFFD inside ids and amounts.
		add('odd encodings', 'Latin-1 bytes inside strings, key only', { method: 'POST', headers: keyed(), body: latin1 });
		add('odd encodings', 'Latin-1 byte outside any string, key only', { method: 'POST', headers: keyed({ 'Content-Type': 'text/plain' }), body: Buffer.concat([Buffer.from('{"reference_id":"x",'), Buffer.from([0xe9]), Buffer.from('"status":"FILLED"}')]) });
		add('odd encodings', 'UTF-8 BOM before the event, key only', { method: 'POST', headers: keyed(), body: `\ufeff${event.body}` });
		add('odd encodings', 'UTF-8 BOM before the event, text/plain, key only', { method: 'POST', headers: keyed({ 'Content-Type': 'text/plain' }), body: `\ufeff${event.body}` });
		add('odd encodings', 'UTF-8 BOM before the event, wrong signature', { method: 'POST', headers: signedHeaders(event.signature), body: `\ufeff${event.body}` });
		add('odd encodings', 'unknown charset', { method: 'POST', headers: keyed({ 'Content-Type': 'application/json; charset=ebcdic-xx' }), body: event.body });
		add('odd encodings', 'invalid UTF-8 sequence, key only', { method: 'POST', headers: keyed({ 'Content-Type': 'text/plain' }), body: Buffer.concat([Buffer.from('{"reference_id":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('","status":"FILLED"}')]) });
		add('odd encodings', 'overlong UTF-8 quote, key only', { method: 'POST', headers: keyed({ 'Content-Type': 'text/plain' }), body: Buffer.concat([Buffer.from('{"reference_id":'), Buffer.from([0xc0, 0xa2]), Buffer.from('x"}')]) });
		// A Content-Encoding the body does not have: n8n fails to inflate it while reading, before the trigger runs.
		add('odd encodings', 'Content-Encoding gzip, plain body, valid key', { method: 'POST', headers: keyed({ 'Content-Encoding': 'gzip' }), body: event.body }, { n8nAnswers: [415, 500] });
		add('odd encodings', 'Content-Encoding deflate, plain body, no key', { method: 'POST', headers: { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'deflate' }, body: event.body }, { n8nAnswers: [415, 500] });
		add('odd encodings', 'Content-Encoding gzip, truncated gzip, valid key', { method: 'POST', headers: keyed({ 'Content-Encoding': 'gzip' }), body: gzipSync(event.body).subarray(0, 20) }, { n8nAnswers: [415, 500] });
	}

	// --- odd content types (valid key; the body is no PayRam event in any of them)
	{
		const form = 'reference_id=9f1c6a4e-0000-4000-8000-00000000f0f0&status=FILLED&amount=49.99';
		const multipart = (fields: Record<string, string>) =>
			`${Object.entries(fields).map(([k, v]) => `--XBOUNDARY\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('')}--XBOUNDARY--\r\n`;
		const xml = '<payment><reference_id>9f1c6a4e</reference_id><status>FILLED</status></payment>';
		const types: Array<[string, string | undefined, string]> = [
			['text/plain, form body', 'text/plain', form],
			['application/xml', 'application/xml', xml],
			['text/xml', 'text/xml', xml],
			['application/soap+xml', 'application/soap+xml', `<Envelope>${xml}</Envelope>`],
			['broken xml', 'application/xml', '<payment><reference_id>9f1'],
			['form-urlencoded', 'application/x-www-form-urlencoded', form],
			['form-urlencoded with a JSON value', 'application/x-www-form-urlencoded', `payload=${encodeURIComponent('{"reference_id":"x","status":"FILLED"}')}`],
			['multipart/form-data', 'multipart/form-data; boundary=XBOUNDARY', multipart({ reference_id: '9f1c6a4e-0000-4000-8000-00000000f0f1', status: 'FILLED' })],
			['multipart with a JSON part', 'multipart/form-data; boundary=XBOUNDARY', multipart({ payload: '{"reference_id":"x","status":"FILLED"}' })],
			['broken multipart', 'multipart/form-data; boundary=XBOUNDARY', '--XBOUNDARY\r\nContent-Disposition: form-da'],
			['multipart without boundary', 'multipart/form-data', 'reference_id=x'],
			['no content type, form body', undefined, form],
			['no content type, xml body', undefined, xml],
			['application/octet-stream', 'application/octet-stream', '\u0000\u0001\u0002binary'],
			['image/png', 'image/png', '\u0089PNG\r\n\u001a\n'],
			['application/json with xml body', JSON_TYPE, xml],
			['garbage content type', 'this is not a type', form],
		];
		for (const [name, type, body] of types) {
			const headers: Record<string, string> = { 'API-Key': apiKey };
			if (type) headers['Content-Type'] = type;
			add('odd content types', name, { method: 'POST', headers, body });
		}
	}

	// --- API keys (a correct event body without a signature, so the key is the only credential). A correct key
	// padded with spaces or tabs is not here: HTTP strips that padding before any code sees the header, so it is the key.
	// Padding that changes the value (a short key padded to length, whitespace inside, a padded wrong key) is.
	{
		const event = freshEvent(apiKey, sequence++);
		const withKey = (key: string | string[] | undefined) => {
			const headers: Record<string, string | string[]> = { 'Content-Type': JSON_TYPE };
			if (key !== undefined) headers['API-Key'] = key;
			return { method: 'POST', headers, body: event.body };
		};
		const keys: Array<[string, string | string[] | undefined]> = [
			['missing', undefined],
			['empty', ''],
			['one character', 's'],
			['the first half', apiKey.slice(0, apiKey.length / 2)],
			['all but the last character', apiKey.slice(0, -1)],
			['the last character changed', `${apiKey.slice(0, -1)}${apiKey.endsWith('0') ? '1' : '0'}`],
			['the key plus one character', `${apiKey}0`],
			['upper-cased', apiKey.toUpperCase()],
			['reversed', [...apiKey].reverse().join('')],
			['wrong key of the same length', 'x'.repeat(apiKey.length)],
			['wrong key', 'wrong_key_0123456789'],
			['doubled: key, key', [apiKey, apiKey]],
			['doubled: wrong, key', ['wrong_key_0123456789', apiKey]],
			['doubled: key, wrong', [apiKey, 'wrong_key_0123456789']],
			['joined twice', `${apiKey}${apiKey}`],
			['comma-joined twice', `${apiKey},${apiKey}`],
			['the first half padded with spaces to full length', apiKey.slice(0, apiKey.length / 2).padEnd(apiKey.length, ' ')],
			['a space inside', `${apiKey.slice(0, 8)} ${apiKey.slice(8)}`],
			['a tab inside', `${apiKey.slice(0, 8)}\t${apiKey.slice(8)}`],
			['wrong key padded with spaces', '   wrong_key_0123456789   '],
			['spaces only', '      '],
			['Bearer prefix', `Bearer ${apiKey}`],
			['quoted', `"${apiKey}"`],
			['Latin-1 byte appended', `${apiKey}\u00e9`],
			['a signature value instead of the key', event.signature],
		];
		for (const [name, key] of keys) add('API keys', name, withKey(key));
		add('API keys', 'key sent as Authorization instead of API-Key', { method: 'POST', headers: { 'Content-Type': JSON_TYPE, Authorization: apiKey }, body: event.body });
		add('API keys', 'key sent as X-API-Key instead of API-Key', { method: 'POST', headers: { 'Content-Type': JSON_TYPE, 'X-API-Key': apiKey }, body: event.body });
		add('API keys', 'key in the query string', { method: 'POST', headers: { 'Content-Type': JSON_TYPE }, body: event.body, query: `?api_key=${encodeURIComponent(apiKey)}` });
		add('API keys', 'wrong key with a valid signature', { method: 'POST', headers: { 'Content-Type': JSON_TYPE, 'API-Key': 'wrong_key_0123456789', 'X-Payram-Signature': event.signature }, body: event.body });
		add('API keys', 'doubled key with a valid signature', { method: 'POST', headers: { 'Content-Type': JSON_TYPE, 'API-Key': [apiKey, apiKey], 'X-Payram-Signature': event.signature }, body: event.body });
	}

	// --- signatures (the right API key, so only the signature is wrong)
	{
		const event = freshEvent(apiKey, sequence++);
		const other = freshEvent(apiKey, sequence++);
		const hex = event.signature.slice('sha256='.length);
		const signatures: Array<[string, string | string[]]> = [
			['zeros', `sha256=${'0'.repeat(64)}`],
			['random hex', `sha256=${createHmac('sha256', 'random').update(randomUUID()).digest('hex')}`],
			['truncated to 63 hex digits', `sha256=${hex.slice(0, 63)}`],
			['truncated to 32 hex digits', `sha256=${hex.slice(0, 32)}`],
			['truncated to the prefix', 'sha256='],
			['one digit changed', `sha256=${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`],
			['one digit appended', `sha256=${hex}0`],
			['hex without the sha256= prefix', hex],
			['base64 instead of hex', `sha256=${Buffer.from(hex, 'hex').toString('base64')}`],
			['sha1= HMAC of the body', sha1Signature(apiKey, event.body)],
			['sha512= HMAC of the body', sha512Signature(apiKey, event.body)],
			['md5= prefix with the right hex', `md5=${hex}`],
			['plain SHA-256 of the body (no key)', `sha256=${createHmac('sha256', '').update(event.body).digest('hex')}`],
			['HMAC keyed with a wrong key', signatureFor('wrong_key_0123456789', event.body)],
			['HMAC of the empty body', signatureFor(apiKey, '')],
			['a valid signature of a different body', other.signature],
			['doubled: wrong, right', [`sha256=${'0'.repeat(64)}`, event.signature]],
			['doubled: right, right', [event.signature, event.signature]],
			['empty', ''],
			['spaces', '   '],
			['the API key itself', apiKey],
		];
		for (const [name, signature] of signatures) add('signatures', name, { method: 'POST', headers: signedHeaders(signature), body: event.body });
		const reserialised = JSON.stringify(JSON.parse(event.body), null, 1);
		add('signatures', 'valid signature, body re-serialised with whitespace', { method: 'POST', headers: signedHeaders(event.signature), body: reserialised });
		add('signatures', 'valid signature, one amount changed', { method: 'POST', headers: signedHeaders(event.signature), body: event.body.replace(/"amount":"[^"]*"/, '"amount":"4999.00"') });
		add('signatures', 'valid signature, status changed', { method: 'POST', headers: signedHeaders(event.signature), body: event.body.replace('"status":"FILLED"', '"status":"OVER_FILLED"') });
		add('signatures', 'valid signature, reference_id changed', { method: 'POST', headers: signedHeaders(event.signature), body: event.body.replace(event.referenceId, randomUUID()) });
		add('signatures', 'valid signature, a field appended', { method: 'POST', headers: signedHeaders(event.signature), body: event.body.replace(/}$/, ',"x":1}') });
		add('signatures', 'valid signature, trailing newline', { method: 'POST', headers: signedHeaders(event.signature), body: `${event.body}\n` });
		add('signatures', 'valid signature without the API-Key header, body changed', { method: 'POST', headers: { 'Content-Type': JSON_TYPE, 'X-Payram-Signature': event.signature }, body: event.body.replace('"status":"FILLED"', '"status":"OVER_FILLED"') });
		add('signatures', 'replay of an accepted delivery\'s signature on a new event', { method: 'POST', headers: signedHeaders(String(acceptedDeliveries[0]?.headers['X-Payram-Signature'] ?? event.signature)), body: event.body });
		// Require Signature: a key-only delivery, however correct, is refused.
		add('signatures', 'Require Signature: correct key-only POST', { method: 'POST', headers: keyed(), body: event.body }, { target: 'signedOnly' });
		add('signatures', 'Require Signature: correct key-only legacy GET', { method: 'GET', headers: keyed(), body: event.body }, { target: 'signedOnly' });
		add('signatures', 'Require Signature: empty signature', { method: 'POST', headers: signedHeaders(''), body: event.body }, { target: 'signedOnly' });
		add('signatures', 'Require Signature: sha1= signature', { method: 'POST', headers: signedHeaders(sha1Signature(apiKey, event.body)), body: event.body }, { target: 'signedOnly' });
	}

	// --- HTTP methods
	{
		const event = freshEvent(apiKey, sequence++);
		for (const method of ['PUT', 'DELETE', 'PATCH']) {
			add('methods', `${method} with a correctly signed event`, { method, headers: signedHeaders(event.signature), body: event.body });
			add('methods', `${method} without a body`, { method, headers: { 'API-Key': apiKey } });
		}
		add('methods', 'HEAD', { method: 'HEAD', headers: { 'API-Key': apiKey } });
		add('methods', 'OPTIONS', { method: 'OPTIONS', headers: {} }, { expect: 'preflight' });
		add('methods', 'OPTIONS as a CORS preflight', { method: 'OPTIONS', headers: { Origin: 'http://attacker.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'api-key,x-payram-signature' } }, { expect: 'preflight' });
		add('methods', 'GET without a body, valid key', { method: 'GET', headers: { 'API-Key': apiKey } });
		add('methods', 'GET with the event in the query string, valid key', { method: 'GET', headers: { 'API-Key': apiKey }, query: `?reference_id=${event.referenceId}&status=FILLED` });
		add('methods', 'GET with an event body, wrong key', { method: 'GET', headers: { 'Content-Type': JSON_TYPE, 'API-Key': 'wrong_key_0123456789' }, body: event.body });
		add('methods', 'GET with an event body, no key', { method: 'GET', headers: { 'Content-Type': JSON_TYPE }, body: event.body });
		add('methods', 'GET with an event body, bad signature', { method: 'GET', headers: signedHeaders(`sha256=${'0'.repeat(64)}`), body: event.body });
		add('methods', 'POST with an event in the query string only', { method: 'POST', headers: { 'API-Key': apiKey }, query: `?reference_id=${event.referenceId}&status=FILLED` });
	}

	// --- pings and replays: acknowledged with 200, nothing started
	{
		const ping = JSON.stringify({ event_type: 'payout.ping', timestamp: Math.floor(Date.now() / 1000) });
		add('pings and replays', 'dashboard ping, key only', { method: 'POST', headers: keyed({ 'X-Webhook-Test': 'true' }), body: ping }, { expect: 'ping' });
		add('pings and replays', 'dashboard ping, signed', { method: 'POST', headers: signedHeaders(signatureFor(apiKey, ping), { 'X-Webhook-Test': 'true' }), body: ping }, { expect: 'ping' });
		add('pings and replays', 'dashboard ping to Require Signature, key only', { method: 'POST', headers: keyed({ 'X-Webhook-Test': 'true' }), body: ping }, { expect: 'ping', target: 'signedOnly' });
		add('pings and replays', 'ping with a wrong key', { method: 'POST', headers: { 'Content-Type': JSON_TYPE, 'API-Key': 'wrong_key_0123456789', 'X-Webhook-Test': 'true' }, body: ping });
		add('pings and replays', 'ping without credentials', { method: 'POST', headers: { 'Content-Type': JSON_TYPE, 'X-Webhook-Test': 'true' }, body: ping });
		add('pings and replays', 'ping with a bad signature', { method: 'POST', headers: signedHeaders(`sha256=${'0'.repeat(64)}`, { 'X-Webhook-Test': 'true' }), body: ping });
		for (const [index, delivery] of acceptedDeliveries.slice(0, 20).entries()) {
			add('pings and replays', `byte-identical replay of accepted delivery #${index + 1}`, { ...delivery, headers: { ...delivery.headers } }, { expect: 'duplicate' });
		}
	}
	return cases;
}
