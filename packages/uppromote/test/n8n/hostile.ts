// A generated corpus of hostile requests to the UpPromote Trigger's event URLs, none of which may start a workflow.
import { createHash, createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import type { LoadRequest } from '../../../../testing/n8n/load';
import type { HostileRequest } from '../../../../testing/n8n/trigger-reliability';
import { signatureFor, WEBHOOK_EVENTS, type WebhookEvent } from '../simulator/server';

export interface CorpusInput {
	/** Each subscribed event's secret_key. */
	secrets: Record<string, string>;
	apiKey: string;
	/** A valid body per event (what UpPromote would send), not yet delivered. */
	bodies: Record<WebhookEvent, string>;
	/** Byte-identical copies of deliveries the trigger accepted, with their event. */
	accepted: Array<{ event: WebhookEvent; request: LoadRequest }>;
}

const SIGNATURE = 'X-UpPromote-Signature';
const JSON_TYPE = { 'Content-Type': 'application/json' };
const MB = 1024 * 1024;

export function pathOf(event: string): string {
	return `uppromote/${event.replace('.', '-')}`;
}

export function hostileCorpus({ secrets, apiKey, bodies, accepted }: CorpusInput): HostileRequest[] {
	const cases: HostileRequest[] = [];
	const add = (category: string, name: string, event: string, request: LoadRequest, options: Partial<Pick<HostileRequest, 'expect' | 'n8nAnswers' | 'path'>> = {}) =>
		cases.push({ category, name, path: options.path ?? pathOf(event), request, expect: options.expect ?? 'refused', n8nAnswers: options.n8nAnswers });
	const post = (body: string | Buffer, headers: Record<string, string | string[]> = {}): LoadRequest => ({ method: 'POST', headers: { ...JSON_TYPE, ...headers }, body });
	const signed = (event: WebhookEvent, body: string | Buffer, extra: Record<string, string | string[]> = {}) => post(body, { [SIGNATURE]: signatureFor(secrets[event], body), ...extra });
	const event: WebhookEvent = 'referral.new';
	const body = bodies[event];
	const right = signatureFor(secrets[event], body);

	// --- unsigned: a valid body of every event without a signature
	for (const each of WEBHOOK_EVENTS) add('unsigned', `${each}, no signature`, each, post(bodies[each]));
	add('unsigned', 'empty signature header', event, post(body, { [SIGNATURE]: '' }));
	add('unsigned', 'blank signature header', event, post(body, { [SIGNATURE]: '   ' }));
	add('unsigned', 'signature in the query string', event, { ...post(body), query: `?signature=${right}` });

	// --- forged signatures (the right body and path)
	const forged: Array<[string, string | string[]]> = [
		['zeros', '0'.repeat(64)],
		['random hex', createHash('sha256').update('forged').digest('hex')],
		['one digit changed', `${right.slice(0, -1)}${right.endsWith('0') ? '1' : '0'}`],
		['truncated to 63 digits', right.slice(0, 63)],
		['truncated to 32 digits', right.slice(0, 32)],
		['one digit appended', `${right}0`],
		['sha256= prefix', `sha256=${right}`],
		['base64 of the right digest', Buffer.from(right, 'hex').toString('base64')],
		['HMAC-SHA1 with the secret', createHmac('sha1', secrets[event]).update(body).digest('hex')],
		['HMAC-SHA512 with the secret', createHmac('sha512', secrets[event]).update(body).digest('hex')],
		['plain SHA-256 of the body', createHash('sha256').update(body).digest('hex')],
		['HMAC keyed with an empty secret', signatureFor('', body)],
		['HMAC of the empty body', signatureFor(secrets[event], '')],
		['HMAC of the body with a trailing newline', signatureFor(secrets[event], `${body}\n`)],
		['the secret itself', secrets[event]],
		['the API key itself', apiKey],
		['doubled: wrong, right', ['0'.repeat(64), right]],
		['doubled: right, right', [right, right]],
		['right, then a comma', `${right},`],
		['non-hex characters', 'z'.repeat(64)],
	];
	for (const [name, signature] of forged) add('forged signatures', name, event, post(body, { [SIGNATURE]: signature }));

	// --- the right body, signed with a wrong secret (replays re-signed by someone without this event's secret)
	for (const other of WEBHOOK_EVENTS.filter((each) => each !== event)) {
		add('wrong secret', `signed with ${other}'s secret`, event, signed(other, body));
	}
	add('wrong secret', 'signed with the API key', event, post(body, { [SIGNATURE]: signatureFor(apiKey, body) }));
	add('wrong secret', "signed with UpPromote's documented test secret", event, post(body, { [SIGNATURE]: signatureFor('uppromote-test-secret-key', body) }));
	add('wrong secret', 'signed with the secret in upper case', event, post(body, { [SIGNATURE]: signatureFor(secrets[event].toUpperCase(), body) }));
	add('wrong secret', 'signed with the secret and a trailing space', event, post(body, { [SIGNATURE]: signatureFor(`${secrets[event]} `, body) }));

	// --- wrong event path: a correctly signed referral.new delivery sent to another event's URL, or to no event's
	for (const other of WEBHOOK_EVENTS.filter((each) => each !== event)) add('wrong event path', `to ${other}`, other, post(body, { [SIGNATURE]: right }));
	for (const path of ['uppromote/referral-created', 'uppromote', 'uppromote/referral-new/extra', 'uppromote/REFERRAL-NEW', 'uppromote/referral.new', 'payram']) {
		add('wrong event path', `to ${path}`, event, post(body, { [SIGNATURE]: right }), { path });
	}

	// --- malformed bodies, each correctly signed for its path: only the body is wrong
	const malformed: Array<[string, string | Buffer]> = [
		...[0.1, 0.3, 0.5, 0.7, 0.9, 0.99].map((fraction): [string, string] => [`truncated at ${fraction * 100}%`, body.slice(0, Math.floor(body.length * fraction))]),
		['trailing garbage', `${body}xyz`],
		['two objects', `${body}${body}`],
		['bare null', 'null'],
		['bare array', '[]'],
		['array of the event', `[${body}]`],
		['bare string', '"referral.new"'],
		['bare number', '880001'],
		['empty object', '{}'],
		['whitespace only', '  \n '],
		['single quotes', body.replace(/"/g, "'")],
		['NaN amount', body.replace(/"total_sales":"[^"]*"/, '"total_sales":NaN')],
		['id is an object', body.replace(/^\{"id":\d+/, '{"id":{"$ne":null}')],
		['id is an array', body.replace(/^\{"id":\d+/, '{"id":[1,2]')],
		['id is true', body.replace(/^\{"id":\d+/, '{"id":true')],
		['id is null', body.replace(/^\{"id":\d+/, '{"id":null')],
		['no id', body.replace(/^\{"id":\d+,/, '{')],
		['UTF-8 BOM first', `\ufeff${body}`],
		['UTF-16LE', Buffer.from(body, 'utf16le')],
		['invalid UTF-8 inside a string', Buffer.concat([Buffer.from(body.slice(0, -2)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])],
		['Latin-1 byte outside any string', Buffer.concat([Buffer.from('{"id":1,'), Buffer.from([0xe9]), Buffer.from('"status":"pending"}')])],
	];
	for (const [name, text] of malformed) {
		add('malformed bodies', `${name} (application/json)`, event, signed(event, text));
		add('malformed bodies', `${name} (text/plain)`, event, signed(event, text, { 'Content-Type': 'text/plain' }));
	}

	// --- duplicate keys: one body, two readings; refused even when correctly signed
	const duplicates: Array<[WebhookEvent, string]> = [
		['referral.new', body.replace(/^\{"id":(\d+)/, '{"id":$1,"id":999999')],
		['referral.new', body.replace(/"status":"([a-z]+)"/, '"status":"$1","status":"approved"')],
		['referral.new', body.replace(/"total_sales":"([^"]*)"/, '"total_sales":"$1","total_sales":"99999.00"')],
		['referral.status-changed', '{"referral_id":880001,"previous_status":"pending","current_status":"approved","current_status":"denied"}'],
		['affiliate.status-changed', '{"affiliate_id":2029238,"affiliate_id":2014227,"previous_status":"pending","current_status":"active"}'],
		['payment.paid', bodies['payment.paid'].replace(/^\{"payment_id":(\d+)/, '{"payment_id":$1,"payment_id":1')],
	];
	for (const [each, text] of duplicates) add('duplicate keys', `${each}: ${/"(\w+)":[^,]*,"\1"/.exec(text)?.[1] ?? 'a key'} twice`, each, signed(each, text));

	// --- oversized bodies
	const padded = `${body.slice(0, -1)},"padding":"${'x'.repeat(MB)}"}`;
	add('oversized', '1 MB event, forged signature', event, post(padded, { [SIGNATURE]: '0'.repeat(64) }));
	add('oversized', '1 MB event, unsigned', event, post(padded));
	add('oversized', '1 MB of JSON numbers, signed', event, signed(event, `[${'1,'.repeat(MB / 2)}1]`));
	add('oversized', 'nesting to depth 100,000, signed', event, signed(event, `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`));
	// n8n refuses bodies over its 16 MiB limit while reading them, before the trigger runs.
	add('oversized', '20 MB, forged signature', event, post(Buffer.alloc(20 * MB, 0x61), { [SIGNATURE]: right }), { n8nAnswers: [413, 500] });
	add('oversized', '20 MB, unsigned', event, post(Buffer.alloc(20 * MB, 0x61)), { n8nAnswers: [413, 500] });

	// --- methods other than POST, with the correctly signed event
	for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) add('wrong methods', `${method}, signed`, event, { method, headers: { ...JSON_TYPE, [SIGNATURE]: right }, body });
	add('wrong methods', 'GET without a body', event, { method: 'GET', headers: {} });
	add('wrong methods', 'HEAD', event, { method: 'HEAD', headers: {} });
	add('wrong methods', 'OPTIONS', event, { method: 'OPTIONS', headers: {} }, { expect: 'preflight' });
	add('wrong methods', 'OPTIONS as a CORS preflight', event, { method: 'OPTIONS', headers: { Origin: 'http://attacker.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-uppromote-signature' } }, { expect: 'preflight' });

	// --- header tricks
	add('header tricks', 'signature under X-Signature', event, post(body, { 'X-Signature': right }));
	add('header tricks', 'signature under X-UpPromote-Signature-256', event, post(body, { 'X-UpPromote-Signature-256': right }));
	add('header tricks', 'signature as Authorization', event, post(body, { Authorization: right }));
	add('header tricks', 'the API key as Authorization, unsigned', event, post(body, { Authorization: apiKey }));
	add('header tricks', 'X-HTTP-Method-Override with a forged signature', event, post(body, { [SIGNATURE]: '0'.repeat(64), 'X-HTTP-Method-Override': 'GET' }));
	add('header tricks', 'X-Forwarded-For UpPromote, unsigned', event, post(body, { 'X-Forwarded-For': '35.0.0.1', 'User-Agent': 'UpPromote-Webhook/2.0' }));
	add('header tricks', 'form-urlencoded body, right signature of the JSON', event, post(`payload=${encodeURIComponent(body)}`, { 'Content-Type': 'application/x-www-form-urlencoded', [SIGNATURE]: right }));
	add('header tricks', 'multipart body, right signature of the JSON', event, post(`--B\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${body}\r\n--B--\r\n`, { 'Content-Type': 'multipart/form-data; boundary=B', [SIGNATURE]: right }));
	// A Content-Encoding the body does not have: n8n fails to inflate it while reading, before the trigger runs.
	add('header tricks', 'Content-Encoding gzip on a plain body', event, post(body, { [SIGNATURE]: right, 'Content-Encoding': 'gzip' }), { n8nAnswers: [415, 500] });
	add('header tricks', 'gzip body, signature of the plain body', event, post(gzipSync(body), { [SIGNATURE]: right }));

	// --- replays: byte-identical copies of accepted deliveries are acknowledged as duplicates and start nothing
	for (const [index, replay] of accepted.entries()) {
		add('replays', `byte-identical replay #${index + 1} (${replay.event})`, replay.event, { ...replay.request, headers: { ...replay.request.headers } }, { expect: 'duplicate' });
	}
	// The validation ping: empty and unsigned, answered 200, nothing starts.
	add('replays', 'validation ping', event, post(''), { expect: 'ping' });
	return cases;
}
