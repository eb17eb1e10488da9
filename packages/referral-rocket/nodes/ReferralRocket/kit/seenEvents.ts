// Copied from kit/seenEvents.ts by `npm run kit`: edit that file, not this copy.
// Seen-event memory for Skip Duplicate Events: in memory per trigger, the newest ids in static data across restarts.
import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

/** Ids kept in memory per trigger, and the newest of them kept in the workflow's static data across restarts. */
const SEEN_IN_MEMORY = 50000;
const SEEN_PERSISTED = 1000;

/**
 * Remembers recently seen event ids, oldest forgotten first. Checking and recording happen in
 * one synchronous step, so concurrent deliveries in one process cannot both pass.
 */
export class SeenEvents {
	private readonly ids = new Set<string>();

	/**
	 * The newest ids, oldest first, updated in place: static data holds this very array, so n8n serialises
	 * it as of each save and concurrent requests whose saves land out of order lose none.
	 */
	readonly newestIds: string[] = [];

	constructor(
		private readonly capacity: number,
		private readonly kept = capacity,
	) {}

	/** Records the id and says whether it was already there. */
	checkAndRecord(id: string): boolean {
		if (this.ids.has(id)) return true;
		this.ids.add(id);
		if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
		this.newestIds.push(id);
		if (this.newestIds.length > this.kept) this.newestIds.shift();
		return false;
	}

	/** Adds ids remembered elsewhere (e.g. before a restart), keeping their order. */
	restore(ids: readonly unknown[]): void {
		for (const id of ids) if (typeof id === 'string') this.checkAndRecord(id);
	}

	/** The newest ids, oldest first, at most `limit` of them. */
	newest(limit: number): string[] {
		return limit > 0 ? [...this.ids].slice(-limit) : [];
	}
}

const seenByTrigger = new Map<string, SeenEvents>();

/** This trigger's memory, shared by concurrent deliveries, seeded from static data written by any process. */
function memoryOf(ctx: IWebhookFunctions | IExecuteFunctions): { seen: SeenEvents; persisted: IDataObject } {
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
	const persisted = ctx.getWorkflowStaticData('node');
	let seen = seenByTrigger.get(key);
	if (!seen) {
		seen = new SeenEvents(SEEN_IN_MEMORY, SEEN_PERSISTED);
		seenByTrigger.set(key, seen);
	}
	if (Array.isArray(persisted.seenEventIds)) seen.restore(persisted.seenEventIds);
	return { seen, persisted };
}

/**
 * Records an event id received by webhook() and says whether it is a duplicate. The static data written
 * here is saved by n8n 1.x before the execution starts; n8n 2.x drops it, and store() covers that.
 */
export function remember(ctx: IWebhookFunctions, eventId: string): boolean {
	const { seen, persisted } = memoryOf(ctx);
	if (seen.checkAndRecord(eventId)) return true;
	persisted.seenEventIds = seen.newestIds;
	return false;
}

/**
 * Stores the ids of the events an execution started with, from execute(): n8n 1.x and 2.x save what the
 * execution changes. Whichever concurrent execution saves last stores the newest ids of its process.
 */
export function store(ctx: IExecuteFunctions, eventIds: readonly string[]): void {
	const { seen, persisted } = memoryOf(ctx);
	for (const eventId of eventIds) seen.checkAndRecord(eventId);
	persisted.seenEventIds = seen.newestIds;
}
