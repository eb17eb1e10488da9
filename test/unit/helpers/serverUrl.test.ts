import { Workflow } from 'n8n-workflow';
import type { IDataObject, INode, INodeType, INodeTypes, IWorkflowDataProxyAdditionalKeys } from 'n8n-workflow';

import { CREDENTIAL_BASE_URL_EXPRESSION, normaliseServerUrl, serverUrlProblem } from '../../../nodes/PayRam/helpers/serverUrl';

describe('normaliseServerUrl', () => {
	it.each([
		['trims surrounding spaces and a trailing slash', '  https://pay.example.com/ ', 'https://pay.example.com'],
		['adds https:// to a bare host name', 'pay.example.com', 'https://pay.example.com'],
		['adds https:// to a bare host with a port', 'pay.example.com:8443', 'https://pay.example.com:8443'],
		['adds https:// to localhost with a port (no "://" means no scheme)', 'localhost:8080', 'https://localhost:8080'],
		['removes a pasted /api/v1', 'https://pay.example.com/api/v1', 'https://pay.example.com'],
		['removes a pasted /api/v1/', 'https://pay.example.com/api/v1/', 'https://pay.example.com'],
		['removes a pasted endpoint path after /api/v1', 'https://pay.example.com/api/v1/payment', 'https://pay.example.com'],
		[
			'removes a pasted deep endpoint path after /api/v1',
			'https://pay.example.com/api/v1/withdrawal/42/merchant',
			'https://pay.example.com',
		],
		['removes a pasted bare /api', 'https://pay.example.com/api', 'https://pay.example.com'],
		['removes a pasted /api/', 'https://pay.example.com/api/', 'https://pay.example.com'],
		['removes every trailing slash after a port', 'https://pay.example.com:8443///', 'https://pay.example.com:8443'],
		['keeps a plain http URL unchanged (insecure is judged by serverUrlProblem)', 'http://10.0.0.5:8080', 'http://10.0.0.5:8080'],
		[
			'removes /API/V1/ case-insensitively and keeps the case of scheme and host',
			'HTTPS://Pay.Example.com/API/V1/',
			'HTTPS://Pay.Example.com',
		],
		['drops a query string and fragment', 'https://pay.example.com/?x=1#y', 'https://pay.example.com'],
		['drops a query string and fragment after /api/v1', 'https://pay.example.com/api/v1?x=1#y', 'https://pay.example.com'],
		['drops a fragment that contains a slash', 'https://pay.example.com#frag/', 'https://pay.example.com'],
		['keeps a sub-path the server is mounted under', 'https://pay.example.com/payram/api/v1/', 'https://pay.example.com/payram'],
		['keeps a path that only starts like /api (/apiv1)', 'https://pay.example.com/apiv1', 'https://pay.example.com/apiv1'],
		['keeps another API version (/api/v10)', 'https://pay.example.com/api/v10', 'https://pay.example.com/api/v10'],
		['keeps a non-http scheme for serverUrlProblem to reject', 'ftp://pay.example.com/', 'ftp://pay.example.com'],
		['trims tabs and newlines', '\thttps://pay.example.com\n', 'https://pay.example.com'],
		['keeps an IPv6 host', '[::1]:8080', 'https://[::1]:8080'],
		['returns an empty string for an empty value', '', ''],
		['returns an empty string for spaces only', '   ', ''],
	])('%s', (_behaviour, raw, expected) => {
		expect(normaliseServerUrl(raw)).toBe(expected);
	});

	it('returns an empty string for undefined and null (a credential saved without a URL)', () => {
		expect(normaliseServerUrl(undefined as unknown as string)).toBe('');
		expect(normaliseServerUrl(null as unknown as string)).toBe('');
	});

	it('is idempotent: cleaning a cleaned URL changes nothing', () => {
		for (const raw of ['pay.example.com/api/v1/payment?x=1', 'HTTPS://Pay.Example.com/API/V1/', 'https://pay.example.com:8443///']) {
			const once = normaliseServerUrl(raw);
			expect(normaliseServerUrl(once)).toBe(once);
		}
	});
});

describe('serverUrlProblem', () => {
	it('says the credential has no Server URL when the URL is empty', () => {
		expect(serverUrlProblem('', false)).toBe('The PayRam credential has no Server URL');
		expect(serverUrlProblem('', true)).toBe('The PayRam credential has no Server URL');
	});

	it('accepts an https URL whether or not insecure connections are allowed', () => {
		expect(serverUrlProblem('https://pay.example.com', false)).toBeUndefined();
		expect(serverUrlProblem('https://pay.example.com:8443', true)).toBeUndefined();
	});

	it('accepts an upper-case HTTPS scheme', () => {
		expect(serverUrlProblem('HTTPS://Pay.Example.com', false)).toBeUndefined();
	});

	it('accepts plain http when insecure connections are allowed', () => {
		expect(serverUrlProblem('http://10.0.0.5:8080', true)).toBeUndefined();
	});

	it('rejects plain http when insecure connections are not allowed, naming the URL and the switch', () => {
		expect(serverUrlProblem('http://10.0.0.5:8080', false)).toBe(
			'The Server URL uses plain http (http://10.0.0.5:8080). Use https, or turn on "Allow Insecure Connection" in the PayRam credential for a legacy server',
		);
	});

	it('rejects an upper-case HTTP scheme when insecure connections are not allowed', () => {
		expect(serverUrlProblem('HTTP://10.0.0.5:8080', false)).toBe(
			'The Server URL uses plain http (HTTP://10.0.0.5:8080). Use https, or turn on "Allow Insecure Connection" in the PayRam credential for a legacy server',
		);
	});

	it('rejects a scheme other than http or https even when insecure connections are allowed', () => {
		expect(serverUrlProblem('ftp://pay.example.com', true)).toBe(
			'The Server URL must start with https:// (got ftp://)',
		);
	});

	it('rejects a value that is not a URL', () => {
		expect(serverUrlProblem('https:', false)).toBe('The Server URL "https:" is not a valid URL');
		expect(serverUrlProblem('https://pay example.com', false)).toBe(
			'The Server URL "https://pay example.com" is not a valid URL',
		);
		expect(serverUrlProblem('https://pay.example.com:99999', false)).toBe(
			'The Server URL "https://pay.example.com:99999" is not a valid URL',
		);
	});

	it('accepts what normaliseServerUrl makes of a bare host name', () => {
		expect(serverUrlProblem(normaliseServerUrl('pay.example.com/api/v1/'), false)).toBeUndefined();
	});
});

describe('the credential test URL (CREDENTIAL_BASE_URL_EXPRESSION, generated from normaliseServerUrl)', () => {
	const dummy: INodeType = {
		description: {
			displayName: 'Dummy',
			name: 'dummy',
			group: ['transform'],
			version: 1,
			description: 'Dummy node for expression tests',
			defaults: { name: 'Dummy' },
			inputs: [],
			outputs: [],
			properties: [],
		},
	};
	const nodeTypes = { getByName: () => dummy, getByNameAndVersion: () => dummy, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const node: INode = { id: 'n', name: 'Dummy', type: 'test.dummy', typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: false, nodeTypes });
	const evaluate = (credentials: IDataObject) =>
		workflow.expression.getSimpleParameterValue(node, CREDENTIAL_BASE_URL_EXPRESSION, 'internal', {
			$credentials: credentials,
		} as unknown as IWorkflowDataProxyAdditionalKeys);

	it.each([
		['  https://pay.example.com/api/v1/payment?x=1 ', false, 'https://pay.example.com'],
		['pay.example.com:8443///', false, 'https://pay.example.com:8443'],
		['http://10.0.0.5:8080', true, 'http://10.0.0.5:8080'],
		['HTTP://10.0.0.5:8080/api', true, 'HTTP://10.0.0.5:8080'],
		['', false, ''],
	])('is the nodes\' URL for %p (Allow Insecure Connection %p) in n8n\'s expression engine', (url, allowInsecure, expected) => {
		expect(evaluate({ url, allowInsecure })).toBe(expected);
		expect(normaliseServerUrl(url)).toBe(expected);
		expect(serverUrlProblem(expected, allowInsecure)).toBe(expected === '' ? 'The PayRam credential has no Server URL' : undefined);
	});

	it.each([
		['http://10.0.0.5:8080', false],
		['HTTP://pay.example.com', false],
		['http://10.0.0.5:8080', undefined],
	])('gives no URL to request for %p (Allow Insecure Connection %p), which the nodes refuse too', (url, allowInsecure) => {
		expect(evaluate({ url, allowInsecure })).toBe('');
		expect(serverUrlProblem(normaliseServerUrl(url), allowInsecure === true)).toMatch(/plain http.*Allow Insecure Connection/);
	});
});
