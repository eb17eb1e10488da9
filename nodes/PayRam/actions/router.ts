import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import * as payment from './payment/Payment.resource';
import * as payout from './payout/Payout.resource';
import * as referral from './referral/Referral.resource';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

const operations: Record<string, Record<string, Operation>> = {
	payment: {
		create: payment.create.execute,
		get: payment.get.execute,
		getMany: payment.getMany.execute,
		getSummary: payment.getSummary.execute,
	},
	referral: {
		registerReferrer: referral.registerReferrer.execute,
		linkReferee: referral.linkReferee.execute,
		logEvent: referral.logEvent.execute,
	},
	payout: { create: payout.create.execute, get: payout.get.execute, getMany: payout.getMany.execute },
};

type Outcome = { items: INodeExecutionData[] } | { error: Error };

async function runItem(ctx: IExecuteFunctions, run: Operation, itemIndex: number): Promise<Outcome> {
	try {
		const result = await run.call(ctx, itemIndex);
		return {
			items: ctx.helpers.constructExecutionMetaData(ctx.helpers.returnJsonArray(result), {
				itemData: { item: itemIndex },
			}),
		};
	} catch (error) {
		return { error: error as Error };
	}
}

/**
 * Runs the chosen operation once per input item, at most `concurrency` items at a time,
 * and returns the results in input order, each paired with its item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const itemCount = this.getInputData().length;
	// Resource and operation cannot be expressions, so one read serves every item.
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `Unknown operation "${resource} → ${operation}"`, {
			description: "Pick the resource and the operation again in the node's settings",
		});
	}
	const concurrency = Math.max(1, Math.floor(Number(this.getNodeParameter('concurrency', 0, 1)) || 1));
	const continueOnFail = this.continueOnFail();
	const outcomes: Outcome[] = new Array(itemCount);
	let next = 0;
	let failed = false;

	// Items start one per event-loop turn: answers arriving together would otherwise run their follow-up work in one
	// burst and hold back the requests it prepares until the burst ends (~40 ms round trips measured against ~22 ms).
	let turn = Promise.resolve();
	const nextTurn = async () => {
		if (concurrency === 1) return;
		turn = turn.then(async () => await sleep(0));
		await turn;
	};
	// A failure without Continue On Fail stops new items from starting; those in flight finish.
	const mayStart = () => next < itemCount && !(failed && !continueOnFail);

	const worker = async () => {
		while (mayStart()) {
			await nextTurn();
			if (!mayStart()) return;
			const itemIndex = next++;
			outcomes[itemIndex] = await runItem(this, run, itemIndex);
			if ('error' in outcomes[itemIndex]) failed = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, itemCount) }, worker));

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if (!outcome) continue;
		if ('items' in outcome) {
			returnData.push(...outcome.items);
			continue;
		}
		const { error } = outcome;
		const failure = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error, { itemIndex });
		if (!continueOnFail) throw failure;
		// With "Continue (using error output)" n8n sends an item to the error output by its `error` (and then keeps only the message).
		const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
		returnData.push({
			json: { error: error.message, description: (error as NodeOperationError).description ?? undefined },
			...(toErrorOutput ? { error: failure } : {}),
			pairedItem: { item: itemIndex },
		});
	}
	return [returnData];
}
