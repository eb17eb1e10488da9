// Webhook deliveries PayRam pushes to the merchant: payment events, payout events, the dashboard ping.
import { createHmac } from 'node:crypto';
import { CHAINS } from './chains';
import { SimulatorError } from './errors';
import type { Headers } from '../../testing/simulator/http';
import type { WebhookRequest } from '../../testing/simulator/deliveries';

export { deliver, rawRequest } from '../../testing/simulator/deliveries';
export type { DeliveryResult, RawDelivery, WebhookRequest } from '../../testing/simulator/deliveries';
import type { Payment } from './payments';
import type { Payout } from './payouts';

/** current: signed POST with string amounts; legacy: the seed docs' GET with a JSON body, `payment_state` and number amounts. */
export type WebhookMode = 'current' | 'legacy';

export interface WebhookTarget {
	url: string;
	mode: WebhookMode;
}

const USER_AGENT = 'PayRam-Webhook/3.8.1-sim';

export function readWebhookTarget(input: unknown): WebhookTarget | null {
	if (input === null || input === undefined) return null;
	const { url, mode = 'current' } = input as Record<string, unknown>;
	if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new SimulatorError(400, 'webhook url must be an http(s) URL');
	if (mode !== 'current' && mode !== 'legacy') throw new SimulatorError(400, "webhook mode must be 'current' or 'legacy'");
	return { url, mode };
}

/** The value of X-Payram-Signature: HMAC-SHA256 of the exact body bytes, keyed with the project API key. */
export function signatureFor(apiKey: string, rawBody: string): string {
	return `sha256=${createHmac('sha256', apiKey).update(rawBody, 'utf8').digest('hex')}`;
}

function unixSeconds(at: Date): number {
	return Math.floor(at.getTime() / 1000);
}

function request(target: WebhookTarget, apiKey: string, payload: unknown, options: { method?: string; signed: boolean; extraHeaders?: Headers }): WebhookRequest {
	const rawBody = JSON.stringify(payload);
	const headers: Headers = {
		'Content-Type': 'application/json',
		'Content-Length': String(Buffer.byteLength(rawBody)),
		'User-Agent': USER_AGENT,
		...options.extraHeaders,
		'API-Key': apiKey,
	};
	if (options.signed) headers['X-Payram-Signature'] = signatureFor(apiKey, rawBody);
	return { method: options.method ?? (target.mode === 'legacy' ? 'GET' : 'POST'), url: target.url, headers, rawBody };
}

function numberOrNull(decimal: string | null): number | null {
	return decimal === null ? null : Number(decimal);
}

export function paymentPayload(mode: WebhookMode, payment: Payment, at: Date): Record<string, unknown> {
	const identity = {
		reference_id: payment.referenceId,
		invoice_id: payment.invoiceId,
		customer_id: payment.customerId,
		customer_email: payment.customerEmail,
	};
	if (mode === 'legacy') {
		// Older servers marshalled float64 amounts and named the fiat currency of those amounts.
		return {
			...identity,
			payment_state: payment.paymentState,
			amount: Number(payment.amountInUsd),
			filled_amount: numberOrNull(payment.filledAmount),
			filled_amount_in_usd: numberOrNull(payment.filledAmountInUsd),
			currency: 'USD',
			currency_symbol: payment.currencySymbol,
			blockchain_symbol: payment.blockchainSymbol,
			deposit_address: payment.depositAddress,
		};
	}
	const confirmations = payment.blockchainSymbol ? CHAINS[payment.blockchainSymbol].confirmationsRequired : 0;
	return {
		...identity,
		status: payment.paymentState,
		amount: payment.amountInUsd,
		currency: payment.currencySymbol,
		filled_amount: payment.filledAmount,
		filled_amount_in_usd: payment.filledAmountInUsd,
		timestamp: unixSeconds(at),
		confirmation_current: confirmations,
		confirmation_required: confirmations,
		payment_info: payment.deposits.map((deposit) => ({
			source_address: deposit.sourceAddress,
			transaction_hash: deposit.transactionHash,
			destination_address: deposit.destinationAddress,
			block_number: deposit.blockNumber,
		})),
	};
}

export function paymentEventRequest(target: WebhookTarget, apiKey: string, payment: Payment, at: Date): WebhookRequest {
	return request(target, apiKey, paymentPayload(target.mode, payment, at), { signed: target.mode === 'current' });
}

export function payoutEventRequest(target: WebhookTarget, apiKey: string, payout: Payout, at: Date): WebhookRequest {
	const payload = {
		event_type: `payout.${payout.status}`,
		payout_id: payout.id,
		status: payout.status,
		network: payout.blockchainCode,
		token: payout.currencyCode,
		amount: payout.amount,
		tx_hash: payout.txHash,
		to_address: payout.toAddress,
		timestamp: unixSeconds(at),
	};
	return request(target, apiKey, payload, { signed: target.mode === 'current' });
}

/** The dashboard's connectivity test is a current-PayRam feature, so it is always a POST. */
export function pingRequest(target: WebhookTarget, apiKey: string, signed: boolean, at: Date): WebhookRequest {
	const payload = { event_type: 'payout.ping', timestamp: unixSeconds(at) };
	return request(target, apiKey, payload, { method: 'POST', signed, extraHeaders: { 'X-Webhook-Test': 'true' } });
}
