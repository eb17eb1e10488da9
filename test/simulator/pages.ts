// The few HTML pages a person opens: the checkout link and the embedded referral dashboard.
import { DEPOSIT_PAIRS } from './chains';
import { escapeHtml } from '../../testing/simulator/http';
import type { Payment } from './payments';
import type { ReferralMember } from './referrals';

function page(title: string, body: string): string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}dt{font-weight:600}</style>
</head><body><p><small>PayRam simulator</small></p>${body}</body></html>`;
}

export function checkoutPage(payment: Payment, merchantName: string, outcome?: 'success' | 'cancel'): string {
	const reference = escapeHtml(payment.referenceId);
	const payable = payment.paymentState === 'OPEN' || payment.paymentState === 'PARTIALLY_FILLED';
	const pairs = Object.entries(DEPOSIT_PAIRS).flatMap(([network, currencies]) =>
		currencies.map((currency) => `<option value="${currency}:${network}">${currency} on ${network}</option>`),
	);
	const form = payable
		? `<form method="post" action="/__sim/payments/${encodeURIComponent(payment.referenceId)}/pay">
<input type="hidden" name="state" value="FILLED">
<label>Pay with <select name="pair">${pairs.join('')}</select></label>
<button type="submit">Pay</button></form>`
		: '';
	const heading = outcome === 'success' ? 'Payment received' : outcome === 'cancel' ? 'Payment cancelled' : `Pay ${escapeHtml(merchantName)}`;
	return page(
		`Checkout ${payment.referenceId}`,
		`<h1>${heading}</h1><dl>
<dt>Reference</dt><dd>${reference}</dd>
<dt>Amount</dt><dd>${escapeHtml(payment.amountInUsd)} USD</dd>
<dt>State</dt><dd id="payment-state">${payment.paymentState}</dd>
<dt>Deposit address</dt><dd>${escapeHtml(payment.depositAddress ?? 'chosen when you pick a network')}</dd>
</dl>${form}`,
	);
}

export function referralDashboardPage(member: ReferralMember, checkoutBase: string): string {
	const link = `${checkoutBase}/?ref=${encodeURIComponent(member.code)}`;
	return page(
		'Referral dashboard',
		`<h1>Your referral code</h1><p id="referral-code">${escapeHtml(member.code)}</p>
<p>Share <code>${escapeHtml(link)}</code></p>`,
	);
}

export function notFoundPage(what: string): string {
	return page('Not found', `<h1>${escapeHtml(what)} not found</h1>`);
}
