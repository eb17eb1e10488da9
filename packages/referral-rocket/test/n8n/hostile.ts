// A generated corpus of hostile requests to the Referral Rocket Trigger's URL, none of which may start a workflow.
import { createHash, createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import type { LoadRequest } from '../../../../testing/n8n/load';
import type { HostileRequest } from '../../../../testing/n8n/trigger-reliability';
import { newWebhookSecret, signatureFor, SIGNATURE_HEADER } from '../simulator/webhooks';

export interface CorpusInput {
	/** The reliability trigger's credential secret (32 hex digits) and the whsec_ credential's. */
	secrets: { hex: string; whsec: string };
	/** The trigger of the whsec_ credential, where the empty-key attack is real. */
	whsecWebhookId: string;
	/** A valid envelope per event type (what Referral Rocket would send), not yet delivered. */
	bodies: Record<string, string>;
	/** Byte-identical copies of deliveries the trigger accepted. */
	accepted: LoadRequest[];
	/** Accepted deliveries as Referral Rocket retries them: createdAt stamped again, signed again. */
	restamped: LoadRequest[];
}

const PATH = 'referral-rocket';
const JSON_TYPE = { 'Content-Type': 'application/json' };
const MB = 1024 * 1024;

export function hostileCorpus({ secrets, whsecWebhookId, bodies, accepted, restamped }: CorpusInput): HostileRequest[] {
	const cases: HostileRequest[] = [];
	const add = (category: string, name: string, request: LoadRequest, options: Partial<Pick<HostileRequest, 'expect' | 'n8nAnswers' | 'path' | 'webhookId'>> = {}) =>
		cases.push({ category, name, path: options.path ?? PATH, request, expect: options.expect ?? 'refused', n8nAnswers: options.n8nAnswers, webhookId: options.webhookId });
	const post = (body: string | Buffer, headers: Record<string, string | string[]> = {}): LoadRequest => ({ method: 'POST', headers: { ...JSON_TYPE, ...headers }, body });
	const signed = (body: string | Buffer, extra: Record<string, string | string[]> = {}) => post(body, { [SIGNATURE_HEADER]: signatureFor(secrets.hex, body), ...extra });
	const body = bodies.referrer_added;
	const right = signatureFor(secrets.hex, body);
	const withKey = (key: Buffer, text: string | Buffer = body) => createHmac('sha256', key).update(text).digest('hex');

	// --- unsigned: a valid body of every event type without a signature
	for (const [eventType, each] of Object.entries(bodies)) add('unsigned', `${eventType}, no signature`, post(each));
	add('unsigned', 'empty signature header', post(body, { [SIGNATURE_HEADER]: '' }));
	add('unsigned', 'blank signature header', post(body, { [SIGNATURE_HEADER]: '   ' }));
	add('unsigned', 'signature in the query string', { ...post(body), query: `?signature=${right}` });
	add('unsigned', 'unsigned, whsec_ trigger', post(body), { webhookId: whsecWebhookId });

	// --- forged signatures (the right body)
	const forged: Array<[string, string | string[]]> = [
		['zeros', '0'.repeat(64)],
		['random hex', createHash('sha256').update('forged').digest('hex')],
		['one digit changed', `${right.slice(0, -1)}${right.endsWith('0') ? '1' : '0'}`],
		['truncated to 63 digits', right.slice(0, 63)],
		['truncated to 32 digits', right.slice(0, 32)],
		['one digit appended', `${right}0`],
		['sha256= prefix', `sha256=${right}`],
		['base64 of the right digest', Buffer.from(right, 'hex').toString('base64')],
		['HMAC-SHA1 with the secret', createHmac('sha1', secrets.hex).update(body).digest('hex')],
		['HMAC-SHA512 with the secret', createHmac('sha512', secrets.hex).update(body).digest('hex')],
		['plain SHA-256 of the body', createHash('sha256').update(body).digest('hex')],
		['HMAC of the empty body', signatureFor(secrets.hex, '')],
		['HMAC of the body with a trailing newline', signatureFor(secrets.hex, `${body}\n`)],
		['HMAC of another event type', signatureFor(secrets.hex, bodies.reward_unlocked)],
		['the secret itself', secrets.hex],
		['doubled: wrong, right', ['0'.repeat(64), right]],
		['doubled: right, right', [right, right]],
		['right, then a comma', `${right},`],
		['non-hex characters', 'z'.repeat(64)],
		['the signature of the hex reading of another secret', signatureFor(newWebhookSecret(), body, 'hex')],
	];
	for (const [name, signature] of forged) add('forged signatures', name, post(body, { [SIGNATURE_HEADER]: signature }));

	// --- the right body, signed with a key that is not the secret's
	add('wrong secret', 'another hex secret, UTF-8 reading', post(body, { [SIGNATURE_HEADER]: signatureFor(newWebhookSecret(), body) }));
	add('wrong secret', "the whsec_ credential's secret", post(body, { [SIGNATURE_HEADER]: signatureFor(secrets.whsec, body) }));
	add('wrong secret', 'the secret in upper case, UTF-8 reading', post(body, { [SIGNATURE_HEADER]: signatureFor(secrets.hex.toUpperCase(), body) }));
	add('wrong secret', 'the secret with a trailing space', post(body, { [SIGNATURE_HEADER]: signatureFor(`${secrets.hex} `, body) }));
	add('wrong secret', 'half the secret', post(body, { [SIGNATURE_HEADER]: signatureFor(secrets.hex.slice(0, 16), body) }));
	add('wrong secret', 'the secret reversed', post(body, { [SIGNATURE_HEADER]: signatureFor([...secrets.hex].reverse().join(''), body) }));
	add('wrong secret', 'the hex trigger signed for the whsec_ one', post(body, { [SIGNATURE_HEADER]: right }), { webhookId: whsecWebhookId });

	// --- empty and partial keys: what a lenient hex decoder makes of a secret that is not whole hex
	for (const [eventType, each] of Object.entries(bodies)) {
		add('empty or partial key', `${eventType}, empty key, whsec_ trigger`, post(each, { [SIGNATURE_HEADER]: withKey(Buffer.alloc(0), each) }), { webhookId: whsecWebhookId });
	}
	add('empty or partial key', 'the whsec_ secret hex-decoded, whsec_ trigger', post(body, { [SIGNATURE_HEADER]: signatureFor(secrets.whsec, body, 'hex') }), { webhookId: whsecWebhookId });
	add('empty or partial key', 'empty key, hex trigger', post(body, { [SIGNATURE_HEADER]: withKey(Buffer.alloc(0)) }));
	add('empty or partial key', 'the secret cut to 31 digits, hex-decoded', post(body, { [SIGNATURE_HEADER]: withKey(Buffer.from(secrets.hex.slice(0, 31), 'hex')) }));
	add('empty or partial key', 'the first byte of the secret, hex-decoded', post(body, { [SIGNATURE_HEADER]: withKey(Buffer.from(secrets.hex.slice(0, 2), 'hex')) }));

	// --- wrong paths: a correctly signed delivery sent where no trigger listens
	for (const path of ['referral-rocket/extra', 'referral-rockets', 'REFERRAL-ROCKET', 'referral_rocket', 'uppromote/referral-new', 'payram']) {
		add('wrong paths', `to ${path}`, post(body, { [SIGNATURE_HEADER]: right }), { path });
	}

	// --- malformed bodies, each correctly signed: only the body is wrong
	const malformed: Array<[string, string | Buffer]> = [
		...[0.1, 0.3, 0.5, 0.7, 0.9, 0.99].map((fraction): [string, string] => [`truncated at ${fraction * 100}%`, body.slice(0, Math.floor(body.length * fraction))]),
		['trailing garbage', `${body}xyz`],
		['two objects', `${body}${body}`],
		['bare null', 'null'],
		['bare array', '[]'],
		['array of the event', `[${body}]`],
		['bare string', '"referrer_added"'],
		['bare number', '384'],
		['empty object', '{}'],
		['whitespace only', '  \n '],
		['single quotes', body.replace(/"/g, "'")],
		['NaN amount', body.replace(/"rewardDue":[^,}]*/, '"rewardDue":NaN')],
		['no eventType', body.replace(/^\{"eventType":"[a-z_]+",/, '{')],
		['eventType is a number', body.replace(/^\{"eventType":"[a-z_]+"/, '{"eventType":7')],
		['eventType is blank', body.replace(/^\{"eventType":"[a-z_]+"/, '{"eventType":"  "')],
		['data is a string', body.replace(/"data":\{.*\},"createdAt"/, '"data":"x","createdAt"')],
		['data is an array', body.replace(/"data":\{.*\},"createdAt"/, '"data":[1],"createdAt"')],
		['data is null', body.replace(/"data":\{.*\},"createdAt"/, '"data":null,"createdAt"')],
		['UTF-8 BOM first', `\ufeff${body}`],
		['UTF-16LE', Buffer.from(body, 'utf16le')],
		['invalid UTF-8 inside a string', Buffer.concat([Buffer.from(body.slice(0, -2)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])],
		['Latin-1 byte outside any string', Buffer.concat([Buffer.from('{"eventType":"referrer_added",'), Buffer.from([0xe9]), Buffer.from('"data":{}}')])],
	];
	for (const [name, text] of malformed) {
		add('malformed bodies', `${name} (application/json)`, signed(text));
		add('malformed bodies', `${name} (text/plain)`, signed(text, { 'Content-Type': 'text/plain' }));
	}

	// --- duplicate keys: one body, two readings; refused even when correctly signed
	const duplicates: Array<[string, string]> = [
		['eventType', body.replace(/^\{"eventType":"([a-z_]+)"/, '{"eventType":"$1","eventType":"reward_unlocked"')],
		['participantId', body.replace(/"participantId":(\d+)/, '"participantId":$1,"participantId":1')],
		['email', body.replace(/"email":"([^"]*)"/, '"email":"$1","email":"attacker@example.com"')],
		['rewardDue', body.replace(/"rewardDue":([^,}]*)/, '"rewardDue":$1,"rewardDue":99999')],
		['createdAt', body.replace(/"createdAt":(\d+)/, '"createdAt":$1,"createdAt":1')],
	];
	for (const [key, text] of duplicates) add('duplicate keys', `${key} twice`, signed(text));

	// --- oversized bodies
	const padded = `${body.slice(0, -1)},"padding":"${'x'.repeat(MB)}"}`;
	add('oversized', '1 MB event, forged signature', post(padded, { [SIGNATURE_HEADER]: '0'.repeat(64) }));
	add('oversized', '1 MB event, unsigned', post(padded));
	add('oversized', '1 MB of JSON numbers, signed', signed(`[${'1,'.repeat(MB / 2)}1]`));
	add('oversized', 'nesting to depth 100,000, signed', signed(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`));
	// n8n refuses bodies over its 16 MiB limit while reading them, before the trigger runs.
	add('oversized', '20 MB, forged signature', post(Buffer.alloc(20 * MB, 0x61), { [SIGNATURE_HEADER]: right }), { n8nAnswers: [413, 500] });
	add('oversized', '20 MB, unsigned', post(Buffer.alloc(20 * MB, 0x61)), { n8nAnswers: [413, 500] });

	// --- methods other than POST, with the correctly signed event
	for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) add('wrong methods', `${method}, signed`, { method, headers: { ...JSON_TYPE, [SIGNATURE_HEADER]: right }, body });
	add('wrong methods', 'GET without a body', { method: 'GET', headers: {} });
	add('wrong methods', 'HEAD', { method: 'HEAD', headers: {} });
	add('wrong methods', 'OPTIONS', { method: 'OPTIONS', headers: {} }, { expect: 'preflight' });
	add('wrong methods', 'OPTIONS as a CORS preflight', { method: 'OPTIONS', headers: { Origin: 'http://attacker.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-rr-signature' } }, { expect: 'preflight' });

	// --- header tricks
	add('header tricks', 'signature under X-Signature', post(body, { 'X-Signature': right }));
	add('header tricks', 'signature under X-RR-Signature-256', post(body, { 'X-RR-Signature-256': right }));
	add('header tricks', 'signature as Authorization', post(body, { Authorization: right }));
	add('header tricks', 'X-HTTP-Method-Override with a forged signature', post(body, { [SIGNATURE_HEADER]: '0'.repeat(64), 'X-HTTP-Method-Override': 'GET' }));
	add('header tricks', 'Referral Rocket user agent, unsigned', post(body, { 'X-Forwarded-For': '35.0.0.1', 'User-Agent': 'ReferralRocket-Webhook/1.0' }));
	add('header tricks', 'form-urlencoded body, right signature of the JSON', post(`payload=${encodeURIComponent(body)}`, { 'Content-Type': 'application/x-www-form-urlencoded', [SIGNATURE_HEADER]: right }));
	add('header tricks', 'multipart body, right signature of the JSON', post(`--B\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${body}\r\n--B--\r\n`, { 'Content-Type': 'multipart/form-data; boundary=B', [SIGNATURE_HEADER]: right }));
	// A Content-Encoding the body does not have: n8n fails to inflate it while reading, before the trigger runs.
	add('header tricks', 'Content-Encoding gzip on a plain body', post(body, { [SIGNATURE_HEADER]: right, 'Content-Encoding': 'gzip' }), { n8nAnswers: [415, 500] });
	add('header tricks', 'gzip body, signature of the plain body', post(gzipSync(body), { [SIGNATURE_HEADER]: right }));

	// --- replays, with Skip Duplicate Events on: acknowledged as duplicates, nothing starts
	for (const [index, replay] of accepted.entries()) add('replays', `byte-identical replay #${index + 1}`, { ...replay, headers: { ...replay.headers } }, { expect: 'duplicate' });
	for (const [index, replay] of restamped.entries()) add('replays', `retry with createdAt stamped again #${index + 1}`, replay, { expect: 'duplicate' });
	return cases;
}
