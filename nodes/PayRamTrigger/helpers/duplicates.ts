/**
 * Remembers recently seen event ids, oldest forgotten first. Checking and recording happen in
 * one synchronous step, so concurrent deliveries in one process cannot both pass.
 */
export class SeenEvents {
	private readonly ids = new Set<string>();

	constructor(private readonly capacity: number) {}

	/** Records the id and says whether it was already there. */
	checkAndRecord(id: string): boolean {
		if (this.ids.has(id)) return true;
		this.ids.add(id);
		if (this.ids.size > this.capacity) {
			const oldest = this.ids.values().next().value as string;
			this.ids.delete(oldest);
		}
		return false;
	}

	/** Adds ids remembered elsewhere (e.g. before a restart), keeping their order. */
	restore(ids: readonly string[]): void {
		for (const id of ids) if (!this.ids.has(id)) this.checkAndRecord(id);
	}

	/** The newest ids, oldest first, at most `limit` of them. */
	newest(limit: number): string[] {
		return limit > 0 ? [...this.ids].slice(-limit) : [];
	}
}
