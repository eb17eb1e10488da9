// Credentials and workflows of the UpPromote part of the bench: its trigger beside n8n's Webhook node, and its node
// beside n8n's HTTP Request node against UpPromote's rate limit.
import { bulkWorkflow, MEASURED_NODE, noOp, workflow, type Node, type Workflow } from './workflows';

export const UPPROMOTE_CREDENTIAL = { id: 'BenchUpPromote01', name: 'UpPromote (bench)' };
/** The same key at a second store whose rate window is UpPromote's real 60 s (Return All). */
export const UPPROMOTE_REAL_TIME_CREDENTIAL = { id: 'BenchUpPromote60', name: 'UpPromote, 60 s window (bench)' };
/** The same key as a Header Auth credential, for the HTTP Request node. */
export const AUTHORIZATION_CREDENTIAL = { id: 'BenchUpAuthHead1', name: 'UpPromote Authorization header (bench)' };
export const UP_TRIGGER_WORKFLOW_ID = 'BenchUpTrigger01';
/** The event the trigger subscribes in the bench, and its webhook path (one static path per event). */
export const UP_EVENT = 'referral.new';
export const UP_EVENT_PATH = 'uppromote/referral-new';

export function upPromoteCredentials(baseUrl: string, realTimeBaseUrl: string, apiKey: string): unknown[] {
	return [
		{ ...UPPROMOTE_CREDENTIAL, type: 'upPromoteApi', data: { apiKey, baseUrl } },
		{ ...UPPROMOTE_REAL_TIME_CREDENTIAL, type: 'upPromoteApi', data: { apiKey, baseUrl: realTimeBaseUrl } },
		{ ...AUTHORIZATION_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'Authorization', value: apiKey } },
	];
}

/** UpPromote Trigger (referral.new) → NoOp; publishing it subscribes the event at the simulator. */
export function upTriggerWorkflow(webhookId: string): Workflow {
	return workflow(UP_TRIGGER_WORKFLOW_ID, 'Bench: UpPromote Trigger → NoOp', [
		{
			name: 'UpPromote Trigger',
			type: 'n8n-nodes-uppromote.upPromoteTrigger',
			typeVersion: 2,
			webhookId,
			parameters: { events: [UP_EVENT], options: {} },
			credentials: { upPromoteApi: UPPROMOTE_CREDENTIAL },
		},
		noOp,
	]);
}

export type RateOperation = 'returnAll' | 'getAffiliate';
/** Our node, or the HTTP Request node with no pacing or with one batch of `limit` calls per rate window. */
export type RateVariant = { kind: 'node' } | { kind: 'http'; pacing: 'none' | 'window' };

export interface RateCase {
	id: string;
	operation: RateOperation;
	variant: RateVariant;
	label: string;
	/** The settings that matter, as the report states them. */
	settings: string;
	/** The store it calls: the one with the scaled window, or the one with UpPromote's real 60 s window. */
	store: 'scaled' | 'realTime';
	workflow: Workflow;
}

const manualTrigger = { name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };

function upPromoteNode(operation: RateOperation): Node {
	const parameters =
		operation === 'returnAll'
			? { resource: 'affiliate', operation: 'getMany', returnAll: true, filters: {} }
			: { resource: 'affiliate', operation: 'get', affiliateId: { __rl: true, mode: 'id', value: '={{ $json.affiliateId }}' } };
	const credential = operation === 'returnAll' ? UPPROMOTE_REAL_TIME_CREDENTIAL : UPPROMOTE_CREDENTIAL;
	return { type: 'n8n-nodes-uppromote.upPromote', typeVersion: 1, parameters, credentials: { upPromoteApi: credential } };
}

const httpAuth = { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' };

/** n8n's HTTP Request node paging `/affiliates` 100 at a time until a short page, as its Pagination option does. */
function httpReturnAll(baseUrl: string): Node {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'GET',
			url: `${baseUrl}/affiliates`,
			...httpAuth,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'per_page', value: '100' }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.data.length < 100 }}',
					},
				},
			},
		},
		credentials: { httpHeaderAuth: AUTHORIZATION_CREDENTIAL },
	};
}

/** n8n's HTTP Request node reading one affiliate per item; `windowMs` set: batches of `limit` items, one window apart. */
function httpGetAffiliate(baseUrl: string, batch?: { size: number; intervalMs: number }): Node {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'GET',
			url: `={{ "${baseUrl}/affiliates/" + $json.affiliateId }}`,
			...httpAuth,
			options: batch ? { batching: { batch: { batchSize: batch.size, batchInterval: batch.intervalMs } } } : {},
		},
		credentials: { httpHeaderAuth: AUTHORIZATION_CREDENTIAL },
	};
}

/**
 * The rate-limit runs: Return All over the whole store at UpPromote's real window (its calls fit in one), then
 * `ids.length` Get Affiliate items at the scaled window, each by the UpPromote node and by the HTTP Request node (Get
 * Affiliate twice: unpaced, and paced to the limit by batching).
 */
export function rateLimitCases(baseUrl: string, realTimeBaseUrl: string, ids: number[], windowMs: number, limit: number): RateCase[] {
	const seconds = (ms: number) => `${ms / 1000} s`;
	const items = ids.map((id) => ({ affiliateId: String(id) }));
	const cases: Array<Omit<RateCase, 'workflow'> & { measured: Node }> = [
		{
			id: 'BenchUpRateAllNd',
			operation: 'returnAll',
			variant: { kind: 'node' },
			label: 'UpPromote node',
			store: 'realTime',
			settings: 'Get Many, Return All (pages of 100; a 429 waited out by its `Retry-After`)',
			measured: upPromoteNode('returnAll'),
		},
		{
			id: 'BenchUpRateAllHt',
			operation: 'returnAll',
			variant: { kind: 'http', pacing: 'none' },
			label: 'HTTP Request 4.2, Pagination',
			store: 'realTime',
			settings: '`per_page=100`, Pagination: `page` = `{{ $pageCount + 1 }}`, complete when `data.length < 100`, no interval, no retry',
			measured: httpReturnAll(realTimeBaseUrl),
		},
		{
			id: 'BenchUpRateGetNd',
			operation: 'getAffiliate',
			variant: { kind: 'node' },
			label: 'UpPromote node',
			store: 'scaled',
			settings: 'Affiliate → Get, By ID from the item (items one after another; a 429 waited out by its `Retry-After`)',
			measured: upPromoteNode('getAffiliate'),
		},
		{
			id: 'BenchUpRateGetHp',
			operation: 'getAffiliate',
			variant: { kind: 'http', pacing: 'window' },
			label: `HTTP Request 4.2, batch ${limit} / one window`,
			store: 'scaled',
			settings: `Batching: ${limit} items per batch, Batch Interval one window (${seconds(windowMs)} here, 60 s at UpPromote's scale); no retry`,
			measured: httpGetAffiliate(baseUrl, { size: limit, intervalMs: windowMs }),
		},
		{
			id: 'BenchUpRateGetHn',
			operation: 'getAffiliate',
			variant: { kind: 'http', pacing: 'none' },
			label: 'HTTP Request 4.2, defaults',
			store: 'scaled',
			settings: 'no batching, no retry (the node defaults)',
			measured: httpGetAffiliate(baseUrl),
		},
	];
	return cases.map(({ measured, ...rest }) => {
		const name = `Bench: ${rest.operation === 'returnAll' ? 'Return All affiliates' : `Get Affiliate × ${ids.length}`}, ${rest.label}`;
		const workflowOf =
			rest.operation === 'returnAll' ? workflow(rest.id, name, [manualTrigger, { name: MEASURED_NODE, ...measured }]) : bulkWorkflow(rest.id, name, items, measured);
		return { ...rest, workflow: workflowOf };
	});
}
