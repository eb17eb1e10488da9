// Merchant payouts (withdrawals): create with Idempotency-Key, read, list, and status changes.
import { addressFor, ASSETS, CHAINS, isNativeAsset, PAYOUT_PAIRS, transactionHashFor } from './chains';
import { compareDecimal, isDecimalString, isPositiveDecimal, multiplyDecimal } from '../../testing/simulator/decimal';
import { payoutValidationFailed, SimulatorError } from './errors';
import { isEmail, isNonEmptyString, type ApiResponse } from '../../testing/simulator/http';
import { type JsonFields } from './jsonFields';
import type { SimulatorContext } from './state';

export const PAYOUT_STATUSES = [
	'pending-otp-verification',
	'pending-approval',
	'pending',
	'initiated',
	'sent',
	'processed',
	'failed',
	'rejected',
	'cancelled',
] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export interface Payout {
	id: number;
	status: PayoutStatus;
	email: string;
	blockchainCode: string;
	currencyCode: string;
	/** Exactly the string the merchant sent. */
	amount: string;
	amountInUsd: string;
	toAddress: string;
	customerId: string | null;
	mobileNumber: string | null;
	residentialAddress: string | null;
	txHash: string | null;
	blockNumber: number | null;
	failureReason: string | null;
	createdAt: Date;
	updatedAt: Date;
}

// Payouts above this USD value wait for a person to approve them (PayRam's default policy).
const AUTO_APPROVAL_LIMIT_USD = '500';
const MAX_PAGE_SIZE = 100;
const HOT_WALLET_SEED = 'merchant-hot-wallet';

function optionalString(fields: JsonFields, name: string, problems: Record<string, string>): string | null {
	const value = fields.get(name.toLowerCase())?.value;
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string') problems[name] = 'must be a string';
	return typeof value === 'string' ? value : null;
}

export function createPayout(sim: SimulatorContext, fields: JsonFields, idempotencyKey: string | undefined): ApiResponse {
	const now = sim.now();
	if (idempotencyKey !== undefined) {
		const earlier = sim.state.idempotencyKeys.get(idempotencyKey);
		if (earlier && now.getTime() - earlier.acceptedAt.getTime() < sim.config.idempotencyWindowMs) {
			return {
				status: 409,
				body: { error: { code: 'DUPLICATE_REQUEST', message: 'A payout with this Idempotency-Key was already accepted' } },
			};
		}
	}

	const problems: Record<string, string> = {};
	const email = fields.get('email')?.value;
	const blockchainCode = fields.get('blockchaincode')?.value;
	const currencyCode = fields.get('currencycode')?.value;
	const amount = fields.get('amount')?.value;
	const toAddress = fields.get('toaddress')?.value;
	if (!isEmail(email)) problems.email = 'must be a valid email address';
	if (typeof blockchainCode !== 'string' || !PAYOUT_PAIRS[blockchainCode]) {
		problems.blockchainCode = `must be one of ${Object.keys(PAYOUT_PAIRS).join(', ')}`;
	} else if (typeof currencyCode !== 'string' || !PAYOUT_PAIRS[blockchainCode].includes(currencyCode)) {
		problems.currencyCode = `must be one of ${PAYOUT_PAIRS[blockchainCode].join(', ')} on ${blockchainCode}`;
	}
	if (!isDecimalString(amount)) problems.amount = 'must be a decimal string';
	else if (!isPositiveDecimal(amount)) problems.amount = 'must be greater than 0';
	if (!isNonEmptyString(toAddress)) problems.toAddress = 'is required';
	else if (!problems.blockchainCode && !CHAINS[blockchainCode as string].addressPattern.test(toAddress)) {
		problems.toAddress = `is not a valid ${blockchainCode} address`;
	}
	const customerId = optionalString(fields, 'customerID', problems);
	const mobileNumber = optionalString(fields, 'mobileNumber', problems);
	const residentialAddress = optionalString(fields, 'residentialAddress', problems);
	if (Object.keys(problems).length > 0) return payoutValidationFailed(problems);

	const chain = blockchainCode as string;
	const asset = currencyCode as string;
	const payoutAmount = amount as string;
	const amountInUsd = ASSETS[asset].priceInUsd === '1' ? payoutAmount : multiplyDecimal(payoutAmount, ASSETS[asset].priceInUsd);
	const payout: Payout = {
		id: sim.state.payouts.length + 1,
		status: compareDecimal(amountInUsd, AUTO_APPROVAL_LIMIT_USD) > 0 ? 'pending-approval' : 'pending',
		email: email as string,
		blockchainCode: chain,
		currencyCode: asset,
		amount: payoutAmount,
		amountInUsd,
		toAddress: toAddress as string,
		customerId,
		mobileNumber,
		residentialAddress,
		txHash: null,
		blockNumber: null,
		failureReason: null,
		createdAt: now,
		updatedAt: now,
	};
	sim.state.payouts.push(payout);
	if (idempotencyKey !== undefined) sim.state.idempotencyKeys.set(idempotencyKey, { payoutId: payout.id, acceptedAt: now });
	return { status: 201, body: withdrawalRecord(payout) };
}

export function withdrawalRecord(payout: Payout): Record<string, unknown> {
	const asset = ASSETS[payout.currencyCode];
	const chain = CHAINS[payout.blockchainCode];
	const extras = { customerID: payout.customerId, mobileNumber: payout.mobileNumber, residentialAddress: payout.residentialAddress };
	const hasExtras = Object.values(extras).some((value) => value !== null);
	const onChain = payout.txHash !== null;
	return {
		id: payout.id,
		currencyCode: payout.currencyCode,
		blockchainCode: payout.blockchainCode,
		amount: payout.amount,
		priceInUSD: asset.priceInUsd,
		amountInUSD: payout.amountInUsd,
		fee: null,
		fromAddress: onChain ? addressFor(payout.blockchainCode, HOT_WALLET_SEED) : null,
		toAddress: payout.toAddress,
		recipientEmail: payout.email,
		tokenAddress: asset.contracts[payout.blockchainCode] ?? null,
		txHash: payout.txHash,
		uniqueTxHash: payout.txHash,
		txIndex: onChain ? 0 : null,
		blockHash: onChain ? transactionHashFor(`block:${payout.blockNumber}`) : null,
		status: payout.status,
		blockNumber: payout.blockNumber,
		type: 'payout_merchant',
		currencyType: isNativeAsset(payout.blockchainCode, payout.currencyCode) ? 'native' : 'token',
		timestamp: onChain ? payout.updatedAt.toISOString() : null,
		attributes: hasExtras ? JSON.stringify(extras) : null,
		failureReason: payout.failureReason,
		webhookStatus: null,
		retryCount: 0,
		lastRetryAt: null,
		memberID: 1,
		createdByMemberID: null,
		createdByProjectID: 1,
		rejectedByMemberID: null,
		approvedByMemberID: null,
		externalPlatformID: 1,
		currencyID: asset.id,
		blockchainID: chain.id,
		createdBy: 'merchant_api',
		member: null,
		createdByMember: null,
		createdByProject: null,
		rejectedByMember: null,
		approvedByMember: null,
		currency: null,
		blockchain: null,
		externalPlatform: null,
		createdAt: payout.createdAt.toISOString(),
		updatedAt: payout.updatedAt.toISOString(),
		deletedAt: null,
	};
}

export function getPayout(sim: SimulatorContext, idText: string): ApiResponse {
	if (!/^\d+$/.test(idText)) return { status: 400, body: { error: { code: 'BAD_REQUEST', message: 'invalid withdrawal id' } } };
	const payout = sim.state.payouts.find((candidate) => candidate.id === Number(idText));
	if (!payout) return { status: 404, body: { message: 'Payout not found' } };
	return { status: 200, body: withdrawalRecord(payout) };
}

function badQuery(message: string): ApiResponse {
	return { status: 400, body: { error: { code: 'BAD_REQUEST', message } } };
}

const SORT_KEYS: Record<string, (a: Payout, b: Payout) => number> = {
	id: (a, b) => a.id - b.id,
	createdAt: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id,
	amount: (a, b) => compareDecimal(a.amount, b.amount) || a.id - b.id,
};

export function listPayouts(sim: SimulatorContext, query: URLSearchParams): ApiResponse {
	const limitText = query.get('limit') ?? '10';
	const offsetText = query.get('offset') ?? '0';
	const order = (query.get('order') ?? 'DESC').toUpperCase();
	const sortBy = query.get('sortBy') ?? 'createdAt';
	if (!/^\d+$/.test(limitText) || Number(limitText) < 1) return badQuery('invalid limit');
	if (!/^\d+$/.test(offsetText)) return badQuery('invalid offset');
	if (order !== 'ASC' && order !== 'DESC') return badQuery('order must be ASC or DESC');
	if (!SORT_KEYS[sortBy]) return badQuery('sortBy must be one of id, createdAt, amount');

	const statuses = query.getAll('status');
	const chains = query.getAll('blockchainCode');
	const emails = query.getAll('recipientEmails');
	const addresses = query.getAll('address');
	const createdBy = query.get('createdBy');
	const matching = sim.state.payouts.filter(
		(payout) =>
			(statuses.length === 0 || statuses.includes(payout.status)) &&
			(chains.length === 0 || chains.includes(payout.blockchainCode)) &&
			(emails.length === 0 || emails.includes(payout.email)) &&
			(addresses.length === 0 || addresses.includes(payout.toAddress)) &&
			(createdBy === null || createdBy === 'merchant_api'),
	);
	const direction = order === 'ASC' ? 1 : -1;
	const sorted = [...matching].sort((a, b) => direction * SORT_KEYS[sortBy](a, b));
	const limit = Math.min(Number(limitText), MAX_PAGE_SIZE);
	const page = sorted.slice(Number(offsetText), Number(offsetText) + limit).map(withdrawalRecord);
	return { status: 200, body: sim.config.payoutListEnvelope ? { data: page, total: matching.length } : page };
}

export function changePayoutStatus(sim: SimulatorContext, id: number, status: string): Payout {
	const payout = sim.state.payouts.find((candidate) => candidate.id === id);
	if (!payout) throw new SimulatorError(404, `unknown payout ${id}`);
	if (!(PAYOUT_STATUSES as readonly string[]).includes(status)) {
		throw new SimulatorError(400, `status must be one of ${PAYOUT_STATUSES.join(', ')}`);
	}
	payout.status = status as PayoutStatus;
	payout.updatedAt = sim.now();
	if ((status === 'sent' || status === 'processed') && payout.txHash === null) {
		payout.txHash = transactionHashFor(`payout:${payout.id}`);
		payout.blockNumber = sim.state.nextBlockNumber++;
	}
	payout.failureReason = status === 'failed' ? 'simulated on-chain failure' : null;
	return payout;
}
