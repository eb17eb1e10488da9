import type { IDataObject } from 'n8n-workflow';

import { normalisePaymentState, paymentEventId } from '../../PayRamTrigger/helpers/events';

/** States whose webhook PayRam records; the missed-notification net looks at these. */
export const PAID_STATES = ['PARTIALLY_FILLED', 'FILLED', 'OVER_FILLED'] as const;
/** Rows changed this long before the cursor are read again, for changes PayRam stores with an earlier timestamp. */
export const OVERLAP_MS = 2 * 60 * 1000;
/** Emitted event ids kept beyond the scan window, so static data stays small but recent ids are never forgotten. */
export const REMEMBERED_IDS = 1000;
const MINUTE_MS = 60 * 1000;

export interface WatchSettings {
	/** Payment states that are reported when a payment reaches them. */
	states: string[];
	/** Whether paid payments whose webhook failed, or is still pending after the grace period, are reported. */
	catchUnnotified: boolean;
	graceMinutes: number;
}

/** What the trigger keeps in its static data between polls (times in epoch milliseconds). */
export interface WatchCursor {
	/** Conditions reached before this are history: the activation's start, or its look-back. */
	since: number;
	/** The newest change a completed poll has read, on PayRam's clock. */
	cursor: number;
	/** Event ids emitted whose payment changed inside the scan window, with that change's time. */
	emitted: Record<string, number>;
}

export interface PaymentRow {
	referenceId: string;
	state: string;
	webhookStatus: string | null;
	updatedAt: number;
	row: IDataObject;
}

export type Condition = 'state' | 'webhookFailed' | 'webhookPending';

export interface Match {
	condition: Condition;
	/** When the payment met the condition: its change, or its change plus the grace period. */
	reachedAt: number;
	eventId: string;
}

function field(row: IDataObject, ...names: string[]): unknown {
	for (const name of names) if (row[name] !== undefined && row[name] !== null) return row[name];
	return undefined;
}

function timeOf(value: unknown): number {
	const time = typeof value === 'string' || typeof value === 'number' ? new Date(value).getTime() : NaN;
	return Number.isFinite(time) ? time : NaN;
}

/** A search row as the trigger reads it (camelCase as PayRam sends it, snake_case tolerated); undefined without a reference or state. */
export function readPaymentRow(row: IDataObject): PaymentRow | undefined {
	const referenceId = field(row, 'referenceId', 'reference_id', 'referenceID');
	const state = field(row, 'paymentStatus', 'payment_status', 'paymentState', 'status');
	if (typeof referenceId !== 'string' || typeof state !== 'string') return undefined;
	const webhookStatus = field(row, 'webhookStatus', 'webhook_status');
	let updatedAt = timeOf(field(row, 'updatedAt', 'updated_at'));
	if (Number.isNaN(updatedAt)) updatedAt = timeOf(field(row, 'createdAt', 'created_at'));
	return {
		referenceId,
		state: normalisePaymentState(state),
		webhookStatus: typeof webhookStatus === 'string' ? webhookStatus.toLowerCase() : null,
		updatedAt: Number.isNaN(updatedAt) ? 0 : updatedAt,
		row,
	};
}

/** The states one search must cover to see every watched condition. */
export function searchedStates(settings: WatchSettings): string[] {
	const states = new Set(settings.states.map(normalisePaymentState));
	if (settings.catchUnnotified) for (const state of PAID_STATES) states.add(state);
	return [...states].sort();
}

/** Which watched condition a payment meets now, if any. */
export function matchCondition(payment: PaymentRow, settings: WatchSettings, now: number): Match | undefined {
	const eventId = paymentEventId(payment.referenceId, payment.state, field(payment.row, 'filledAmount', 'filled_amount'));
	if (settings.states.map(normalisePaymentState).includes(payment.state)) {
		return { condition: 'state', reachedAt: payment.updatedAt, eventId };
	}
	if (!settings.catchUnnotified || !(PAID_STATES as readonly string[]).includes(payment.state)) return undefined;
	if (payment.webhookStatus === 'failed') return { condition: 'webhookFailed', reachedAt: payment.updatedAt, eventId };
	const pendingSince = payment.updatedAt + settings.graceMinutes * MINUTE_MS;
	if ((payment.webhookStatus === null || payment.webhookStatus === 'pending') && pendingSince <= now) {
		return { condition: 'webhookPending', reachedAt: pendingSince, eventId };
	}
	return undefined;
}

/**
 * How far back (PayRam's updated time, newest first) a poll reads. Everything that changed after the last
 * completed poll, with an overlap; for the missed-notification net also what changed in the grace period,
 * since those payments reach the condition by time passing, not by changing.
 */
export function scanFloor(state: WatchCursor, settings: WatchSettings, now: number): number {
	const grace = settings.catchUnnotified ? now - settings.graceMinutes * MINUTE_MS : Number.POSITIVE_INFINITY;
	return Math.min(state.cursor, grace) - OVERLAP_MS;
}

/** Whether the scan, newest first, is done: an empty page, the end of the results, or a row older than the floor. */
export function reachedFloor(page: PaymentRow[], received: number, read: number, totalCount: number, floor: number): boolean {
	if (received === 0 || read >= totalCount) return true;
	return page.length > 0 && page[page.length - 1].updatedAt < floor;
}

/** The cursor a first activation starts from: nothing before `now - lookBack`, or nothing PayRam holds yet. */
export function firstCursor(newest: PaymentRow | undefined, lookBackMinutes: number, now: number): WatchCursor {
	if (lookBackMinutes > 0) {
		const since = now - lookBackMinutes * MINUTE_MS;
		return { since, cursor: since, emitted: {} };
	}
	const since = newest?.updatedAt ?? 0;
	return { since, cursor: since, emitted: {} };
}

export interface PollOutcome {
	/** Payments that newly met a condition, newest change last. */
	reached: Array<{ payment: PaymentRow; match: Match }>;
	next: WatchCursor;
}

/**
 * Picks from the rows a poll read (newest first, possibly with repeats from paging) the payments that met
 * a watched condition since the last poll, and the cursor to store. An event already emitted is never
 * emitted again while its change is inside the window a later poll reads.
 */
export function selectNewEvents(
	rows: PaymentRow[],
	state: WatchCursor,
	settings: WatchSettings,
	now: number,
	floor: number,
): PollOutcome {
	const emitted: Record<string, number> = { ...state.emitted };
	const reached: PollOutcome['reached'] = [];
	let cursor = state.cursor;
	for (const payment of rows) {
		cursor = Math.max(cursor, payment.updatedAt);
		const match = matchCondition(payment, settings, now);
		if (!match || match.reachedAt < state.since) continue;
		if (emitted[match.eventId] !== undefined) {
			emitted[match.eventId] = Math.max(emitted[match.eventId], payment.updatedAt);
			continue;
		}
		emitted[match.eventId] = payment.updatedAt;
		reached.push({ payment, match });
	}
	reached.sort((a, b) => a.match.reachedAt - b.match.reachedAt);
	return { reached, next: { since: state.since, cursor, emitted: rememberedIds(emitted, floor) } };
}

/**
 * A first activation without look-back: conditions reached before `since` are history by their time; those
 * reached at `since` itself are told apart from later ones by id.
 */
export function baselineIds(rows: PaymentRow[], settings: WatchSettings, since: number, now: number): Record<string, number> {
	const emitted: Record<string, number> = {};
	for (const payment of rows) {
		const match = matchCondition(payment, settings, now);
		if (match && match.reachedAt === since) emitted[match.eventId] = payment.updatedAt;
	}
	return emitted;
}

/** Ids whose change a later poll may still read, and at least the newest REMEMBERED_IDS. */
function rememberedIds(emitted: Record<string, number>, floor: number): Record<string, number> {
	const newestFirst = Object.entries(emitted).sort((a, b) => b[1] - a[1]);
	return Object.fromEntries(newestFirst.filter(([, at], index) => at >= floor || index < REMEMBERED_IDS));
}

/** Reads the stored cursor; anything else (first activation, an older format) is no cursor. */
export function readWatchCursor(staticData: IDataObject): WatchCursor | undefined {
	const stored = staticData.paymentWatch as IDataObject | undefined;
	if (!stored || typeof stored !== 'object') return undefined;
	const since = timeOf(stored.since);
	const cursor = timeOf(stored.cursor);
	if (Number.isNaN(since) || Number.isNaN(cursor)) return undefined;
	const emitted: Record<string, number> = {};
	for (const [id, at] of Object.entries((stored.emitted as IDataObject | undefined) ?? {})) {
		if (typeof at === 'number') emitted[id] = at;
	}
	return { since, cursor, emitted };
}

/** Stored as readable times, for whoever inspects the workflow's static data. */
export function writeWatchCursor(staticData: IDataObject, state: WatchCursor): void {
	staticData.paymentWatch = {
		since: new Date(state.since).toISOString(),
		cursor: new Date(state.cursor).toISOString(),
		emitted: state.emitted,
	};
}
