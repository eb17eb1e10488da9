// The Referral Rocket simulator's store: campaigns and their participants, seeded the same way on every start and reset.

export type CampaignStatus = 'Active' | 'Pause' | 'End';

export interface Campaign {
	campaignId: string;
	campaignName: string;
	status: CampaignStatus;
	createdOn: string;
	end: string | null;
	rewardHeader: string;
	rewardDescription: string;
	/** Rewards as exact decimal text (the service's JSON numbers, never floats). */
	referrerReward: string;
	refereeReward: string;
	rewardType: string;
}

export interface Participant {
	participantId: number;
	campaignId: string;
	email: string;
	firstName: string;
	lastName: string;
	referralCode: string;
	referredByCode: string | null;
	createdOn: string;
	updatedOn: string;
	referralReward: string;
	referralRewardRedeemed: string;
	referralRewardBalance: string;
	refereeReward: string;
	refereeRewardRedeemed: string;
	refereeRewardBalance: string;
	/** The referee did what the campaign rewards (REST `rewardEventCompleted`, webhook `refereeActionCompleted`). */
	rewardEventCompleted: boolean;
	/** "" for participants created through the API (doc). */
	fraudScore: string;
	totalCompletedReferred: number;
	amountPaid: string;
	paymentCount: number;
	rewardDue: string;
	rewardPaid: string;
}

export interface CampaignState {
	campaigns: Campaign[];
	participants: Participant[];
	nextParticipantId: number;
	/** Drives the generated referral codes, so a reset gives the same codes again. */
	codeCounter: number;
}

/** Referral Rocket's REST timestamps: `2023-11-04T15:41:08.828+00:00`. */
export function springTime(date: Date): string {
	return date.toISOString().replace(/Z$/, '+00:00');
}

export const SEED_CAMPAIGN_ID = 'JCu82f30F1';
export const SECOND_CAMPAIGN_ID = 'PMf8BDZ1zb';
export const ENDED_CAMPAIGN_ID = 'Xs0Ended24';
export const SEED_REFERRER_EMAIL = 'johndoe@example.com';
export const SEED_REFERRER_CODE = '8Mnu09TD';

/** A participant with no rewards, referrals or payments yet, unless `fields` says otherwise. */
export function participant(fields: Partial<Participant> & Pick<Participant, 'participantId' | 'campaignId' | 'email' | 'referralCode' | 'createdOn'>): Participant {
	return {
		firstName: '',
		lastName: '',
		referredByCode: null,
		updatedOn: fields.createdOn,
		referralReward: '0',
		referralRewardRedeemed: '0',
		referralRewardBalance: '0',
		refereeReward: '0',
		refereeRewardRedeemed: '0',
		refereeRewardBalance: '0',
		rewardEventCompleted: false,
		fraudScore: '',
		totalCompletedReferred: 0,
		amountPaid: '0',
		paymentCount: 0,
		rewardDue: '0',
		rewardPaid: '0',
		...fields,
	};
}

export function seededState(): CampaignState {
	const campaigns: Campaign[] = [
		{
			campaignId: SEED_CAMPAIGN_ID,
			campaignName: 'Q4 Growth Program',
			status: 'Active',
			createdOn: '2023-10-11T00:36:27.753+00:00',
			end: '2027-10-11T00:36:27.753+00:00',
			rewardHeader: 'Refer a friend and win',
			rewardDescription: "Give friends $20 off their first order, and you'll get $20 when they make a purchase.",
			referrerReward: '20',
			refereeReward: '20',
			rewardType: 'Monetary',
		},
		{
			campaignId: SECOND_CAMPAIGN_ID,
			campaignName: 'Crypto Friends',
			status: 'Active',
			createdOn: '2025-02-01T09:00:00.000+00:00',
			end: null,
			rewardHeader: 'Pay in crypto, earn in USDC',
			rewardDescription: 'Earn 25 USD in USDC for every friend who pays with crypto.',
			referrerReward: '25',
			refereeReward: '10',
			rewardType: 'Monetary',
		},
		{
			campaignId: ENDED_CAMPAIGN_ID,
			campaignName: 'Summer 2024',
			status: 'End',
			createdOn: '2024-06-01T00:00:00.000+00:00',
			end: '2024-09-01T00:00:00.000+00:00',
			rewardHeader: 'Summer referrals',
			rewardDescription: 'Ended.',
			referrerReward: '5',
			refereeReward: '5',
			rewardType: 'Monetary',
		},
	];
	const participants: Participant[] = [
		participant({
			participantId: 380,
			campaignId: SEED_CAMPAIGN_ID,
			email: SEED_REFERRER_EMAIL,
			firstName: 'john',
			lastName: 'doe',
			referralCode: SEED_REFERRER_CODE,
			createdOn: '2023-11-04T15:41:08.828+00:00',
			fraudScore: 'Low',
			referralReward: '20',
			referralRewardBalance: '20',
			totalCompletedReferred: 1,
			rewardDue: '20',
		}),
		participant({
			participantId: 381,
			campaignId: SEED_CAMPAIGN_ID,
			email: 'ada.lovelace@example.com',
			firstName: 'Ada',
			lastName: 'Lovelace',
			referralCode: '7ZZp9eBG',
			referredByCode: SEED_REFERRER_CODE,
			createdOn: '2023-11-05T10:00:00.000+00:00',
			refereeReward: '20',
			refereeRewardBalance: '20',
			rewardEventCompleted: true,
			amountPaid: '149.90',
			paymentCount: 1,
		}),
		participant({
			participantId: 382,
			campaignId: SEED_CAMPAIGN_ID,
			email: 'grace.hopper@example.com',
			firstName: 'Grace',
			lastName: 'Hopper',
			referralCode: 'Gh4Kq2Lw',
			referredByCode: SEED_REFERRER_CODE,
			createdOn: '2023-11-06T11:30:00.000+00:00',
			refereeReward: '20',
		}),
		participant({
			participantId: 384,
			campaignId: SECOND_CAMPAIGN_ID,
			email: 'karan.r.shahss92@gmail.com',
			referralCode: 'scG3q9Ez',
			createdOn: '2025-02-09T03:00:28.002+00:00',
			fraudScore: 'Low',
		}),
	];
	return { campaigns, participants, nextParticipantId: 385, codeCounter: 0 };
}
