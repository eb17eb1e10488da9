// Workflows and credentials the benchmark imports into n8n.
import { randomUUID } from 'node:crypto';

export const PAYRAM_CREDENTIAL = { id: 'BenchPayRamCred1', name: 'PayRam (bench)' };
export const HEADER_CREDENTIAL = { id: 'BenchHeaderAuth1', name: 'API-Key header (bench)' };
export const TRIGGER_WORKFLOW_ID = 'BenchTriggerWf01';
export const WEBHOOK_WORKFLOW_ID = 'BenchWebhookWf01';
export const WEBHOOK_PATH = 'bench-payram-webhook';
/** The node whose executionTime a bulk run reports, in every bulk workflow. */
export const MEASURED_NODE = 'Measured Call';

export type Node = Record<string, unknown>;
export interface Workflow {
	id: string;
	name: string;
	active: boolean;
	nodes: Node[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
}

function chain(names: string[]): Workflow['connections'] {
	const connections: Workflow['connections'] = {};
	for (let i = 0; i < names.length - 1; i++) connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return connections;
}

export function workflow(id: string, name: string, nodes: Node[]): Workflow {
	const placed = nodes.map((node, i) => ({ id: randomUUID(), position: [i * 220, 0], ...node }));
	return {
		id,
		name,
		active: false,
		nodes: placed,
		connections: chain(nodes.map((n) => n.name as string)),
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export function credentialsFile(simUrl: string, apiKey: string): unknown[] {
	return [
		{ ...PAYRAM_CREDENTIAL, type: 'payRamApi', data: { url: simUrl, apiKey, allowInsecure: true } },
		{ ...HEADER_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'API-Key', value: apiKey } },
	];
}

export const noOp = { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };

/** PayRam Trigger → NoOp, as published for PayRam's webhooks. */
export function triggerWorkflow(webhookId: string): Workflow {
	return workflow(TRIGGER_WORKFLOW_ID, 'Bench: PayRam Trigger → NoOp', [
		{
			name: 'PayRam Trigger',
			type: 'n8n-nodes-payram.payRamTrigger',
			typeVersion: 2,
			webhookId,
			parameters: { states: ['FILLED', 'PARTIALLY_FILLED', 'OVER_FILLED'], outputPerState: false, includePayouts: false, options: {} },
			credentials: { payRamApi: PAYRAM_CREDENTIAL },
		},
		noOp,
	]);
}

/** n8n's own Webhook node (POST, header auth, answer on receipt) → NoOp. */
export function webhookWorkflow(webhookId: string): Workflow {
	return workflow(WEBHOOK_WORKFLOW_ID, 'Bench: Webhook (header auth) → NoOp', [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			webhookId,
			parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, authentication: 'headerAuth', responseMode: 'onReceived', options: {} },
			credentials: { httpHeaderAuth: HEADER_CREDENTIAL },
		},
		noOp,
	]);
}

/** Manual Trigger → Set (raw JSON, one array field) → Split Out → the measured node. */
export function bulkWorkflow(id: string, name: string, items: unknown[], measured: Node): Workflow {
	return workflow(id, name, [
		{ name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		{
			name: 'Input',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} },
		},
		{
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'items', include: 'noOtherFields', options: {} },
		},
		{ name: MEASURED_NODE, ...measured },
	]);
}

export type BulkOperation = 'getPayment' | 'logEvent';
export type BulkVariant = { kind: 'payram'; concurrency: number } | { kind: 'http' };

export interface BulkCase {
	id: string;
	operation: BulkOperation;
	variant: BulkVariant;
	label: string;
	workflow: Workflow;
}

export const PURCHASE_EVENT = 'purchase';

function payramNode(operation: BulkOperation, concurrency: number): Node {
	const parameters =
		operation === 'getPayment'
			? { resource: 'payment', operation: 'get', referenceId: '={{ $json.referenceId }}', concurrency }
			: {
					resource: 'referral',
					operation: 'logEvent',
					eventKey: PURCHASE_EVENT,
					memberReferenceId: '={{ $json.memberReferenceId }}',
					additionalFields: { amount: '={{ $json.amount }}' },
					concurrency,
				};
	return { type: 'n8n-nodes-payram.payRam', typeVersion: 1, parameters, credentials: { payRamApi: PAYRAM_CREDENTIAL } };
}

/** n8n's HTTP Request node making the same call, API-Key header from a Header Auth credential, batches of 10. */
function httpNode(operation: BulkOperation, simUrl: string): Node {
	const common = {
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		options: { batching: { batch: { batchSize: 10, batchInterval: 0 } } },
	};
	const parameters =
		operation === 'getPayment'
			? { method: 'GET', url: `={{ "${simUrl}/api/v1/payment/reference/" + encodeURIComponent($json.referenceId) }}`, ...common }
			: {
					method: 'POST',
					url: `${simUrl}/api/v1/referral/event-log`,
					sendBody: true,
					specifyBody: 'json',
					// The amount goes in as its literal text, a JSON number, as the PayRam node sends it.
					jsonBody: `={\n  "eventKey": "${PURCHASE_EVENT}",\n  "referenceID": "{{ $json.memberReferenceId }}",\n  "amount": {{ $json.amount }}\n}`,
					...common,
				};
	return { type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters, credentials: { httpHeaderAuth: HEADER_CREDENTIAL } };
}

export function bulkCases(
	simUrl: string,
	inputs: Record<BulkOperation, unknown[]>,
	variants: Array<{ code: string; variant: BulkVariant; label: string }>,
): BulkCase[] {
	const cases: BulkCase[] = [];
	for (const operation of ['getPayment', 'logEvent'] as const) {
		for (const { code, variant, label } of variants) {
			// 16-character ids, like n8n's own.
			const id = `Bench${operation === 'getPayment' ? 'Get' : 'Log'}${code}`.padEnd(16, 'x');
			if (id.length !== 16 || cases.some((c) => c.id === id)) throw new Error(`bulk workflow id ${id} is not a unique 16-character id`);
			const measured = variant.kind === 'payram' ? payramNode(operation, variant.concurrency) : httpNode(operation, simUrl);
			const opName = operation === 'getPayment' ? 'Get Payment' : 'Log Event';
			cases.push({ id, operation, variant, label, workflow: bulkWorkflow(id, `Bench: ${opName} × ${inputs[operation].length}, ${label}`, inputs[operation], measured) });
		}
	}
	return cases;
}
