import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { PAYMENT_STATE_OPTIONS } from '../PayRam/helpers/paymentStates';
import { searchPage } from '../PayRam/actions/payment/getMany.operation';
import { MAX_SEARCH_PAGE } from '../PayRam/helpers/search';
import { forgetConnection } from '../PayRam/transport';
import type { Match, PaymentRow, WatchCursor, WatchSettings } from './helpers/watch';
import {
	baselineIds,
	firstCursor,
	matchCondition,
	readPaymentRow,
	readWatchCursor,
	reachedFloor,
	scanFloor,
	searchedStates,
	selectNewEvents,
	writeWatchCursor,
} from './helpers/watch';

/** A manual test shows at most this many recent matches. */
const MANUAL_ITEMS = 10;

interface PollSettings extends WatchSettings {
	lookBackMinutes: number;
	pageSize: number;
}

function text(value: unknown): string | null {
	if (typeof value === 'string') return value.trim() === '' ? null : value;
	return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

/** The item a builder receives: the PayRam Trigger's normalised fields, and the search row as PayRam sent it. */
function watchItem(payment: PaymentRow, match: Match, polledAt: Date): INodeExecutionData {
	const { row } = payment;
	return {
		json: {
			eventId: match.eventId,
			eventType: 'payment',
			condition: match.condition,
			state: payment.state,
			webhookStatus: payment.webhookStatus,
			referenceId: payment.referenceId,
			invoiceId: text(row.invoiceId),
			customerId: text(row.customerId),
			customerEmail: text(row.email ?? row.customerEmail),
			amount: text(row.amountInUSD ?? row.amount),
			filledAmount: text(row.filledAmount),
			filledAmountInUsd: text(row.filledAmountInUSD),
			currency: text(row.currency),
			network: text(row.network),
			eventTime: new Date(match.reachedAt).toISOString(),
			updatedAt: new Date(payment.updatedAt).toISOString(),
			receivedAt: polledAt.toISOString(),
			payload: row,
		},
	};
}

function readSettings(ctx: IPollFunctions): PollSettings {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const settings: PollSettings = {
		states: ctx.getNodeParameter('states', []) as string[],
		catchUnnotified: ctx.getNodeParameter('catchUnnotified', false) as boolean,
		graceMinutes: Math.max(0, Number(ctx.getNodeParameter('graceMinutes', 10))),
		lookBackMinutes: Math.max(0, Number(options.lookBackMinutes ?? 0)),
		pageSize: Math.min(MAX_SEARCH_PAGE, Math.max(1, Math.floor(Number(options.pageSize ?? MAX_SEARCH_PAGE)))),
	};
	if (settings.states.length === 0 && !settings.catchUnnotified) {
		throw new NodeOperationError(ctx.getNode(), 'Nothing to watch', {
			description: 'Choose at least one payment state, or turn on Catch Missed Notifications',
		});
	}
	return settings;
}

interface WatchPage {
	rows: PaymentRow[];
	/** Rows the answer held, readable or not: the next page starts after them. */
	received: number;
	totalCount: number;
}

/** One page of PayRam's payment search over the watched states, newest change first. */
async function watchPage(ctx: IPollFunctions, settings: PollSettings, offset: number): Promise<WatchPage> {
	const body = { paymentStatus: searchedStates(settings), sortBy: 'updated_at', sortDirection: 'DESC', limit: settings.pageSize, offset };
	const page = await searchPage.call(ctx, body, 0);
	const rows = page.rows.map(readPaymentRow).filter((row): row is PaymentRow => row !== undefined);
	// Without totalCount (its shape "may vary"), only an empty page or the floor ends the scan.
	return { rows, received: page.rows.length, totalCount: page.totalCount ?? Number.POSITIVE_INFINITY };
}

/**
 * Reads newest first until the floor. Offset paging is safe this way round: a payment that changes while
 * the poll pages moves to the top, which only repeats rows, and its new change is after the cursor.
 * Pages advance by the rows received, since some servers answer fewer than the limit.
 */
async function scanTo(
	ctx: IPollFunctions,
	settings: PollSettings,
	floorOf: (newest: PaymentRow | undefined) => number,
): Promise<PaymentRow[]> {
	const rows: PaymentRow[] = [];
	for (let offset = 0; ; ) {
		const page = await watchPage(ctx, settings, offset);
		rows.push(...page.rows);
		offset += page.received;
		if (reachedFloor(page.rows, page.received, offset, page.totalCount, floorOf(rows[0]))) return rows;
	}
}

export class PayRamPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PayRam Poll Trigger',
		name: 'payRamPollTrigger',
		icon: { light: 'file:../PayRam/payram.svg', dark: 'file:../PayRam/payram.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Watching " + ($parameter["states"] || []).join(", ") + ($parameter["catchUnnotified"] ? " + missed notifications" : "")}}',
		description:
			'Checks PayRam on a schedule for what its webhooks never deliver: expired payment links and paid orders whose notification failed',
		defaults: { name: 'PayRam Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'payRamApi', required: true }],
		properties: [
			{
				displayName:
					'Each poll reports only payments that newly reached a watched condition, with the same eventId the PayRam Trigger gives the same payment in the same state',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Payment States',
				name: 'states',
				type: 'multiOptions',
				options: PAYMENT_STATE_OPTIONS,
				default: ['CANCELLED'],
				description: 'Payment states to report when a payment reaches them. Leave empty to watch only missed notifications.',
			},
			{
				displayName: 'Catch Missed Notifications',
				name: 'catchUnnotified',
				type: 'boolean',
				default: false,
				description:
					'Whether to report FILLED, OVER_FILLED and PARTIALLY_FILLED payments whose webhook failed, or is still pending after the grace period',
			},
			{
				displayName: 'Grace Period (Minutes)',
				name: 'graceMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description: 'How long a paid payment’s webhook may stay pending before it is reported. Failed webhooks are reported at once.',
				displayOptions: { show: { catchUnnotified: [true] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Look Back (Minutes)',
						name: 'lookBackMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description:
							'On first activation, also report payments that met a watched condition this many minutes earlier. 0 reports only what happens after activation.',
					},
					{
						displayName: 'Page Size',
						name: 'pageSize',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_SEARCH_PAGE },
						default: MAX_SEARCH_PAGE,
						description: 'Payments read per search request (at most 200). An idle poll costs one request.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		forgetConnection(this);
		const settings = readSettings(this);
		const polledAt = new Date();
		const now = polledAt.getTime();

		if (this.getMode() === 'manual') {
			// A test run shows recent matches and leaves the cursor alone.
			const recent = (await watchPage(this, settings, 0)).rows
				.map((payment) => ({ payment, match: matchCondition(payment, settings, now) }))
				.filter((found): found is { payment: PaymentRow; match: Match } => found.match !== undefined)
				.slice(0, MANUAL_ITEMS);
			if (recent.length === 0) {
				throw new NodeOperationError(this.getNode(), 'No PayRam payment meets the watched conditions yet', {
					description: 'Expire a payment link or watch more states, then fetch a test event again',
				});
			}
			return [recent.map(({ payment, match }) => watchItem(payment, match, polledAt))];
		}

		// n8n saves poll static data on emit (before the run) and after activation, not after an empty poll (2.x's opt-in durable cursors commit that too): each poll writes its whole state, so a restart only re-reads the window since the last save.
		const staticData = this.getWorkflowStaticData('node');
		let state: WatchCursor | undefined = readWatchCursor(staticData);
		if (!state) {
			if (settings.lookBackMinutes === 0) {
				// Every row changed at the newest time is history too, however many pages they fill.
				const newest = await scanTo(this, settings, (top) => top?.updatedAt ?? 0);
				const first = firstCursor(newest[0], 0, now);
				writeWatchCursor(staticData, { ...first, emitted: baselineIds(newest, settings, first.since, now) });
				return null;
			}
			state = firstCursor(undefined, settings.lookBackMinutes, now);
		}

		const floor = scanFloor(state, settings, now);
		const rows = await scanTo(this, settings, () => floor);
		const { reached, next } = selectNewEvents(rows, state, settings, now, floor);
		writeWatchCursor(staticData, next);
		if (reached.length === 0) return null;
		return [reached.map(({ payment, match }) => watchItem(payment, match, polledAt))];
	}
}
