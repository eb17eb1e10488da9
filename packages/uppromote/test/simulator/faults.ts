// UpPromote's side of the injected faults: its API prefix, its failure body, and bursts of 429 answers.
import { consume, readCounted, readFaults, takeFault, type CountedFault, type FaultAction, type Faults } from '../../../../testing/simulator/faults';
import { API_PREFIX } from './api';
import { failureBody } from './responses';

export interface UpPromoteFaults extends Faults {
	/** Answer the next requests 429 as if the store's window were used up, whatever the count. */
	throttleNext?: CountedFault;
}

/** The common faults plus throttleNext, checked as they arrive over the control API. */
export function readUpPromoteFaults(input: unknown): UpPromoteFaults {
	const faults: UpPromoteFaults = readFaults(input);
	const throttleNext = readCounted((input as Record<string, unknown> | null | undefined)?.throttleNext, 'throttleNext');
	if (throttleNext) faults.throttleNext = throttleNext;
	return faults;
}

/** What happens to one request to UpPromote's API (/api/v2/* only); a throttle burst comes before the other faults. */
export function takeUpPromoteFault(faults: UpPromoteFaults, path: string): FaultAction | { kind: 'throttle' } {
	if (path.startsWith(API_PREFIX) && consume(faults.throttleNext, path, API_PREFIX)) return { kind: 'throttle' };
	return takeFault(faults, path, { apiPrefix: API_PREFIX, failureBody });
}
