import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { referralRocketApiRequest } from '../../transport';
import { campaignIdProperty, emailProperty, readCampaignId, readEmail, readToken, simplifiedIfAsked, simplifyProperty } from '../parameters';

const properties: INodeProperties[] = [
	campaignIdProperty,
	emailProperty("The participant's e-mail address. Adding one already in the campaign returns that participant, unchanged."),
	{
		displayName: 'Add As',
		name: 'addAs',
		type: 'options',
		options: [
			{ name: 'Referrer', value: 'referrer', description: 'A participant who gets a referral code and share link to invite others' },
			{ name: 'Referee by Referral Code', value: 'refereeByCode', description: "A participant referred by the owner of a referral code" },
			{ name: 'Referee by Referrer Email', value: 'refereeByEmail', description: "A participant referred by the participant with this e-mail" },
		],
		default: 'referrer',
	},
	{
		displayName: 'Referral Code',
		name: 'referredByCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 8Mnu09TD',
		description: "The referrer's code, e.g. from the ?referralCode= of the link the participant came through",
		displayOptions: { show: { addAs: ['refereeByCode'] } },
	},
	{
		displayName: 'Referrer Email',
		name: 'referredByEmail',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. john@example.com',
		description: "The e-mail of the participant who referred this one",
		displayOptions: { show: { addAs: ['refereeByEmail'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: "Referral Rocket's API documents no name fields; these are sent as firstName and lastName",
		options: [
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['participant'], operation: ['add'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const body: IDataObject = { id: readCampaignId(this, itemIndex), email: readEmail(this, 'email', itemIndex, 'Email') };
	const addAs = this.getNodeParameter('addAs', itemIndex, 'referrer') as string;
	if (addAs === 'refereeByCode') body.referredByCode = readToken(this, 'referredByCode', itemIndex, 'Referral Code', '8Mnu09TD');
	if (addAs === 'refereeByEmail') body.referredByEmail = readEmail(this, 'referredByEmail', itemIndex, 'Referrer Email');
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const name of ['firstName', 'lastName']) {
		const value = typeof extra[name] === 'string' ? (extra[name] as string).trim() : '';
		if (value !== '') body[name] = value;
	}
	// Not retried once it may have reached Referral Rocket (the transport's rule for writes).
	const participant = (await referralRocketApiRequest.call(this, { method: 'POST', path: '/api/v1/addParticipant', body, itemIndex })) as IDataObject | null;
	return simplifiedIfAsked(this, itemIndex, [participant ?? {}]);
}
