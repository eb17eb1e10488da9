// Payment links: create, read, pay on the checkout page, expire.
import { randomUUID } from 'node:crypto';
import { addressFor, ASSETS, CHAINS, DEPOSIT_PAIRS, transactionHashFor } from './chains';
import { divideDecimal, isDecimalString, isPositiveDecimal, multiplyDecimal, subtractDecimal, toPlainDecimal, compareDecimal } from '../../testing/simulator/decimal';
import { invalidPaymentRequest, SimulatorError } from './errors';
import { isEmail, isNonEmptyString, type ApiResponse } from '../../testing/simulator/http';
import { type JsonFields } from './jsonFields';
import type { SimulatorContext } from './state';

export type PaymentState = 'OPEN' | 'FILLED' | 'PARTIALLY_FILLED' | 'OVER_FILLED' | 'CANCELLED';
export type PaidState = 'PARTIALLY_FILLED' | 'FILLED' | 'OVER_FILLED';
/** How the webhook of the payment's latest state change went: pending until a delivery got an answer. */
export type WebhookStatus = 'pending' | 'received' | 'failed';
/** `system` for links created through the API, `user` for links a dashboard user created. */
export type CreatedBy = 'user' | 'system';

export interface PayOptions {
	state: PaidState;
	/** USD paid so far, cumulative over the payment's deposits. */
	amountUsd?: string;
	currency?: string;
	network?: string;
}

export interface Deposit {
	sourceAddress: string;
	transactionHash: string;
	destinationAddress: string;
	blockNumber: number;
	amountInUsd: string;
}

export interface Payment {
	referenceId: string;
	invoiceId: string;
	customerId: string;
	customerEmail: string;
	/** Exactly the literal the merchant sent, e.g. "49.990". */
	amountInUsd: string;
	paymentState: PaymentState;
	filledAmount: string | null;
	filledAmountInUsd: string | null;
	currencySymbol: string | null;
	blockchainSymbol: string | null;
	depositAddress: string | null;
	deposits: Deposit[];
	webhookStatus: WebhookStatus;
	createdBy: CreatedBy;
	createdAt: Date;
	/** Moves on every change of state or webhook status: pollers page by it. */
	updatedAt: Date;
}

/** A payment the control API adds as if a dashboard user (or the API, at another time) had created it. */
export interface NewPayment {
	customerEmail?: string;
	customerId?: string;
	amountInUsd?: string;
	invoiceId?: string;
	createdBy?: CreatedBy;
	/** ISO 8601; defaults to the simulator's clock. */
	createdAt?: string;
}

const PAID_STATES: PaidState[] = ['PARTIALLY_FILLED', 'FILLED', 'OVER_FILLED'];
const CRYPTO_AMOUNT_SCALE = 18;

function readAmountInUsd(fields: JsonFields): string | ApiResponse {
	const amount = fields.get('amountinusd');
	if (amount === undefined || amount.value === null) return invalidPaymentRequest('amountInUSD is required.');
	if (typeof amount.value !== 'number') return invalidPaymentRequest('amountInUSD must be a number.');
	let literal: string;
	try {
		literal = toPlainDecimal(amount.raw);
	} catch {
		return invalidPaymentRequest('amountInUSD is out of range.');
	}
	if (!isPositiveDecimal(literal)) return invalidPaymentRequest('Amount should be greater than 0.');
	return literal;
}

export function createPayment(sim: SimulatorContext, fields: JsonFields): ApiResponse {
	const customerEmail = fields.get('customeremail')?.value;
	const customerId = fields.get('customerid')?.value;
	const invoiceId = fields.get('invoiceid')?.value;
	if (customerEmail === undefined || customerEmail === null) return invalidPaymentRequest('customerEmail is required.');
	if (!isEmail(customerEmail)) return invalidPaymentRequest('customerEmail must be a valid email address.');
	if (!isNonEmptyString(customerId)) return invalidPaymentRequest('customerId is required and must be a non-empty string.');
	if (invoiceId !== undefined && invoiceId !== null && typeof invoiceId !== 'string') {
		return invalidPaymentRequest('invoiceID must be a string.');
	}
	const amountInUsd = readAmountInUsd(fields);
	if (typeof amountInUsd !== 'string') return amountInUsd;

	const code5 = sim.faults.code5;
	if (code5) {
		return { status: code5.status, body: { code: 5, message: 'Error occurred while creating the payment request.' } };
	}

	const referenceId = insertPayment(sim, {
		customerEmail,
		customerId,
		amountInUsd,
		invoiceId: isNonEmptyString(invoiceId) ? invoiceId : undefined,
		createdBy: 'system',
	}).referenceId;
	return {
		status: 200,
		body: { url: checkoutUrl(sim, referenceId), reference_id: referenceId, host: new URL(sim.config.url).host },
	};
}

/** Stores a new OPEN payment, cancelling the customer's other open ones as PayRam does. */
function insertPayment(sim: SimulatorContext, fields: Required<Omit<NewPayment, 'invoiceId' | 'createdAt'>> & NewPayment): Payment {
	const now = sim.now();
	for (const other of sim.state.payments.values()) {
		if (other.customerId === fields.customerId && other.paymentState === 'OPEN') {
			other.paymentState = 'CANCELLED';
			other.updatedAt = now;
		}
	}
	const referenceId = randomUUID();
	const createdAt = fields.createdAt === undefined ? now : new Date(fields.createdAt);
	const payment: Payment = {
		referenceId,
		invoiceId: fields.invoiceId ?? referenceId,
		customerId: fields.customerId,
		customerEmail: fields.customerEmail,
		amountInUsd: fields.amountInUsd,
		paymentState: 'OPEN',
		filledAmount: null,
		filledAmountInUsd: null,
		currencySymbol: null,
		blockchainSymbol: null,
		depositAddress: null,
		deposits: [],
		webhookStatus: 'pending',
		createdBy: fields.createdBy,
		createdAt,
		updatedAt: createdAt,
	};
	sim.state.payments.set(referenceId, payment);
	return payment;
}

/** The control API's way to add a payment without the API's checks, e.g. one created by a dashboard user last week. */
export function addPayment(sim: SimulatorContext, input: NewPayment): Payment {
	const amountInUsd = input.amountInUsd ?? '10';
	if (!isDecimalString(amountInUsd) || !isPositiveDecimal(amountInUsd)) throw new SimulatorError(400, 'amountInUsd must be a positive decimal string');
	if (input.createdBy !== undefined && input.createdBy !== 'user' && input.createdBy !== 'system') {
		throw new SimulatorError(400, "createdBy must be 'user' or 'system'");
	}
	if (input.createdAt !== undefined && Number.isNaN(Date.parse(input.createdAt))) throw new SimulatorError(400, 'createdAt must be an ISO 8601 time');
	const customerId = input.customerId ?? `cust_${sim.state.payments.size + 1}`;
	return insertPayment(sim, {
		customerEmail: input.customerEmail ?? `${customerId}@example.com`,
		customerId,
		amountInUsd,
		invoiceId: input.invoiceId,
		createdBy: input.createdBy ?? 'user',
		createdAt: input.createdAt,
	});
}

function checkoutUrl(sim: SimulatorContext, referenceId: string): string {
	return `${sim.config.url}/checkout/${encodeURIComponent(referenceId)}`;
}

/** Links expire on their own; PayRam pushes no webhook for that, so it is only seen by reading. */
export function expireStalePayments(sim: SimulatorContext): void {
	const now = sim.now();
	for (const payment of sim.state.payments.values()) {
		if (payment.paymentState === 'OPEN' && now.getTime() - payment.createdAt.getTime() >= sim.config.paymentExpiryMs) {
			payment.paymentState = 'CANCELLED';
			payment.updatedAt = now;
		}
	}
}

export function paymentRequestData(sim: SimulatorContext, payment: Payment): Record<string, unknown> {
	const asset = payment.currencySymbol ? ASSETS[payment.currencySymbol] : undefined;
	const chain = payment.blockchainSymbol ? CHAINS[payment.blockchainSymbol] : undefined;
	const lastDeposit = payment.deposits[payment.deposits.length - 1];
	return {
		referenceID: payment.referenceId,
		invoiceID: payment.invoiceId,
		customerID: payment.customerId,
		currencySymbol: payment.currencySymbol,
		blockchainSymbol: payment.blockchainSymbol,
		currencyAddress: asset && payment.blockchainSymbol ? (asset.contracts[payment.blockchainSymbol] ?? null) : null,
		currencyName: asset?.name ?? null,
		currencyDesc: asset && chain ? `${asset.name} on ${chain.name}` : null,
		currencyDecimals: asset?.decimals ?? null,
		amountInUSD: payment.amountInUsd,
		filledAmount: payment.filledAmount,
		filledAmountInUSD: payment.filledAmountInUsd,
		paymentState: payment.paymentState,
		merchantName: sim.config.merchantName,
		depositAddress: payment.depositAddress,
		successURL: `${sim.config.url}/checkout/${encodeURIComponent(payment.referenceId)}/success`,
		cancelURL: `${sim.config.url}/checkout/${encodeURIComponent(payment.referenceId)}/cancel`,
		createdAt: payment.createdAt.toISOString(),
		explorerTransaction: chain && lastDeposit ? `${chain.explorerTx}${lastDeposit.transactionHash}` : '',
		externalPlatformID: 1,
	};
}

export function getPayment(sim: SimulatorContext, referenceId: string): ApiResponse {
	const payment = sim.state.payments.get(referenceId);
	// PayRam answers an unknown reference with 401, not 404.
	if (!payment) return { status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'Unauthorised access!' } } };
	return { status: 200, body: paymentRequestData(sim, payment) };
}

export function findPayment(sim: SimulatorContext, referenceId: string): Payment {
	const payment = sim.state.payments.get(referenceId);
	if (!payment) throw new SimulatorError(404, `unknown payment reference ${referenceId}`);
	return payment;
}

function defaultAmountUsd(payment: Payment, state: PaidState): string {
	if (state === 'PARTIALLY_FILLED') return multiplyDecimal(payment.amountInUsd, '0.5');
	if (state === 'OVER_FILLED') return multiplyDecimal(payment.amountInUsd, '1.1');
	return payment.amountInUsd;
}

/** A USD amount in units of the currency, at the simulator's fixed price (stablecoins 1:1, digits kept). */
export function usdInCurrency(amountUsd: string, currency: string): string {
	const price = ASSETS[currency].priceInUsd;
	return price === '1' ? amountUsd : divideDecimal(amountUsd, price, CRYPTO_AMOUNT_SCALE);
}

/** Moves a payment as the customer's deposits would; the caller delivers the webhook. */
export function applyPayment(sim: SimulatorContext, referenceId: string, options: PayOptions): Payment {
	const payment = findPayment(sim, referenceId);
	if (!PAID_STATES.includes(options.state)) {
		throw new SimulatorError(400, `state must be one of ${PAID_STATES.join(', ')}`);
	}
	if (payment.paymentState !== 'OPEN' && payment.paymentState !== 'PARTIALLY_FILLED') {
		throw new SimulatorError(409, `payment ${referenceId} is ${payment.paymentState} and cannot be paid`);
	}
	const network = options.network ?? payment.blockchainSymbol ?? 'ETH';
	const currency = options.currency ?? payment.currencySymbol ?? 'USDC';
	if (!DEPOSIT_PAIRS[network]?.includes(currency)) {
		throw new SimulatorError(400, `${currency} on ${network} is not a supported deposit pair`);
	}
	const amountUsd = options.amountUsd ?? defaultAmountUsd(payment, options.state);
	if (!isDecimalString(amountUsd) || !isPositiveDecimal(amountUsd)) {
		throw new SimulatorError(400, 'amountUsd must be a positive decimal string');
	}
	const alreadyPaid = payment.filledAmountInUsd ?? '0';
	const depositAddress = payment.depositAddress ?? addressFor(network, payment.referenceId);
	if (compareDecimal(amountUsd, alreadyPaid) > 0) {
		payment.deposits.push({
			sourceAddress: addressFor(network, `${payment.customerId}:${payment.deposits.length}`),
			transactionHash: transactionHashFor(`${payment.referenceId}:${payment.deposits.length}`),
			destinationAddress: depositAddress,
			blockNumber: sim.state.nextBlockNumber++,
			amountInUsd: subtractDecimal(amountUsd, alreadyPaid),
		});
	}
	payment.paymentState = options.state;
	payment.blockchainSymbol = network;
	payment.currencySymbol = currency;
	payment.depositAddress = depositAddress;
	payment.filledAmountInUsd = amountUsd;
	payment.filledAmount = usdInCurrency(amountUsd, currency);
	// The new state's notification has not been delivered yet.
	payment.webhookStatus = 'pending';
	payment.updatedAt = sim.now();
	return payment;
}

/** Records how the webhook of the payment's latest state went: any 2xx is received, anything else failed. */
export function recordWebhookOutcome(sim: SimulatorContext, payment: Payment, status: number): void {
	payment.webhookStatus = status >= 200 && status < 300 ? 'received' : 'failed';
	payment.updatedAt = sim.now();
}

export function cancelPayment(sim: SimulatorContext, referenceId: string): Payment {
	const payment = findPayment(sim, referenceId);
	if (payment.paymentState !== 'OPEN' && payment.paymentState !== 'PARTIALLY_FILLED') {
		throw new SimulatorError(409, `payment ${referenceId} is ${payment.paymentState} and cannot expire`);
	}
	payment.paymentState = 'CANCELLED';
	payment.updatedAt = sim.now();
	return payment;
}
