// The simulator's in-memory PayRam project: everything a reset() throws away.
import type { PayRamFaults as Faults } from './faults';
import type { RecordedRequest } from '../../testing/simulator/http';
import type { Payment } from './payments';
import type { Payout } from './payouts';
import type { CampaignEvent, ReferralEvent, ReferralMember } from './referrals';
import type { DeliveryResult, WebhookTarget } from './webhooks';

export interface SimulatorState {
	payments: Map<string, Payment>;
	referralMembers: ReferralMember[];
	referralEvents: ReferralEvent[];
	payouts: Payout[];
	idempotencyKeys: Map<string, { payoutId: number; acceptedAt: Date }>;
	/** Shared by payment deposits and payout transactions so block numbers only grow. */
	nextBlockNumber: number;
}

export interface SimulatorConfig {
	url: string;
	apiKey: string;
	merchantName: string;
	paymentExpiryMs: number;
	idempotencyWindowMs: number;
	deliveryTimeoutMs: number;
	eventKeys: Record<string, CampaignEvent>;
	payoutListEnvelope: boolean;
	/** At most this many search rows per page, whatever the limit asked (undefined: the limit decides). */
	searchPageCap?: number;
}

export type { RecordedRequest } from '../../testing/simulator/http';

/** What request handlers and simulator operations work on. */
export interface SimulatorContext {
	config: SimulatorConfig;
	state: SimulatorState;
	faults: Faults;
	webhook: WebhookTarget | null;
	requests: RecordedRequest[];
	deliveries: DeliveryResult[];
	/** The simulator's clock: real time plus what the control API advanced it by. */
	now(): Date;
}

export function emptyState(): SimulatorState {
	return {
		payments: new Map(),
		referralMembers: [],
		referralEvents: [],
		payouts: [],
		idempotencyKeys: new Map(),
		nextBlockNumber: 21_000_000,
	};
}
