// How an action node runs its chosen operation over the input items: one after another, paired, Continue On Fail.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** One operation run for one input item. */
export type ItemOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/**
 * Runs the operation the node's Resource and Operation name for each input item in turn (items share the service's
 * limits, so they are not sent in parallel), each result paired with its item; with Continue On Fail a failed item
 * gives one error item paired with it and the others carry on.
 */
export async function runPerItem(ctx: IExecuteFunctions, operations: Record<string, Record<string, ItemOperation>>): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	// Resource and operation cannot be expressions, so one read serves every item.
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(ctx.getNode(), `Unknown operation "${resource} → ${operation}"`, {
			description: "Pick the resource and the operation again in the node's settings",
		});
	}
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await run.call(ctx, itemIndex);
			returnData.push(...ctx.helpers.constructExecutionMetaData(ctx.helpers.returnJsonArray(result), { itemData: { item: itemIndex } }));
		} catch (error) {
			const failure = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
			if (!ctx.continueOnFail()) throw failure;
			// With "Continue (using error output)" n8n sends an item to the error output by its `error` (and then keeps only the message).
			const toErrorOutput = ctx.getNode().onError === 'continueErrorOutput';
			returnData.push({
				json: { error: (error as Error).message, description: (error as NodeOperationError).description ?? undefined },
				...(toErrorOutput ? { error: failure } : {}),
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}

/** The record's fields named in `fields`, in that order (Simplify); fields the service did not send are left out. */
export function pickFields(record: IDataObject, fields: readonly string[]): IDataObject {
	const simple: IDataObject = {};
	for (const field of fields) {
		if (field in record) simple[field] = record[field];
	}
	return simple;
}
