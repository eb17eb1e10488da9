// PayRam's side of the injected faults: its API prefix, its failure body, and its own "code 5" fault.
import { invalidFaults, readFaults, takeFault, type FaultAction, type Faults } from '../../testing/simulator/faults';

export interface PayRamFaults extends Faults {
	/** Create-payment answers PayRam's "code 5" (project setup incomplete) with this HTTP status. */
	code5?: { status: 200 | 500 } | null;
}

export const API_PREFIX = '/api/v1/';

const FAILURE_CODES: Record<number, string> = {
	500: 'INTERNAL_ERROR',
	502: 'BAD_GATEWAY',
	503: 'SERVICE_UNAVAILABLE',
	504: 'GATEWAY_TIMEOUT',
};

/** The common faults plus code5, checked as they arrive over the control API. */
export function readPayRamFaults(input: unknown): PayRamFaults {
	const faults: PayRamFaults = readFaults(input);
	const code5 = (input as Record<string, unknown> | null | undefined)?.code5;
	if (code5 !== undefined && code5 !== null) {
		const status = (code5 as Record<string, unknown>).status;
		if (status !== 200 && status !== 500) invalidFaults('code5.status must be 200 or 500');
		faults.code5 = { status };
	}
	return faults;
}

/** What happens to one request to PayRam's API (/api/v1/* only). */
export function takePayRamFault(faults: PayRamFaults, path: string): FaultAction {
	return takeFault(faults, path, {
		apiPrefix: API_PREFIX,
		failureBody: (status) => ({ error: { code: FAILURE_CODES[status] ?? 'SIMULATED_FAILURE', message: `simulated ${status} failure` } }),
	});
}
