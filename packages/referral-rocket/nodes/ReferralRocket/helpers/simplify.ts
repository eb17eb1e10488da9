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
