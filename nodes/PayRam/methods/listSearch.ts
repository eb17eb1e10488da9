import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchPage } from '../actions/payment/getMany.operation';
import { payoutPage } from '../actions/payout/getMany.operation';

const LIST_PAGE = 50;

function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Payments for the "From list" picker, newest first; the typed text is PayRam's free-text search. */
export async function searchPayments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const body: IDataObject = { limit: LIST_PAGE, offset, sortBy: 'created_at', sortDirection: 'DESC' };
	if (filter?.trim()) body.query = filter.trim();
	const page = await searchPage.call(this, body, 0);
	const next = offset + page.rows.length;
	return {
		results: page.rows.map((row) => ({
			name: `${text(row.email) || text(row.customerId)} · ${text(row.amountInUSD)} USD · ${text(row.paymentStatus)} · ${text(row.createdAt).slice(0, 10)}`,
			value: text(row.referenceId),
		})),
		paginationToken: page.rows.length > 0 && next < (page.totalCount ?? 0) ? String(next) : undefined,
	};
}

/** Payouts for the "From list" picker, newest first; PayRam cannot search payouts, so the text filters this page. */
export async function searchPayouts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const payouts = await payoutPage.call(this, { limit: LIST_PAGE, offset, order: 'DESC', sortBy: 'createdAt' }, 0);
	const needle = filter?.trim().toLowerCase() ?? '';
	const shown = payouts.filter((payout) =>
		[payout.id, payout.recipientEmail, payout.toAddress, payout.status].some((field) => text(field).toLowerCase().includes(needle)),
	);
	return {
		results: shown.map((payout) => ({
			name: `#${text(payout.id)} · ${text(payout.amount)} ${text(payout.currencyCode)} · ${text(payout.status)} · ${text(payout.recipientEmail)}`,
			value: text(payout.id),
		})),
		paginationToken: payouts.length === LIST_PAGE ? String(offset + payouts.length) : undefined,
	};
}
