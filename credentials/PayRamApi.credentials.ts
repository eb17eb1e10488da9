import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** The server URL as the merchant typed it, cleaned the same way the nodes clean it. */
/** Cleans the Server URL like the nodes do (normaliseServerUrl); a unit test keeps the two in step. */
export const BASE_URL_EXPRESSION =
	"={{ String($credentials.url ?? '').trim().replace(/^(?![a-z][a-z0-9+.-]*:\\/\\/|$)/i, 'https://').replace(/[?#].*$/, '').replace(/\\/+$/, '').replace(/\\/api\\/v1(\\/.*)?$/i, '').replace(/\\/api$/i, '').replace(/\\/+$/, '').replace(/^http:/i, $credentials.allowInsecure ? 'http:' : 'https:') }}";

export class PayRamApi implements ICredentialType {
	name = 'payRamApi';

	displayName = 'PayRam API';

	icon: Icon = { light: 'file:payram.svg', dark: 'file:payram.dark.svg' };

	documentationUrl = 'https://docs.payram.com/api-integration/project-api-keys';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://payram.example.com',
			description:
				'Address of your PayRam server, as your customers reach it. A pasted /api/v1 or trailing slash is removed.',
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
				'Whether to allow a legacy server on plain http or with a self-signed certificate (for example on port 8443). Only for servers you control.',
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
			baseURL: BASE_URL_EXPRESSION,
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
						'No PayRam API answered at this Server URL (404). Use the address of your PayRam server, for example https://payram.example.com.',
				},
			},
		],
	};
}
