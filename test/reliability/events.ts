// PayRam webhook deliveries for the suite, built by the simulator's own code (current PayRam: signed POST).
import { randomUUID } from 'node:crypto';

import { addressFor, transactionHashFor } from '../simulator/chains';
import type { Payment } from '../simulator/payments';
import { paymentEventRequest, type WebhookRequest } from '../simulator/webhooks';
import type { LoadRequest } from '../../testing/n8n/load';

export interface SignedEvent {
	referenceId: string;
	request: WebhookRequest;
}

/** A FILLED payment of `amountUsd` USDC on Ethereum, as PayRam holds it after the customer paid. */
export function filledPayment(referenceId: string, sequence: number, amountUsd = '49.99'): Payment {
	const customerId = `cust_rel_${sequence}`;
	const now = new Date();
	const depositAddress = addressFor('ETH', referenceId);
	return {
		referenceId,
		invoiceId: `order-rel-${sequence}`,
		customerId,
		customerEmail: `${customerId}@example.com`,
		amountInUsd: amountUsd,
		paymentState: 'FILLED',
		filledAmount: amountUsd,
		filledAmountInUsd: amountUsd,
		currencySymbol: 'USDC',
		blockchainSymbol: 'ETH',
		depositAddress,
		deposits: [
			{
				sourceAddress: addressFor('ETH', `${customerId}:0`),
				transactionHash: transactionHashFor(`${referenceId}:0`),
				destinationAddress: depositAddress,
				blockNumber: 21_000_000 + sequence,
				amountInUsd: amountUsd,
			},
		],
		webhookStatus: 'pending',
		createdBy: 'system',
		createdAt: now,
		updatedAt: now,
	};
}

/** A distinct signed FILLED delivery (fresh reference_id) exactly as current PayRam sends it. */
export function signedFilledEvent(hookUrl: string, apiKey: string, sequence: number): SignedEvent {
	const referenceId = randomUUID();
	const request = paymentEventRequest({ url: hookUrl, mode: 'current' }, apiKey, filledPayment(referenceId, sequence), new Date());
	return { referenceId, request };
}

/** The delivery as the load generator sends it: same method, headers and bytes. */
export function asLoadRequest(event: SignedEvent): LoadRequest {
	return { method: event.request.method, headers: { ...event.request.headers }, body: event.request.rawBody };
}

export function signatureOf(event: SignedEvent): string {
	return event.request.headers['X-Payram-Signature'];
}
