import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { simplify } from '../helpers/simplify';
import { returnAllOrLimit as kitReturnAllOrLimit } from '../kit/nodeProperties';
import { isEmail, positiveDecimal } from '../helpers/validation';

function requireText(ctx: IExecuteFunctions, value: string, itemIndex: number, label: string): string {
	if (value === '') {
		throw new NodeOperationError(ctx.getNode(), `${label} is empty`, {
			itemIndex,
			description: `Set "${label}" or map it from the input item`,
		});
	}
	return value;
}

/** Reads a parameter that must not be empty; the label is what the builder sees in the editor. */
export function readText(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	fallback?: string,
): string {
	const value = asText(ctx.getNodeParameter(name, itemIndex, fallback) as unknown);
	return fallback === undefined ? requireText(ctx, value, itemIndex, label) : value;
}

/**
 * Reads the ID a resource locator holds, whichever mode picked it; a plain string, as workflows saved
 * before the locator stored it, is read the same way.
 */
export function readLocatorId(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return requireText(ctx, asText(value), itemIndex, label);
}

/** What Simplify keeps of a payout, as the builder reads it in the editor. */
export const PAYOUT_SIMPLIFY = 'ID, status, recipient email, blockchain, currency, amounts, destination address, transaction hash and creation time';

/** Return All, and Limit (up to `maxLimit`) while it is off: how every Get Many pages. */
export function returnAllOrLimit(maxLimit: number): INodeProperties[] {
	return kitReturnAllOrLimit.map((property) =>
		property.name === 'limit' ? { ...property, typeOptions: { ...property.typeOptions, maxValue: maxLimit } } : property,
	);
}

const SIMPLIFY: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** The Simplify switch of an operation whose records have more than 10 fields; `kept` names what it keeps. */
export function simplifyProperty(on: boolean, kept: string): INodeProperties {
	return { ...SIMPLIFY, default: on, description: `${SIMPLIFY.description as string}: ${kept}` };
}

/** The record as the builder asked for it: whole, or only `fields` when Simplify is on. */
export function simplifiedIfAsked(
	ctx: IExecuteFunctions,
	itemIndex: number,
	record: IDataObject,
	fields: readonly string[],
): IDataObject {
	return ctx.getNodeParameter('simplify', itemIndex, false) === true ? simplify(record, fields) : record;
}

export function readEmail(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const email = readText(ctx, name, itemIndex, label);
	if (!isEmail(email)) {
		throw new NodeOperationError(ctx.getNode(), `${label} "${email}" is not a valid email address`, {
			itemIndex,
			description: `Set "${label}" to an address like nathan@example.com, or map one from the input item`,
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
		throw new NodeOperationError(ctx.getNode(), `${label} is empty`, {
			itemIndex,
			description: `Set "${label}" to a decimal number greater than 0, e.g. 49.99`,
		});
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
