/** Rewards and amounts Referral Rocket sends as JSON numbers; they are kept as the exact decimal text sent. */
export const MONEY_KEYS: ReadonlySet<string> = new Set([
	'amountPaid',
	'refereeReward',
	'refereeRewardBalance',
	'refereeRewardRedeemed',
	'referralReward',
	'referralRewardBalance',
	'referralRewardRedeemed',
	'referrerReward',
	'revenueGenerated',
	'rewardDue',
	'rewardPaid',
]);
