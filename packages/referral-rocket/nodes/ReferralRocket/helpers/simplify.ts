import type { IDataObject } from 'n8n-workflow';

/** What Simplify keeps of a participant (17 fields): who, their code and link, who referred them, and their rewards. */
export const PARTICIPANT_FIELDS = [
	'email',
	'firstName',
	'lastName',
	'referralCode',
	'referredByCode',
	'shareLink',
	'totalReferrals',
	'referralRewardBalance',
	'refereeRewardBalance',
	'rewardEventCompleted',
] as const;

/** The record's fields named in `fields`, in that order; fields Referral Rocket did not send are left out. */
export function simplify(record: IDataObject, fields: readonly string[]): IDataObject {
	const simple: IDataObject = {};
	for (const field of fields) {
		if (field in record) simple[field] = record[field];
	}
	return simple;
}
