import { SeenEvents } from '../../../kit/seenEvents';

describe('SeenEvents', () => {
	describe('checkAndRecord', () => {
		it('says false the first time and records; true afterwards', () => {
			const seen = new SeenEvents(10);
			expect(seen.checkAndRecord('a')).toBe(false);
			expect(seen.checkAndRecord('a')).toBe(true);
			expect(seen.checkAndRecord('a')).toBe(true);
			expect(seen.checkAndRecord('b')).toBe(false);
			expect(seen.newest(10)).toEqual(['a', 'b']);
		});

		it('lets exactly one of many synchronous callers pass for the same id', () => {
			const seen = new SeenEvents(10);
			const results = Array.from({ length: 20 }, () => seen.checkAndRecord('evt'));
			expect(results.filter((duplicate) => !duplicate)).toHaveLength(1);
			expect(results[0]).toBe(false);
		});

		it('does not record an id twice nor move it when seen again', () => {
			const seen = new SeenEvents(10);
			seen.checkAndRecord('a');
			seen.checkAndRecord('b');
			seen.checkAndRecord('a');
			expect(seen.newest(10)).toEqual(['a', 'b']);
		});
	});

	describe('capacity', () => {
		it('forgets the oldest id first', () => {
			const seen = new SeenEvents(3);
			for (const id of ['a', 'b', 'c', 'd']) expect(seen.checkAndRecord(id)).toBe(false);
			expect(seen.newest(10)).toEqual(['b', 'c', 'd']);
			expect(seen.checkAndRecord('b')).toBe(true);
			expect(seen.checkAndRecord('c')).toBe(true);
			expect(seen.checkAndRecord('d')).toBe(true);
			// 'a' was forgotten: it passes again, and is now the newest, pushing out 'b'.
			expect(seen.checkAndRecord('a')).toBe(false);
			expect(seen.newest(10)).toEqual(['c', 'd', 'a']);
		});

		it('never holds more than its capacity', () => {
			const seen = new SeenEvents(5);
			for (let i = 0; i < 100; i++) seen.checkAndRecord(`id-${i}`);
			expect(seen.newest(1000)).toEqual(['id-95', 'id-96', 'id-97', 'id-98', 'id-99']);
		});

		it('works with a capacity of one', () => {
			const seen = new SeenEvents(1);
			expect(seen.checkAndRecord('a')).toBe(false);
			expect(seen.checkAndRecord('a')).toBe(true);
			expect(seen.checkAndRecord('b')).toBe(false);
			expect(seen.checkAndRecord('a')).toBe(false);
			expect(seen.newest(5)).toEqual(['a']);
		});
	});

	describe('restore', () => {
		it('keeps the order of the restored ids (oldest first)', () => {
			const seen = new SeenEvents(10);
			seen.restore(['a', 'b', 'c']);
			expect(seen.newest(10)).toEqual(['a', 'b', 'c']);
			expect(seen.checkAndRecord('b')).toBe(true);
			expect(seen.checkAndRecord('d')).toBe(false);
			expect(seen.newest(10)).toEqual(['a', 'b', 'c', 'd']);
		});

		it('keeps the newest restored ids when they exceed the capacity', () => {
			const seen = new SeenEvents(2);
			seen.restore(['a', 'b', 'c']);
			expect(seen.newest(10)).toEqual(['b', 'c']);
		});

		it('leaves ids already known where they are and adds the others after them', () => {
			const seen = new SeenEvents(10);
			seen.checkAndRecord('x');
			seen.checkAndRecord('a');
			seen.restore(['a', 'b']);
			expect(seen.newest(10)).toEqual(['x', 'a', 'b']);
		});

		it('is idempotent (restoring the same snapshot on every request)', () => {
			const seen = new SeenEvents(10);
			seen.restore(['a', 'b']);
			seen.restore(['a', 'b']);
			seen.restore(['a', 'b']);
			expect(seen.newest(10)).toEqual(['a', 'b']);
		});

		it('restores what newest() saved (round trip through static data)', () => {
			const before = new SeenEvents(100);
			for (let i = 0; i < 30; i++) before.checkAndRecord(`id-${i}`);
			const saved = JSON.parse(JSON.stringify(before.newest(20))) as string[];
			const after = new SeenEvents(100);
			after.restore(saved);
			expect(after.newest(100)).toEqual(saved);
			expect(after.checkAndRecord('id-29')).toBe(true);
			expect(after.checkAndRecord('id-10')).toBe(true);
			expect(after.checkAndRecord('id-9')).toBe(false);
		});
	});

	describe('newest', () => {
		it('returns at most limit ids, oldest first', () => {
			const seen = new SeenEvents(10);
			for (const id of ['a', 'b', 'c', 'd']) seen.checkAndRecord(id);
			expect(seen.newest(2)).toEqual(['c', 'd']);
			expect(seen.newest(4)).toEqual(['a', 'b', 'c', 'd']);
			expect(seen.newest(100)).toEqual(['a', 'b', 'c', 'd']);
		});

		it('returns an empty list when nothing was seen', () => {
			expect(new SeenEvents(10).newest(5)).toEqual([]);
		});

		it('returns a copy', () => {
			const seen = new SeenEvents(10);
			seen.checkAndRecord('a');
			const list = seen.newest(5);
			list.push('b');
			expect(seen.newest(5)).toEqual(['a']);
		});

		it('newest(0) returns every id instead of none (slice(-0) is slice(0))', () => {
			const seen = new SeenEvents(10);
			seen.checkAndRecord('a');
			seen.checkAndRecord('b');
			expect(seen.newest(0)).toEqual([]);
		});
	});

	describe('newestIds (the array static data holds)', () => {
		it('is a real array of the newest kept ids, oldest first, updated in place', () => {
			const seen = new SeenEvents(10, 3);
			const held = seen.newestIds;
			for (const id of ['a', 'b', 'c', 'd']) seen.checkAndRecord(id);
			seen.checkAndRecord('b');
			expect(Array.isArray(held)).toBe(true);
			expect(seen.newestIds).toBe(held);
			expect(JSON.parse(JSON.stringify({ seenEventIds: held }))).toEqual({ seenEventIds: ['b', 'c', 'd'] });
		});
	});
});
