import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isEmail, positiveDecimal } from '../helpers/validation';

/** Reads a parameter that must not be empty; the label is what the builder sees in the editor. */
export function readText(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	fallback?: string,
): string {
	const value = asText(ctx.getNodeParameter(name, itemIndex, fallback) as unknown);
	if (value === '' && fallback === undefined) {
		throw new NodeOperationError(ctx.getNode(), `${label} is empty`, {
			itemIndex,
			description: `Set "${label}" or map it from the input item`,
		});
	}
	return value;
}

export function readEmail(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const email = readText(ctx, name, itemIndex, label);
	if (!isEmail(email)) {
		throw new NodeOperationError(ctx.getNode(), `${label} "${email}" is not a valid email address`, {
			itemIndex,
		});
	}
	return email;
}

/** Whether a mapped value means "nothing given": missing, null or blank text. */
export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A value mapped from an item as text: numbers are kept, empty values (null, '', missing) become ''. */
export function asText(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

/** Reads a money amount as an exact decimal string > 0 (e.g. "49.99"); never through a float. */
export function readAmount(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	raw: unknown = ctx.getNodeParameter(name, itemIndex) as unknown,
): string {
	if (isBlank(raw)) {
		throw new NodeOperationError(ctx.getNode(), `${label} is empty`, { itemIndex });
	}
	const amount = positiveDecimal(raw);
	if (amount === undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${label} must be a decimal number greater than 0, like 49.99 (got "${String(raw)}")`,
			{ itemIndex },
		);
	}
	return amount;
}
