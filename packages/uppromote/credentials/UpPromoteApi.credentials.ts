import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class UpPromoteApi implements ICredentialType {
	name = 'upPromoteApi';

	displayName = 'UpPromote API';

	icon: Icon = { light: 'file:../nodes/UpPromote/uppromote.svg', dark: 'file:../nodes/UpPromote/uppromote.dark.svg' };

	documentationUrl = 'https://github.com/payram/n8n-nodes-payram/tree/main/packages/uppromote#credential-setup';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key from UpPromote → Settings → Integrations → API Key (Professional plan and above)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://aff-api.uppromote.com/api/v2',
			required: true,
			placeholder: 'e.g. https://aff-api.uppromote.com/api/v2',
			description: "Address of UpPromote's Public API v2. Change it only to reach a test server.",
		},
	];

	// UpPromote wants the raw key in Authorization, without "Bearer".
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{$credentials.apiKey}}',
				Accept: 'application/json',
			},
		},
	};

	// The cheapest read UpPromote offers; an unreachable API fails before any rule and n8n reports the connection error.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: '/affiliates',
			method: 'GET',
			qs: { page: 1, per_page: 1 },
			timeout: 15000,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'UpPromote rejected the API key. Copy it again from UpPromote → Settings → Integrations → API Key, without "Bearer".',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No UpPromote API answered at this Base URL (404). Use https://aff-api.uppromote.com/api/v2 unless you point it at a test server.',
				},
			},
		],
	};
}
