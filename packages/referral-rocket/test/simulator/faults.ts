// Referral Rocket's side of the injected faults: its API prefix, Spring's failure body, and bursts of 429 or 503 answers.
import { consume, invalidFaults, readCounted, readFaults, takeFault, type CountedFault, type FaultAction, type Faults } from '../../../../testing/simulator/faults';
import type { ApiResponse } from '../../../../testing/simulator/http';
import { API_PREFIX } from './api';
import { failureBody } from './responses';

export interface ReferralRocketFaults extends Faults {
	/** Answer the next requests 429 with `Retry-After` (Referral Rocket documents no limit; a proxy in front may have one). */
	throttleNext?: CountedFault & { retryAfterSeconds?: number };
}

/** The common faults plus throttleNext, checked as they arrive over the control API. */
export function readReferralRocketFaults(input: unknown): ReferralRocketFaults {
	const faults: ReferralRocketFaults = readFaults(input);
	const source = (input as Record<string, unknown> | null | undefined)?.throttleNext;
	const throttleNext = readCounted(source, 'throttleNext');
	if (throttleNext) {
		const retryAfter = (source as Record<string, unknown>).retryAfterSeconds;
		if (retryAfter !== undefined && (typeof retryAfter !== 'number' || retryAfter < 0)) invalidFaults('throttleNext.retryAfterSeconds must be a non-negative number');
		faults.throttleNext = { ...throttleNext, ...(retryAfter !== undefined && { retryAfterSeconds: retryAfter as number }) };
	}
	return faults;
}

/** What happens to one API request (/api/v1/* only); a throttle burst comes before the other faults. */
export function takeReferralRocketFault(faults: ReferralRocketFaults, path: string): FaultAction {
	if (path.startsWith(API_PREFIX) && consume(faults.throttleNext, path, API_PREFIX)) {
		const response: ApiResponse = {
			status: 429,
			body: failureBody(429),
			headers: { 'Retry-After': String(faults.throttleNext?.retryAfterSeconds ?? 0) },
		};
		return { kind: 'fail', response };
	}
	return takeFault(faults, path, { apiPrefix: API_PREFIX, failureBody });
}
