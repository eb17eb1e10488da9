import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class ReferralRocketApi implements ICredentialType {
	name = 'referralRocketApi';

	displayName = 'Referral Rocket API';

	icon: Icon = {
		light: 'file:../nodes/ReferralRocket/referralrocket.svg',
		dark: 'file:../nodes/ReferralRocket/referralrocket.dark.svg',
	};

	documentationUrl = 'https://github.com/payram/n8n-nodes-payram/tree/main/packages/referral-rocket#credential-setup';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.referralrocket.io',
			required: true,
			placeholder: 'e.g. https://app.referralrocket.io',
			description: "Address of Referral Rocket's app. Change it only to reach a test server.",
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The endpoint's secret from Referral Rocket → Settings → Webhooks. The Referral Rocket Trigger checks each delivery's X-RR-Signature with it.",
		},
		{
			displayName: 'API Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-API-Key',
			placeholder: 'e.g. X-API-Key',
			description:
				'Name of the header that carries the API key. Referral Rocket documents no API authentication: leave API Key empty unless Referral Rocket gave you one.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Optional. Sent in the header above only when filled in; nothing is sent when it is empty.',
		},
	];

	// Referral Rocket documents no API authentication, so the header goes only with a key and under the name given.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const key = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
		const header = typeof credentials.headerName === 'string' ? credentials.headerName.trim() : '';
		if (key === '' || header === '') return requestOptions;
		return { ...requestOptions, headers: { ...requestOptions.headers, [header]: key } };
	}

	// Checking a made-up code needs no data: any campaign answers true or false, so a 200 means the API is reachable.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "").replace(/\\/api\\/v1$/, "") }}',
			url: '/api/v1/validateCode',
			method: 'GET',
			qs: { campaignId: 'n8n-credential-test', code: 'n8n-credential-test' },
			headers: { Accept: 'application/json' },
			timeout: 15000,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Referral Rocket answered but refused the request (401): it wants an API key. Fill in API Key (and API Header Name) as Referral Rocket gave them.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Referral Rocket answered but refused the API key (403). Check API Key and API Header Name.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Referral Rocket API answered at this Base URL (404). Use https://app.referralrocket.io unless you point it at a test server.',
				},
			},
		],
	};
}
