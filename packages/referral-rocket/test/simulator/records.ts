// How the simulator's records look on the wire: the REST participant and campaign, and the webhook `data` snapshot.
import { addDecimal } from '../../../../testing/simulator/decimal';
import { exactNumber } from '../../../../testing/simulator/http';
import type { Campaign, CampaignState, Participant } from './state';

export function campaignOf(state: CampaignState, campaignId: string): Campaign | undefined {
	return state.campaigns.find((campaign) => campaign.campaignId === campaignId);
}

export function participantsOf(state: CampaignState, campaignId: string): Participant[] {
	return state.participants.filter((participant) => participant.campaignId === campaignId);
}

/** E-mail addresses are matched without regard to case, as sign-up forms do. */
export function participantByEmail(state: CampaignState, campaignId: string, email: string): Participant | undefined {
	const wanted = email.trim().toLowerCase();
	return participantsOf(state, campaignId).find((participant) => participant.email.toLowerCase() === wanted);
}

/** Codes are case-sensitive (the contract's assumption). */
export function participantByCode(state: CampaignState, campaignId: string, code: string): Participant | undefined {
	return participantsOf(state, campaignId).find((participant) => participant.referralCode === code);
}

export function refereesOf(state: CampaignState, referrer: Participant): Participant[] {
	return participantsOf(state, referrer.campaignId).filter((participant) => participant.referredByCode === referrer.referralCode);
}

export function shareLink(campaignId: string, code: string): string {
	return `https://referralrocket.io/campaign?id=${campaignId}&referralCode=${code}`;
}

/** `ParticipantResponse`: rewards written as JSON numbers with exactly the stored digits. */
export function participantJson(state: CampaignState, participant: Participant): Record<string, unknown> {
	return {
		email: participant.email,
		firstName: participant.firstName,
		lastName: participant.lastName,
		referralCode: participant.referralCode,
		referredByCode: participant.referredByCode,
		createdOn: participant.createdOn,
		campaignId: participant.campaignId,
		shareLink: shareLink(participant.campaignId, participant.referralCode),
		totalReferrals: refereesOf(state, participant).length,
		referralReward: exactNumber(participant.referralReward),
		referralRewardRedeemed: exactNumber(participant.referralRewardRedeemed),
		referralRewardBalance: exactNumber(participant.referralRewardBalance),
		refereeReward: exactNumber(participant.refereeReward),
		refereeRewardRedeemed: exactNumber(participant.refereeRewardRedeemed),
		refereeRewardBalance: exactNumber(participant.refereeRewardBalance),
		rewardEventCompleted: participant.rewardEventCompleted,
		fraudScore: participant.fraudScore,
	};
}

export function campaignJson(state: CampaignState, campaign: Campaign): Record<string, unknown> {
	return {
		campaignId: campaign.campaignId,
		campaignName: campaign.campaignName,
		status: campaign.status,
		createdOn: campaign.createdOn,
		end: campaign.end,
		hostURL: `https://referralrocket.io/campaign?id=${campaign.campaignId}`,
		paused: campaign.status === 'Pause',
		ended: campaign.status === 'End',
		rewardHeader: campaign.rewardHeader,
		rewardDescription: campaign.rewardDescription,
		shareWidgetHeader: campaign.rewardHeader,
		shareWidgetDescription: campaign.rewardDescription,
		referrerReward: exactNumber(campaign.referrerReward),
		refereeReward: exactNumber(campaign.refereeReward),
		rewardType: campaign.rewardType,
		totalParticipants: participantsOf(state, campaign.campaignId).length,
	};
}

/** The webhook `data` object (the seed's names: `code`, `score`, `refereeActionCompleted`, ...). */
export function webhookData(state: CampaignState, participant: Participant): Record<string, unknown> {
	const campaign = campaignOf(state, participant.campaignId);
	const referees = refereesOf(state, participant);
	return {
		participantId: participant.participantId,
		firstName: participant.firstName,
		lastName: participant.lastName,
		email: participant.email,
		code: participant.referralCode,
		campaignId: participant.campaignId,
		referredByCode: participant.referredByCode,
		referralReward: exactNumber(participant.referralReward),
		referralRewardBalance: exactNumber(participant.referralRewardBalance),
		referralRewardRedeemed: exactNumber(participant.referralRewardRedeemed),
		refereeReward: exactNumber(participant.refereeReward),
		refereeRewardBalance: exactNumber(participant.refereeRewardBalance),
		refereeRewardRedeemed: exactNumber(participant.refereeRewardRedeemed),
		refereeActionCompleted: participant.rewardEventCompleted,
		refereeActionCompletedLabel: participant.rewardEventCompleted ? 'Completed' : null,
		rewardType: campaign?.rewardType ?? null,
		rewardCurrency: 'USD',
		createdOn: participant.createdOn,
		updatedOn: participant.updatedOn,
		approval: true,
		totalReferred: referees.length,
		totalCompletedReferred: participant.totalCompletedReferred,
		amountPaid: exactNumber(participant.amountPaid),
		paymentCount: participant.paymentCount,
		revenueGenerated: exactNumber(referees.reduce((sum, referee) => addDecimal(sum, referee.amountPaid), '0')),
		rewardDue: exactNumber(participant.rewardDue),
		rewardPaid: exactNumber(participant.rewardPaid),
		score: participant.fraudScore,
		impressionCount: 0,
	};
}
