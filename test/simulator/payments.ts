// Payment links: create, read, pay on the checkout page, expire.
import { randomUUID } from 'node:crypto';
import { addressFor, ASSETS, CHAINS, DEPOSIT_PAIRS, transactionHashFor } from './chains';
import { divideDecimal, isDecimalString, isPositiveDecimal, multiplyDecimal, subtractDecimal, toPlainDecimal, compareDecimal } from './decimal';
import { invalidPaymentRequest, SimulatorError } from './errors';
import { isEmail, isNonEmptyString, type ApiResponse, type JsonFields } from './http';
import type { SimulatorContext } from './state';

export type PaymentState = 'OPEN' | 'FILLED' | 'PARTIALLY_FILLED' | 'OVER_FILLED' | 'CANCELLED';
export type PaidState = 'PARTIALLY_FILLED' | 'FILLED' | 'OVER_FILLED';

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
	createdAt: Date;
	updatedAt: Date;
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

	const now = sim.now();
	for (const other of sim.state.payments.values()) {
		if (other.customerId === customerId && other.paymentState === 'OPEN') {
			other.paymentState = 'CANCELLED';
			other.updatedAt = now;
		}
	}
	const referenceId = randomUUID();
	sim.state.payments.set(referenceId, {
		referenceId,
		invoiceId: isNonEmptyString(invoiceId) ? invoiceId : referenceId,
		customerId,
		customerEmail,
		amountInUsd,
		paymentState: 'OPEN',
		filledAmount: null,
		filledAmountInUsd: null,
		currencySymbol: null,
		blockchainSymbol: null,
		depositAddress: null,
		deposits: [],
		createdAt: now,
		updatedAt: now,
	});
	return {
		status: 200,
		body: { url: checkoutUrl(sim, referenceId), reference_id: referenceId, host: new URL(sim.config.url).host },
	};
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
	const price = ASSETS[currency].priceInUsd;
	payment.filledAmount = price === '1' ? amountUsd : divideDecimal(amountUsd, price, CRYPTO_AMOUNT_SCALE);
	payment.updatedAt = sim.now();
	return payment;
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
