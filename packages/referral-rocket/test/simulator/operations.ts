// What changes the store: adding participants (a referrer, or a referee linked by code or e-mail) and qualifying referees.
import { addDecimal, isDecimalString } from '../../../../testing/simulator/decimal';
import { isEmail, type ApiResponse } from '../../../../testing/simulator/http';
import { envelope, type WebhookEnvelope } from './events';
import { campaignOf, participantByCode, participantByEmail } from './records';
import { errorDetail, springError } from './responses';
import { participant as newParticipant, springTime, type CampaignState, type Participant } from './state';

/** A request the service refuses, with its answer. */
export class Refusal extends Error {
	constructor(readonly response: ApiResponse) {
		super(`refused with ${response.status}`);
	}
}

export interface Outcome<T> {
	record: T;
	/** Whether the call changed the store (false: an existing participant came back unchanged). */
	created: boolean;
	events: WebhookEnvelope[];
}

export interface NewParticipant {
	id?: unknown;
	email?: unknown;
	referredByCode?: unknown;
	referredByEmail?: unknown;
	firstName?: unknown;
	lastName?: unknown;
	fName?: unknown;
	lName?: unknown;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** An 8-character code, unique in the store and the same sequence after every reset. */
function newCode(state: CampaignState): string {
	for (;;) {
		let seed = (state.codeCounter++ * 2654435761 + 97531) >>> 0;
		let code = '';
		for (let i = 0; i < 8; i++) {
			code += CODE_ALPHABET[seed % CODE_ALPHABET.length];
			seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
		}
		if (!state.participants.some((participant) => participant.referralCode === code)) return code;
	}
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/**
 * `POST /api/v1/addParticipant`: an unknown campaign or referrer is 404, a known e-mail comes back unchanged
 * (attribution binds at first enrolment), else a new participant fires `referrer_added` or `referee_added`.
 */
export function addParticipant(state: CampaignState, input: NewParticipant, path: string, now: Date): Outcome<Participant> {
	const campaignId = text(input.id);
	const email = text(input.email);
	if (campaignId === '' || email === '' || !isEmail(email)) throw new Refusal(springError(400, path));
	const campaign = campaignOf(state, campaignId);
	if (!campaign) throw new Refusal(errorDetail(404, 'Campaign not found', path));
	const existing = participantByEmail(state, campaignId, email);
	if (existing) return { record: existing, created: false, events: [] };

	const byCode = text(input.referredByCode);
	const byEmail = text(input.referredByEmail);
	let referrer: Participant | undefined;
	if (byCode !== '' || byEmail !== '') {
		referrer = byCode !== '' ? participantByCode(state, campaignId, byCode) : participantByEmail(state, campaignId, byEmail);
		if (!referrer) throw new Refusal(errorDetail(404, 'Referrer not found', path));
	}
	const createdOn = springTime(now);
	const participant = newParticipant({
		participantId: state.nextParticipantId++,
		campaignId,
		email,
		firstName: text(input.firstName) || text(input.fName),
		lastName: text(input.lastName) || text(input.lName),
		referralCode: newCode(state),
		referredByCode: referrer?.referralCode ?? null,
		createdOn,
		refereeReward: referrer ? campaign.refereeReward : '0',
	});
	state.participants.push(participant);
	if (referrer) referrer.updatedOn = createdOn;
	return { record: participant, created: true, events: [envelope(state, referrer ? 'referee_added' : 'referrer_added', participant, now)] };
}

export interface Qualification {
	id?: unknown;
	email?: unknown;
	/** A JSON number (read as exact decimal text) or decimal text. */
	amountPaid?: unknown;
	rewardReferee?: unknown;
}

/**
 * The undocumented "qualify" call (served at a configured path): the referee's reward event completes, its referrer
 * earns the campaign's referrer reward and `reward_unlocked` fires for the referrer. Qualifying twice changes nothing.
 */
export function qualify(state: CampaignState, input: Qualification, path: string, now: Date): Outcome<Participant> {
	const campaignId = text(input.id);
	const email = text(input.email);
	if (campaignId === '' || email === '') throw new Refusal(springError(400, path));
	const amount = input.amountPaid === undefined ? '0' : String(input.amountPaid);
	if (!isDecimalString(amount)) throw new Refusal(errorDetail(400, 'amountPaid must be a non-negative amount', path));
	const campaign = campaignOf(state, campaignId);
	if (!campaign) throw new Refusal(errorDetail(404, 'Campaign not found', path));
	const referee = participantByEmail(state, campaignId, email);
	if (!referee) throw new Refusal(errorDetail(404, 'Participant not found', path));
	if (referee.referredByCode === null) throw new Refusal(errorDetail(400, 'Participant was not referred', path));
	if (referee.rewardEventCompleted) return { record: referee, created: false, events: [] };
	const referrer = participantByCode(state, campaignId, referee.referredByCode);
	if (!referrer) throw new Refusal(errorDetail(404, 'Referrer not found', path));

	const updatedOn = springTime(now);
	referee.rewardEventCompleted = true;
	referee.amountPaid = addDecimal(referee.amountPaid, amount);
	referee.paymentCount++;
	referee.updatedOn = updatedOn;
	if (input.rewardReferee !== false) referee.refereeRewardBalance = addDecimal(referee.refereeRewardBalance, referee.refereeReward);
	referrer.totalCompletedReferred++;
	referrer.referralReward = addDecimal(referrer.referralReward, campaign.referrerReward);
	referrer.referralRewardBalance = addDecimal(referrer.referralRewardBalance, campaign.referrerReward);
	referrer.rewardDue = addDecimal(referrer.rewardDue, campaign.referrerReward);
	referrer.updatedOn = updatedOn;
	return { record: referee, created: true, events: [envelope(state, 'reward_unlocked', referrer, now)] };
}
