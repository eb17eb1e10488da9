// Dot-atom local part and host-name labels: the addresses PayRam's own validation accepts.
const EMAIL =
	/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** Payout networks and the currencies PayRam can send on each (PayRam's newest product facts). */
export const PAYOUT_CURRENCIES: Readonly<Record<string, readonly string[]>> = {
	ETH: ['ETH', 'USDC', 'USDT', 'CBBTC', 'PYUSD'],
	BASE: ['USDC', 'ETH', 'CBBTC'],
	POLYGON: ['POL', 'USDC', 'USDT'],
	TRX: ['TRX', 'USDT'],
};

export function isEmail(value: string): boolean {
	return EMAIL.test(value);
}

/**
 * Reads a money amount as an exact decimal string greater than zero.
 * Numbers from expressions are accepted but never rounded: their shortest form is kept.
 */
export function positiveDecimal(value: unknown): string | undefined {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		text = String(value);
		if (/e/i.test(text)) return undefined;
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		return undefined;
	}
	if (!DECIMAL.test(text)) return undefined;
	return /[1-9]/.test(text) ? text : undefined;
}

/** Says why a chain/currency pair cannot be paid out, or returns undefined when it can. */
export function payoutPairProblem(chain: string, currency: string): string | undefined {
	const currencies = Object.prototype.hasOwnProperty.call(PAYOUT_CURRENCIES, chain)
		? PAYOUT_CURRENCIES[chain]
		: undefined;
	if (!currencies) {
		return `PayRam cannot pay out on "${chain}". Use one of: ${Object.keys(PAYOUT_CURRENCIES).join(', ')}`;
	}
	if (!currencies.includes(currency)) {
		return `PayRam cannot pay out ${currency} on ${chain}. On ${chain} use one of: ${currencies.join(', ')}`;
	}
	return undefined;
}
