import {
	baselineIds,
	firstCursor,
	matchCondition,
	OVERLAP_MS,
	readPaymentRow,
	readWatchCursor,
	reachedFloor,
	REMEMBERED_IDS,
	scanFloor,
	searchedStates,
	selectNewEvents,
	writeWatchCursor,
} from '../../../nodes/PayRamPollTrigger/helpers/watch';
import type { PaymentRow, WatchSettings } from '../../../nodes/PayRamPollTrigger/helpers/watch';
import { paymentEventId } from '../../../nodes/PayRamTrigger/helpers/events';

const MINUTE = 60 * 1000;
const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const EXPIRED: WatchSettings = { states: ['CANCELLED'], catchUnnotified: false, graceMinutes: 10 };
const NET: WatchSettings = { states: [], catchUnnotified: true, graceMinutes: 10 };

function row(referenceId: string, state: string, minutesAgo: number, extra: Record<string, unknown> = {}): PaymentRow {
	return readPaymentRow({
		referenceId,
		paymentStatus: state,
		updatedAt: new Date(NOW - minutesAgo * MINUTE).toISOString(),
		...extra,
	})!;
}

describe('readPaymentRow', () => {
	it('reads PayRam camelCase and tolerates snake_case', () => {
		expect(readPaymentRow({ referenceId: 'r', paymentStatus: 'canceled', webhookStatus: 'FAILED', updatedAt: '2026-12-01T12:00:00Z' })).toMatchObject({
			referenceId: 'r',
			state: 'CANCELLED',
			webhookStatus: 'failed',
			updatedAt: NOW,
		});
		expect(readPaymentRow({ reference_id: 'r', payment_status: 'FILLED', updated_at: '2026-12-01T12:00:00Z' })?.updatedAt).toBe(NOW);
	});

	it('falls back to createdAt, and skips rows without a reference or state', () => {
		expect(readPaymentRow({ referenceId: 'r', paymentStatus: 'OPEN', createdAt: '2026-12-01T12:00:00Z' })?.updatedAt).toBe(NOW);
		expect(readPaymentRow({ paymentStatus: 'OPEN' })).toBeUndefined();
		expect(readPaymentRow({ referenceId: 'r' })).toBeUndefined();
	});
});

describe('searchedStates', () => {
	it('covers the watched states and, for the net, the paid ones', () => {
		expect(searchedStates(EXPIRED)).toEqual(['CANCELLED']);
		expect(searchedStates({ ...NET, states: ['CANCELLED', 'FILLED'] })).toEqual(['CANCELLED', 'FILLED', 'OVER_FILLED', 'PARTIALLY_FILLED']);
	});
});

describe('matchCondition', () => {
	it('matches a watched state at its change, with the shared event id', () => {
		const match = matchCondition(row('r', 'CANCELLED', 3), EXPIRED, NOW);
		expect(match).toEqual({ condition: 'state', reachedAt: NOW - 3 * MINUTE, eventId: paymentEventId('r', 'CANCELLED', null) });
		expect(matchCondition(row('r', 'OPEN', 3), EXPIRED, NOW)).toBeUndefined();
	});

	it('matches a failed webhook at once and a pending one after the grace period', () => {
		expect(matchCondition(row('r', 'FILLED', 0, { webhookStatus: 'failed' }), NET, NOW)?.condition).toBe('webhookFailed');
		expect(matchCondition(row('r', 'FILLED', 9, { webhookStatus: 'pending' }), NET, NOW)).toBeUndefined();
		expect(matchCondition(row('r', 'FILLED', 10, { webhookStatus: 'pending' }), NET, NOW)).toMatchObject({ condition: 'webhookPending', reachedAt: NOW });
		expect(matchCondition(row('r', 'FILLED', 60, { webhookStatus: 'received' }), NET, NOW)).toBeUndefined();
		expect(matchCondition(row('r', 'CANCELLED', 60, { webhookStatus: 'failed' }), NET, NOW)).toBeUndefined();
	});
});

describe('scanFloor and reachedFloor', () => {
	const state = { since: NOW - 60 * MINUTE, cursor: NOW - MINUTE, emitted: {} };

	it('reads back to the cursor with an overlap, and the grace period for the net', () => {
		expect(scanFloor(state, EXPIRED, NOW)).toBe(NOW - MINUTE - OVERLAP_MS);
		expect(scanFloor(state, NET, NOW)).toBe(NOW - 10 * MINUTE - OVERLAP_MS);
	});

	it('stops at an empty page, the end of the results, or a row older than the floor', () => {
		const page = [row('a', 'CANCELLED', 1), row('b', 'CANCELLED', 5)];
		expect(reachedFloor([], 0, 0, 10, 0)).toBe(true);
		expect(reachedFloor(page, 2, 10, 10, 0)).toBe(true);
		expect(reachedFloor(page, 2, 2, 10, NOW - 3 * MINUTE)).toBe(true);
		expect(reachedFloor(page, 2, 2, 10, NOW - 6 * MINUTE)).toBe(false);
	});
});

describe('selectNewEvents', () => {
	it('emits each newly reached condition once, oldest first, and moves the cursor to the newest change', () => {
		const state = firstCursor(undefined, 60, NOW);
		const rows = [row('b', 'CANCELLED', 1), row('a', 'CANCELLED', 2), row('b', 'CANCELLED', 1)];
		const { reached, next } = selectNewEvents(rows, state, EXPIRED, NOW, scanFloor(state, EXPIRED, NOW));
		expect(reached.map(({ payment }) => payment.referenceId)).toEqual(['a', 'b']);
		expect(next.cursor).toBe(NOW - MINUTE);
		const again = selectNewEvents(rows, next, EXPIRED, NOW, scanFloor(next, EXPIRED, NOW));
		expect(again.reached).toEqual([]);
	});

	it('leaves out what was reached before since', () => {
		const state = { since: NOW - MINUTE, cursor: NOW - MINUTE, emitted: {} };
		expect(selectNewEvents([row('a', 'CANCELLED', 2)], state, EXPIRED, NOW, 0).reached).toEqual([]);
	});

	it('forgets ids below the floor, but keeps the newest ones', () => {
		const emitted = Object.fromEntries(Array.from({ length: REMEMBERED_IDS + 5 }, (_v, i) => [`id${i}`, NOW - (i + 100) * MINUTE]));
		const state = { since: 0, cursor: NOW, emitted };
		const { next } = selectNewEvents([], state, EXPIRED, NOW, NOW - MINUTE);
		expect(Object.keys(next.emitted)).toHaveLength(REMEMBERED_IDS);
		expect(next.emitted.id0).toBeDefined();
		expect(next.emitted[`id${REMEMBERED_IDS + 4}`]).toBeUndefined();
	});
});

describe('baselineIds', () => {
	it('remembers only conditions reached at the baseline time itself', () => {
		const rows = [row('a', 'CANCELLED', 0), row('b', 'CANCELLED', 1)];
		expect(Object.keys(baselineIds(rows, EXPIRED, NOW, NOW))).toEqual([paymentEventId('a', 'CANCELLED', null)]);
	});
});

describe('readWatchCursor and writeWatchCursor', () => {
	it('round-trip through JSON as readable times', () => {
		const staticData = {};
		writeWatchCursor(staticData, { since: NOW - MINUTE, cursor: NOW, emitted: { payment_x: NOW } });
		const stored = JSON.parse(JSON.stringify(staticData));
		expect(stored.paymentWatch.cursor).toBe('2026-12-01T12:00:00.000Z');
		expect(readWatchCursor(stored)).toEqual({ since: NOW - MINUTE, cursor: NOW, emitted: { payment_x: NOW } });
	});

	it('reads anything else as no cursor', () => {
		expect(readWatchCursor({})).toBeUndefined();
		expect(readWatchCursor({ paymentWatch: { since: 'x', cursor: 1 } })).toBeUndefined();
	});
});
