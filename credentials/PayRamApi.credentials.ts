import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { CREDENTIAL_BASE_URL_EXPRESSION } from '../nodes/PayRam/helpers/serverUrl';

export class PayRamApi implements ICredentialType {
	name = 'payRamApi';

	displayName = 'PayRam API';

	icon: Icon = { light: 'file:../nodes/PayRam/payram.svg', dark: 'file:../nodes/PayRam/payram.dark.svg' };

	documentationUrl = 'https://docs.payram.com/api-integration/project-api-keys';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://payram.example.com',
			description:
				'Address of your PayRam server, as your customers reach it. A pasted /api/v1 or trailing slash is removed; plain http:// needs Allow Insecure Connection.',
		},
		{
			displayName: 'Project API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key of your PayRam project (PayRam dashboard → Project → API Keys)',
		},
		{
			displayName: 'Allow Insecure Connection',
			name: 'allowInsecure',
			type: 'boolean',
			default: false,
			description:
				'Whether to allow a legacy server on plain http:// or with a self-signed certificate (e.g. on port 8443). Only for servers you control.',
		},
		{
			displayName:
				'Plain http:// is refused: neither the nodes nor the connection test send your key over it. Use https://, or turn on Allow Insecure Connection for a legacy server you control.',
			name: 'plainHttpNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { url: [{ _cnd: { startsWith: 'http://' } }], allowInsecure: [false] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'API-Key': '={{$credentials.apiKey}}',
			},
		},
	};

	// Listing one payout reads nothing sensitive and answers 2xx only when PayRam accepts the key.
	test: ICredentialTestRequest = {
		request: {
			// The nodes' own URL rule, generated from their function: plain http is refused unless Allow Insecure Connection.
			baseURL: CREDENTIAL_BASE_URL_EXPRESSION,
			url: '/api/v1/withdrawal/merchant',
			method: 'GET',
			qs: { limit: 1 },
			skipSslCertificateValidation: '={{ $credentials.allowInsecure }}' as unknown as boolean,
			timeout: 15000,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'PayRam rejected the Project API Key. Copy it again from Project → API Keys in the PayRam dashboard.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'PayRam refused this Project API Key (403). Check that the key belongs to an active project.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No PayRam API answered at this Server URL (404). Use the address of your PayRam server, e.g. https://payram.example.com.',
				},
			},
		],
	};
}
