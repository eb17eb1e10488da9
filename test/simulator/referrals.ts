// Referral members (referrers and referees) and campaign event logs.
import { randomBytes, randomInt } from 'node:crypto';
import { isPositiveDecimal, toPlainDecimal } from '../../testing/simulator/decimal';
import { referralConflict, referralValidationFailed } from './errors';
import { isEmail, isNonEmptyString, type ApiResponse } from '../../testing/simulator/http';
import { type JsonFields } from './jsonFields';
import type { SimulatorContext } from './state';

export interface ReferralMember {
	id: number;
	referenceId: string;
	email: string;
	code: string;
	status: 'active';
	referredByMemberId: number | null;
	/** Path segment of the embeddable referral dashboard. */
	dashboardToken: string;
	createdAt: Date;
	updatedAt: Date;
}

export interface ReferralEvent {
	id: number;
	eventKey: string;
	memberId: number;
	memberReferenceId: string;
	/** Exactly the literal the merchant sent, or null for events without an amount. */
	amount: string | null;
	createdAt: Date;
}

export interface CampaignEvent {
	amountRequired: boolean;
}

export const DEFAULT_EVENT_KEYS: Record<string, CampaignEvent> = {
	signup: { amountRequired: false },
	first_deposit: { amountRequired: true },
	purchase: { amountRequired: true },
};

const PROJECT = '1';
const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function newReferralCode(sim: SimulatorContext): string {
	for (;;) {
		const code = Array.from({ length: 7 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
		if (!sim.state.referralMembers.some((member) => member.code === code)) return code;
	}
}

function findMember(sim: SimulatorContext, referenceId: string): ReferralMember | undefined {
	return sim.state.referralMembers.find((member) => member.referenceId === referenceId);
}

function addMember(sim: SimulatorContext, referenceId: string, email: string, referredBy: ReferralMember | null): ReferralMember {
	const now = sim.now();
	const member: ReferralMember = {
		id: sim.state.referralMembers.length + 1,
		referenceId,
		email,
		code: newReferralCode(sim),
		status: 'active',
		referredByMemberId: referredBy?.id ?? null,
		dashboardToken: randomBytes(16).toString('hex'),
		createdAt: now,
		updatedAt: now,
	};
	sim.state.referralMembers.push(member);
	return member;
}

export function referrerProfile(sim: SimulatorContext, member: ReferralMember, withReferrer = true): Record<string, unknown> {
	const referrer = sim.state.referralMembers.find((candidate) => candidate.id === member.referredByMemberId);
	const profile: Record<string, unknown> = {
		id: member.id,
		createdAt: member.createdAt.toISOString(),
		updatedAt: member.updatedAt.toISOString(),
		project: PROJECT,
		referenceId: member.referenceId,
		email: member.email,
		code: member.code,
		status: member.status,
		referredByMemberID: referrer?.id ?? null,
		referredByMemberReferenceID: referrer?.referenceId ?? null,
		campaigns: withReferrer ? [] : null,
	};
	if (withReferrer && referrer) profile.referredByMember = referrerProfile(sim, referrer, false);
	return profile;
}

function requireFields(fields: JsonFields, names: string[]): Record<string, string> {
	const details: Record<string, string> = {};
	for (const name of names) {
		if (!isNonEmptyString(fields.get(name.toLowerCase())?.value)) details[name] = `${name} is required`;
	}
	const email = fields.get('email')?.value;
	if (names.includes('email') && !details.email && !isEmail(email)) details.email = 'email must be a valid email address';
	return details;
}

export function authenticateReferrer(sim: SimulatorContext, fields: JsonFields): ApiResponse {
	const details = requireFields(fields, ['email', 'referenceID']);
	if (Object.keys(details).length > 0) return referralValidationFailed(details);
	const referenceId = fields.get('referenceid')!.value as string;
	const member = findMember(sim, referenceId) ?? addMember(sim, referenceId, fields.get('email')!.value as string, null);
	return {
		status: 200,
		body: { redirectURL: `${sim.config.url}/referral/${member.dashboardToken}`, referrer: referrerProfile(sim, member) },
	};
}

export function linkReferee(sim: SimulatorContext, fields: JsonFields): ApiResponse {
	const details = requireFields(fields, ['email', 'referrerCode', 'referenceID']);
	if (Object.keys(details).length > 0) return referralValidationFailed(details);
	const code = fields.get('referrercode')!.value as string;
	const referrer = sim.state.referralMembers.find((member) => member.code === code);
	if (!referrer) return referralValidationFailed({ referrerCode: `referrer code ${code} not found` });
	const referenceId = fields.get('referenceid')!.value as string;
	if (findMember(sim, referenceId)) return referralConflict('Referee already linked');
	const referee = addMember(sim, referenceId, fields.get('email')!.value as string, referrer);
	return { status: 200, body: referrerProfile(sim, referee) };
}

function readEventAmount(fields: JsonFields): { amount: string | null } | { error: string } {
	const amount = fields.get('amount');
	if (amount === undefined || amount.value === null) return { amount: null };
	if (typeof amount.value !== 'number') return { error: 'amount must be a number' };
	try {
		const literal = toPlainDecimal(amount.raw);
		return isPositiveDecimal(literal) ? { amount: literal } : { error: 'amount must be greater than 0' };
	} catch {
		return { error: 'amount is out of range' };
	}
}

export function logReferralEvent(sim: SimulatorContext, fields: JsonFields): ApiResponse {
	const details = requireFields(fields, ['eventKey', 'referenceID']);
	const amount = readEventAmount(fields);
	if ('error' in amount) details.amount = amount.error;
	if (Object.keys(details).length > 0 || 'error' in amount) return referralValidationFailed(details);

	const eventKey = fields.get('eventkey')!.value as string;
	const referenceId = fields.get('referenceid')!.value as string;
	const campaignEvent = sim.config.eventKeys[eventKey];
	if (!campaignEvent) return referralValidationFailed({ eventKey: `no campaign has the event key ${eventKey}` });
	const member = findMember(sim, referenceId);
	if (!member) return referralValidationFailed({ referenceID: `no referral member has the reference ID ${referenceId}` });
	if (campaignEvent.amountRequired && amount.amount === null) {
		return referralValidationFailed({ amount: `amount is required for the event ${eventKey}` });
	}
	if (!campaignEvent.amountRequired && amount.amount !== null) {
		return referralValidationFailed({ amount: `the event ${eventKey} takes no amount` });
	}
	const alreadyLogged = sim.state.referralEvents.some((event) => event.eventKey === eventKey && event.memberId === member.id);
	if (!campaignEvent.amountRequired && alreadyLogged) return referralConflict('Duplicate event');

	const event: ReferralEvent = {
		id: sim.state.referralEvents.length + 1,
		eventKey,
		memberId: member.id,
		memberReferenceId: member.referenceId,
		amount: amount.amount,
		createdAt: sim.now(),
	};
	sim.state.referralEvents.push(event);
	return { status: 200, body: eventLogRecord(event) };
}

export function eventLogRecord(event: ReferralEvent): Record<string, unknown> {
	const at = event.createdAt.toISOString();
	return {
		id: event.id,
		createdAt: at,
		updatedAt: at,
		project: PROJECT,
		eventKey: event.eventKey,
		memberID: event.memberId,
		memberReferenceID: event.memberReferenceId,
		amount: event.amount,
		triggeredAt: at,
		data: null,
		status: 'pending',
		failureReason: null,
		member: null,
	};
}
