import type { IDataObject } from 'n8n-workflow';

/** Response keys that carry money; PayRam may send them as JSON numbers on older servers. */
const MONEY_KEYS = [
	'amount',
	'amountInUSD',
	'amountInUsd',
	'filledAmount',
	'filledAmountInUSD',
	'filled_amount',
	'filled_amount_in_usd',
	'priceInUSD',
	'fee',
];

const MONEY_NUMBER = new RegExp(
	`("(?:${MONEY_KEYS.join('|')})"\\s*:\\s*)(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)(?=\\s*[,}\\]])`,
	'g',
);

/** Parses a PayRam JSON body keeping every money amount as the exact decimal text that was sent. */
export function parsePayRamJson(text: string): unknown {
	return JSON.parse(text.replace(MONEY_NUMBER, '$1"$2"'));
}

/**
 * Serialises a request body whose money fields must be JSON numbers without passing
 * through a float: the validated decimal string is written into the JSON as is.
 */
export function jsonWithDecimalNumbers(body: IDataObject, decimalKeys: readonly string[]): string {
	const marker = '\u0000decimal:';
	const marked: IDataObject = { ...body };
	for (const key of decimalKeys) {
		if (typeof marked[key] === 'string') marked[key] = `${marker}${marked[key] as string}`;
	}
	// JSON numbers cannot start with 0: "007" is written as 7, "00.50" as 0.50 (trailing zeros stay).
	return JSON.stringify(marked).replace(/"\\u0000decimal:(\d+(?:\.\d+)?)"/g, (_match, decimal: string) =>
		decimal.replace(/^0+(?=\d)/, ''),
	);
}
