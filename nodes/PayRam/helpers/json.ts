import { parseJsonExact as parseWithMoneyKeys } from '../kit/exactJson';

export { canonicalDecimal, DuplicateKeyError, jsonWithDecimalNumbers, plainDecimal } from '../kit/exactJson';

/** Response keys that carry money; PayRam may send them as JSON numbers on older servers. */
const MONEY_KEYS = new Set([
	'amount',
	'amountInUSD',
	'amountInUsd',
	'filledAmount',
	'filledAmountInUSD',
	'filled_amount',
	'filled_amount_in_usd',
	'priceInUSD',
	'fee',
]);

/** PayRam's JSON parsed once: `value` as JSON.parse gives it, `exact` with PayRam's money amounts as exact decimal text. */
export function parseJsonExact(text: string): { value: unknown; exact: unknown } {
	return parseWithMoneyKeys(text, MONEY_KEYS);
}

/** Parses a PayRam JSON body keeping every money amount as the exact decimal text that was sent. */
export function parsePayRamJson(text: string): unknown {
	return parseJsonExact(text).exact;
}
