import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { AFFILIATE_FIELDS } from '../../helpers/simplify';
import { upPromoteApiRequest } from '../../transport';
import {
	AFFILIATE_SIMPLIFY,
	checkEmail,
	readJsonObject,
	readOptionalRecordId,
	recordLocator,
	simplifiedIfAsked,
	simplifyProperty,
} from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. nora@example.com',
		default: '',
		required: true,
		description: "The affiliate's email address; UpPromote refuses one already in use",
	},
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	recordLocator({
		displayName: 'Program',
		name: 'programId',
		searchMethod: 'searchPrograms',
		required: false,
		description: "The program the affiliate joins; empty for the store's default program",
	}),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Active', value: 'active' },
			{ name: 'Inactive', value: 'inactive' },
		],
		default: 'active',
		description: 'Active affiliates can refer at once; inactive ones wait for approval',
	},
	{
		displayName: 'Send Email',
		name: 'sendEmail',
		type: 'boolean',
		default: false,
		description: "Whether UpPromote sends the affiliate its welcome email",
	},
	{
		displayName: 'Additional Fields (JSON)',
		name: 'additionalFields',
		type: 'json',
		default: '{}',
		description:
			'Other affiliate fields UpPromote accepts, as a JSON object, e.g. {"company": "Acme", "phone": "+1 555 0100"}. They are sent as given and win over the fields above.',
	},
	simplifyProperty(AFFILIATE_SIMPLIFY),
];

export const description = updateDisplayOptions({ show: { resource: ['affiliate'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const body: IDataObject = {
		email: checkEmail(this, this.getNodeParameter('email', itemIndex), itemIndex, 'Email'),
		status: this.getNodeParameter('status', itemIndex, 'active'),
		send_email: this.getNodeParameter('sendEmail', itemIndex, false) === true,
	};
	const firstName = String(this.getNodeParameter('firstName', itemIndex, '')).trim();
	const lastName = String(this.getNodeParameter('lastName', itemIndex, '')).trim();
	if (firstName) body.first_name = firstName;
	if (lastName) body.last_name = lastName;
	const programId = readOptionalRecordId(this, 'programId', itemIndex, 'Program');
	if (programId) body.program_id = Number(programId);
	Object.assign(body, readJsonObject(this, 'additionalFields', itemIndex, 'Additional Fields (JSON)'));
	const affiliate = (await upPromoteApiRequest.call(this, { method: 'POST', path: '/affiliates', body, itemIndex })) as IDataObject;
	return simplifiedIfAsked(this, itemIndex, [affiliate ?? {}], AFFILIATE_FIELDS);
}
