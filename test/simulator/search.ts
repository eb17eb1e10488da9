// Payment search and summary: what PayRam's dashboard and MCP server read, over the merchant API.
import { compareDecimal } from '../../testing/simulator/decimal';
import { exactNumber, type ApiResponse } from '../../testing/simulator/http';
import { type JsonFields } from './jsonFields';
import { usdInCurrency, type Payment, type PaymentState } from './payments';
import type { SimulatorContext } from './state';

export const PAYMENT_STATUSES = ['OPEN', 'FILLED', 'PARTIALLY_FILLED', 'OVER_FILLED', 'CANCELLED', 'CONFIRMING', 'DEPOSIT_RECEIVED', 'UNDEFINED'];
export const NETWORKS = ['BTC', 'ETH', 'TRX', 'BASE', 'POLYGON'];
export const WEBHOOK_STATUSES = ['received', 'pending', 'failed', 'waiting_for_approval', 'discarded'];
export const CREATED_BY = ['user', 'system'];
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

type Compare = (a: Payment, b: Payment) => number;

function compareNullable<T>(a: T | null, b: T | null, compare: (a: T, b: T) => number): number {
	if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
	return compare(a, b);
}

const byText = (read: (payment: Payment) => string | null): Compare => (a, b) =>
	compareNullable(read(a), read(b), (x, y) => (x < y ? -1 : x > y ? 1 : 0));
const byTime = (read: (payment: Payment) => Date): Compare => (a, b) => read(a).getTime() - read(b).getTime();

/** Sort columns by PayRam's names; ties are broken by reference ID so pages never overlap or skip. */
export const SORT_COLUMNS: Record<string, Compare> = {
	created_at: byTime((p) => p.createdAt),
	updated_at: byTime((p) => p.updatedAt),
	payment_status: byText((p) => p.paymentState),
	webhook_status: byText((p) => p.webhookStatus),
	currency: byText((p) => p.currencySymbol),
	network: byText((p) => p.blockchainSymbol),
	invoice_id: byText((p) => p.invoiceId),
	reference_id: byText((p) => p.referenceId),
	customer_id: byText((p) => p.customerId),
	email: byText((p) => p.customerEmail),
	amount_in_usd: (a, b) => compareDecimal(a.amountInUsd, b.amountInUsd),
};

interface SearchFilters {
	query?: string;
	paymentStatus?: string[];
	network?: string[];
	currency?: string[];
	webhookStatus?: string[];
	createdBy?: string[];
	dateFrom?: number;
	dateTo?: number;
	sortBy: string;
	descending: boolean;
	limit: number;
	offset: number;
}

class InvalidSearch extends Error {}

function stringList(fields: JsonFields, name: string, allowed?: string[]): string[] | undefined {
	const value = fields.get(name.toLowerCase())?.value;
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) throw new InvalidSearch(`${name} must be an array of strings`);
	const unknown = allowed ? value.filter((entry) => !allowed.includes(entry)) : [];
	if (unknown.length) throw new InvalidSearch(`${name} has unknown values ${unknown.join(', ')} (allowed: ${allowed!.join(', ')})`);
	return value.length ? (value as string[]) : undefined;
}

function optionalString(fields: JsonFields, name: string): string | undefined {
	const value = fields.get(name.toLowerCase())?.value;
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw new InvalidSearch(`${name} must be a string`);
	return value;
}

function time(fields: JsonFields, name: string): number | undefined {
	const value = optionalString(fields, name);
	if (value === undefined || value === '') return undefined;
	const at = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
	if (Number.isNaN(at)) throw new InvalidSearch(`${name} must be an ISO 8601 date or time`);
	return at;
}

function wholeNumber(fields: JsonFields, name: string, fallback: number, min: number, max: number): number {
	const value = fields.get(name.toLowerCase())?.value;
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new InvalidSearch(`${name} must be a whole number from ${min} to ${max}`);
	}
	return value;
}

function readFilters(fields: JsonFields): SearchFilters {
	const sortBy = optionalString(fields, 'sortBy') || 'created_at';
	if (!SORT_COLUMNS[sortBy]) throw new InvalidSearch(`sortBy must be one of ${Object.keys(SORT_COLUMNS).join(', ')}`);
	const direction = optionalString(fields, 'sortDirection') || 'DESC';
	if (direction !== 'ASC' && direction !== 'DESC') throw new InvalidSearch('sortDirection must be ASC or DESC');
	const query = optionalString(fields, 'query')?.trim();
	return {
		query: query || undefined,
		paymentStatus: stringList(fields, 'paymentStatus', PAYMENT_STATUSES),
		network: stringList(fields, 'network', NETWORKS),
		currency: stringList(fields, 'currency'),
		webhookStatus: stringList(fields, 'webhookStatus', WEBHOOK_STATUSES),
		createdBy: stringList(fields, 'createdBy', CREATED_BY),
		dateFrom: time(fields, 'dateFrom'),
		dateTo: time(fields, 'dateTo'),
		sortBy,
		descending: direction === 'DESC',
		limit: wholeNumber(fields, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
		offset: wholeNumber(fields, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
	};
}

/** Free text matches part of the tx hash, email, reference ID, customer ID or invoice ID, ignoring case. */
function matchesQuery(payment: Payment, query: string): boolean {
	const needle = query.toLowerCase();
	const haystack = [payment.customerEmail, payment.referenceId, payment.customerId, payment.invoiceId, ...payment.deposits.map((d) => d.transactionHash)];
	return haystack.some((text) => text.toLowerCase().includes(needle));
}

function matches(payment: Payment, filters: SearchFilters): boolean {
	const inList = (list: string[] | undefined, value: string | null) => list === undefined || (value !== null && list.includes(value));
	const created = payment.createdAt.getTime();
	return (
		(filters.query === undefined || matchesQuery(payment, filters.query)) &&
		inList(filters.paymentStatus, payment.paymentState) &&
		inList(filters.network, payment.blockchainSymbol) &&
		inList(filters.currency, payment.currencySymbol) &&
		inList(filters.webhookStatus, payment.webhookStatus) &&
		inList(filters.createdBy, payment.createdBy) &&
		(filters.dateFrom === undefined || created >= filters.dateFrom) &&
		(filters.dateTo === undefined || created <= filters.dateTo)
	);
}

/** The crypto amount asked for, once the customer picked a currency; the USD amount before. */
function cryptoAmount(payment: Payment): string {
	return payment.currencySymbol ? usdInCurrency(payment.amountInUsd, payment.currencySymbol) : payment.amountInUsd;
}

/** A search row as PayRam's MCP types describe it; amounts are JSON numbers with PayRam's digits. */
export function searchRow(sim: SimulatorContext, payment: Payment): Record<string, unknown> {
	const lastDeposit = payment.deposits[payment.deposits.length - 1];
	return {
		referenceId: payment.referenceId,
		invoiceId: payment.invoiceId,
		customerId: payment.customerId,
		email: payment.customerEmail,
		paymentStatus: payment.paymentState,
		webhookStatus: payment.webhookStatus,
		amount: exactNumber(cryptoAmount(payment)),
		amountInUSD: exactNumber(payment.amountInUsd),
		filledAmount: exactNumber(payment.filledAmount),
		filledAmountInUSD: exactNumber(payment.filledAmountInUsd),
		network: payment.blockchainSymbol,
		currency: payment.currencySymbol,
		txHash: lastDeposit?.transactionHash ?? null,
		fromAddress: lastDeposit?.sourceAddress ?? null,
		toAddress: payment.depositAddress,
		blockId: lastDeposit ? String(lastDeposit.blockNumber) : null,
		trxTimestamp: lastDeposit ? payment.updatedAt.toISOString() : null,
		createdBy: payment.createdBy,
		createdAt: payment.createdAt.toISOString(),
		updatedAt: payment.updatedAt.toISOString(),
		projectName: sim.config.merchantName,
	};
}

/** Search refuses bad filters in the contract's `{error}` envelope, with the reason beside it. */
export function invalidSearch(reason: string): ApiResponse {
	return { status: 400, body: { error: 'Invalid request parameters', message: reason } };
}

export function searchPayments(sim: SimulatorContext, fields: JsonFields): ApiResponse {
	let filters: SearchFilters;
	try {
		filters = readFilters(fields);
	} catch (error) {
		if (error instanceof InvalidSearch) return invalidSearch(error.message);
		throw error;
	}
	const compare = SORT_COLUMNS[filters.sortBy];
	const sign = filters.descending ? -1 : 1;
	const found = [...sim.state.payments.values()]
		.filter((payment) => matches(payment, filters))
		.sort((a, b) => sign * (compare(a, b) || SORT_COLUMNS.reference_id(a, b)));
	// Some servers cap a page below the limit asked for; clients must page by what they got.
	const pageSize = Math.min(filters.limit, sim.config.searchPageCap ?? MAX_LIMIT);
	const page = found.slice(filters.offset, filters.offset + pageSize);
	// PayRam's Go handler marshals an empty page as null.
	return { status: 200, body: { data: page.length ? page.map((payment) => searchRow(sim, payment)) : null, totalCount: found.length } };
}

const CLOSED: PaymentState[] = ['FILLED', 'OVER_FILLED'];

/** Open counts links still payable (OPEN, PARTIALLY_FILLED); closed counts paid ones (FILLED, OVER_FILLED). */
export function paymentSummary(sim: SimulatorContext): ApiResponse {
	const payments = [...sim.state.payments.values()];
	const count = (states: PaymentState[]) => payments.filter((payment) => states.includes(payment.paymentState)).length;
	return {
		status: 200,
		body: {
			totalCount: payments.length,
			openCount: count(['OPEN', 'PARTIALLY_FILLED']),
			closedCount: count(CLOSED),
			cancelledCount: count(['CANCELLED']),
		},
	};
}
