import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { canonicalDecimal, DuplicateKeyError, parseJsonExact, plainDecimal } from '../../ReferralRocket/kit/exactJson';
import { foldEventType } from './events';

/** The money fields of an event's `data`: read as the exact decimal text sent, never through a float. */
export const MONEY_KEYS: ReadonlySet<string> = new Set([
	'referralReward',
	'referralRewardBalance',
	'referralRewardRedeemed',
	'refereeReward',
	'refereeRewardBalance',
	'refereeRewardRedeemed',
	'amountPaid',
	'revenueGenerated',
	'rewardDue',
	'rewardPaid',
]);

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-blank string or a finite number as trimmed text: ids arrive as numbers, codes as strings. */
function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The body as Referral Rocket's envelope `{eventType, data, createdAt, updatedAt}`, amounts kept as the exact text sent. */
export function readEnvelope(rawBody: Buffer): { envelope: IDataObject } | { reason: string } {
	let raw: string;
	try {
		raw = utf8.decode(rawBody);
	} catch {
		return { reason: 'the body is not UTF-8 text' };
	}
	let envelope: unknown;
	try {
		envelope = parseJsonExact(raw, MONEY_KEYS).exact;
	} catch (error) {
		// A key sent twice would let a proxy and this node read two different events from one body.
		if (error instanceof DuplicateKeyError) return { reason: error.message };
		return { reason: 'the body is not valid JSON' };
	}
	if (!isObject(envelope)) return { reason: 'the body is not a JSON object' };
	if (typeof envelope.eventType !== 'string' || envelope.eventType.trim() === '') return { reason: 'the body has no eventType' };
	if (!isObject(envelope.data)) return { reason: 'the body has no data object' };
	return { envelope };
}

/** An amount as exact decimal text (`20`, `12.50`), null when sent as null, undefined when absent or not a decimal. */
function amount(value: unknown): string | null | undefined {
	if (value === null) return null;
	if (typeof value !== 'string') return undefined;
	const plain = plainDecimal(value.trim());
	return /^-?\d+(?:\.\d+)?$/.test(plain) ? plain : undefined;
}

/** `createdAt` (epoch milliseconds; an ISO date is read too) as an ISO date, or undefined when it is neither. */
export function eventTimeOf(createdAt: unknown): string | undefined {
	let time: Date | undefined;
	if (typeof createdAt === 'number') time = Number.isSafeInteger(createdAt) ? new Date(createdAt) : undefined;
	else if (typeof createdAt === 'string') time = /^\d+$/.test(createdAt.trim()) ? new Date(Number(createdAt)) : new Date(createdAt);
	return time && !Number.isNaN(time.getTime()) ? time.toISOString() : undefined;
}

export interface ReferralRocketDelivery {
	eventType: string;
	participantId?: string;
	email?: string;
	referralCode?: string;
	/** The referrer's code; null for a referrer who joined directly. */
	referredByCode?: string | null;
	campaignId?: string;
	rewardCurrency?: string;
	/** Every money field present in `data`, as exact decimal text. */
	amounts: Record<string, string | null>;
	/** `createdAt` as Referral Rocket sent it (epoch milliseconds). */
	createdAt?: string;
	eventTime?: string;
	envelope: IDataObject;
}

/** The fields a builder needs, read from the envelope; what is absent stays absent. */
export function readDelivery(envelope: IDataObject): ReferralRocketDelivery {
	const data = envelope.data as IDataObject;
	const amounts: Record<string, string | null> = {};
	for (const key of MONEY_KEYS) {
		const value = amount(data[key]);
		if (value !== undefined) amounts[key] = value;
	}
	return {
		eventType: (envelope.eventType as string).trim(),
		participantId: text(data.participantId),
		email: text(data.email),
		referralCode: text(data.code),
		referredByCode: data.referredByCode === null ? null : text(data.referredByCode),
		campaignId: text(data.campaignId),
		rewardCurrency: text(data.rewardCurrency),
		amounts,
		createdAt: text(envelope.createdAt),
		eventTime: eventTimeOf(envelope.createdAt),
		envelope,
	};
}

/** JSON with keys sorted and amounts in one spelling, so the same content always hashes the same. */
function canonicalJson(value: unknown, key?: string): string {
	if (Array.isArray(value)) return `[${value.map((element) => canonicalJson(element)).join(',')}]`;
	if (isObject(value)) {
		const keys = Object.keys(value).sort();
		return `{${keys.map((name) => `${JSON.stringify(name)}:${canonicalJson(value[name], name)}`).join(',')}}`;
	}
	if (key !== undefined && MONEY_KEYS.has(key) && value !== null) return JSON.stringify(canonicalDecimal(value));
	return JSON.stringify(value) ?? 'null';
}

function digest(parts: readonly string[]): string {
	return createHash('sha256').update(parts.join('\u0001')).digest('hex').slice(0, 24);
}

export interface EventIds {
	/** The event: its type, participant and `createdAt` (Referral Rocket's own duplicate key); its content when one is missing. */
	eventId: string;
	/** The event's content: its type, participant and the whole `data` snapshot, whatever `createdAt` says. */
	contentId: string;
}

/**
 * Referral Rocket sends no event id and retries for days, and whether `createdAt` stays the same across retries is
 * unknown. A redelivery is the same event when either id matches: the same createdAt (a snapshot taken again), or the
 * same content (createdAt stamped per attempt).
 */
export function eventIdsOf(delivery: ReferralRocketDelivery): EventIds {
	const eventType = foldEventType(delivery.eventType);
	const participant = delivery.participantId ?? '';
	const contentId = `rrc_${digest(['content', eventType, participant, canonicalJson(delivery.envelope.data)])}`;
	if (delivery.participantId === undefined || delivery.createdAt === undefined) return { eventId: `rr_${contentId.slice(4)}`, contentId };
	return { eventId: `rr_${digest(['event', eventType, participant, delivery.createdAt])}`, contentId };
}

/** The item a builder receives: normalised fields first, the envelope exactly as sent (amounts as exact text) under `payload`. */
export function eventItem(
	delivery: ReferralRocketDelivery,
	ids: EventIds,
	context: { receivedAt: Date; verifiedWith: string },
): IDataObject {
	const optional = (key: string, value: string | null | undefined): IDataObject => (value === undefined ? {} : { [key]: value });
	return {
		eventId: ids.eventId,
		contentId: ids.contentId,
		eventType: delivery.eventType,
		...optional('participantId', delivery.participantId),
		...optional('email', delivery.email),
		...optional('referralCode', delivery.referralCode),
		...optional('referredByCode', delivery.referredByCode),
		...optional('campaignId', delivery.campaignId),
		...optional('rewardCurrency', delivery.rewardCurrency),
		...delivery.amounts,
		...optional('eventTime', delivery.eventTime),
		receivedAt: context.receivedAt.toISOString(),
		signatureKeyEncoding: context.verifiedWith,
		payload: delivery.envelope,
	};
}
