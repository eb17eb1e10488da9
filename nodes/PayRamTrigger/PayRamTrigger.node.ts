import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { PAYMENT_STATE_OPTIONS } from '../PayRam/helpers/paymentStates';
import { authenticateDelivery } from './helpers/authenticate';
import { classifyDelivery, eventIdOf, eventItem, readPayload } from './helpers/events';
import type { RoutingSettings } from './helpers/routing';
import { configuredOutputs, OUTPUTS_EXPRESSION, routeEvent } from './helpers/routing';
import { readRawBody, type WebhookRequest } from '../PayRam/kit/rawBody';
import { remember, store } from '../PayRam/kit/seenEvents';
import { answer, header } from '../PayRam/kit/webhookReply';

const ACK = { message: 'Webhook received successfully' };

export class PayRamTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PayRam Trigger',
		name: 'payRamTrigger',
		icon: { light: 'file:../PayRam/payram.svg', dark: 'file:../PayRam/payram.dark.svg' },
		group: ['trigger'],
		// Version 2 behaves the same; n8n 2.x checks a binary-data option through an expression on every request to a version 1 webhook node.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{"On " + ($parameter["states"] || []).join(", ")}}',
		description: 'Starts the workflow when PayRam reports a payment (or payout) event',
		defaults: { name: 'PayRam Trigger' },
		inputs: [],
		outputs: OUTPUTS_EXPRESSION,
		credentials: [{ name: 'payRamApi', required: true }],
		webhooks: [
			// responseData '' makes n8n answer with the node's webhookResponse; n8n 2.x sends it once the execution is recorded.
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'payram' },
			{ name: 'default', httpMethod: 'GET', responseMode: 'onReceived', responseData: '', path: 'payram' },
		],
		properties: [
			{
				displayName:
					'Copy the Production URL above into PayRam: Project → Webhooks. The Test URL only receives while this editor is listening for a test event, so PayRam deliveries reach a workflow only once it is published.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Payment States',
				name: 'states',
				type: 'multiOptions',
				options: PAYMENT_STATE_OPTIONS,
				default: ['FILLED', 'PARTIALLY_FILLED', 'OVER_FILLED'],
				description:
					'Payment states that start the workflow. A state PayRam does not document (e.g. UNDEFINED) always starts it, on its own last output "Other State", never on the output of a selected state.',
			},
			{
				displayName: 'Output per State',
				name: 'outputPerState',
				type: 'boolean',
				default: false,
				description:
					'Whether each selected state gets its own output, so FILLED and PARTIALLY_FILLED can take different branches. Payout and Other State follow, last.',
			},
			{
				displayName: 'Include Payout Events',
				name: 'includePayouts',
				type: 'boolean',
				default: false,
				description: 'Whether payout status events (event_type payout.*) also start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Require Signature',
						name: 'requireSignature',
						type: 'boolean',
						default: false,
						description:
							'Whether to refuse deliveries without X-Payram-Signature. Turn on when your PayRam server signs webhooks (current versions do); older servers send only the API-Key header.',
					},
					{
						displayName: 'Skip Duplicate Events',
						name: 'skipDuplicates',
						type: 'boolean',
						default: false,
						description:
							'Whether to acknowledge but not run again for an event already received (PayRam retries, so the same event can arrive twice)',
					},
				],
			},
		],
	};

	// PayRam has no API to register a webhook with a project key: the merchant pastes the URL in the dashboard.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	/**
	 * n8n runs this with what webhook() emitted, as the first step of the execution. It stores the seen event ids:
	 * n8n 2.x drops static data changed by webhook() when it answers after recording the execution, and saves what
	 * the execution changed.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const outputs = configuredOutputs(this.getNode().parameters as unknown as RoutingSettings).length;
		const emitted = Array.from({ length: outputs }, (_, output) => this.getInputData(output) ?? []);
		if (this.getNodeParameter('options.skipDuplicates', 0, false) as boolean) {
			store(
				this,
				emitted.flat().flatMap((item) => (typeof item.json.eventId === 'string' ? [item.json.eventId] : [])),
			);
		}
		return emitted;
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject() as unknown as WebhookRequest;
		const headers = this.getHeaderData() as IDataObject;
		const body = await readRawBody(req);
		if ('refused' in body) {
			return answer(this, body.refused, { message: body.refused === 413 ? 'Payload Too Large' : 'Bad request: the body could not be read' });
		}
		const { rawBody } = body;
		const credentials = await this.getCredentials('payRamApi');

		const auth = authenticateDelivery({
			apiKeyHeader: header(headers, 'api-key'),
			signatureHeader: header(headers, 'x-payram-signature'),
			rawBody: rawBody ?? Buffer.from(JSON.stringify(this.getBodyData() ?? {})),
			apiKey: String(credentials.apiKey ?? ''),
		});
		if (!auth.ok) return answer(this, 401, { message: `Unauthorized: ${auth.reason}` });

		const read = readPayload(rawBody, this.getBodyData());
		if ('reason' in read) return answer(this, 400, { message: `Bad request: ${read.reason}` });

		const isTest = header(headers, 'x-webhook-test')?.toLowerCase() === 'true';
		const delivery = classifyDelivery(read.payload, read.exact, isTest);
		// The dashboard's test may come unsigned; failing it would switch the merchant's webhook off.
		if (delivery.kind === 'ping') return answer(this, 200, ACK);
		if (!auth.signed && (this.getNodeParameter('options.requireSignature', false) as boolean)) {
			return answer(this, 401, { message: 'Unauthorized: X-Payram-Signature is required' });
		}
		if (delivery.kind === 'invalid') return answer(this, 400, { message: `Bad request: ${delivery.reason}` });

		const settings: RoutingSettings = {
			outputPerState: this.getNodeParameter('outputPerState', false) as boolean,
			states: this.getNodeParameter('states', []) as string[],
			includePayouts: this.getNodeParameter('includePayouts', false) as boolean,
		};
		const route = routeEvent(delivery, settings);
		if ('ignored' in route) return answer(this, 200, { ...ACK, ignored: route.ignored });

		const eventId = eventIdOf(delivery);
		if ((this.getNodeParameter('options.skipDuplicates', false) as boolean) && remember(this, eventId)) {
			return answer(this, 200, { ...ACK, duplicate: true, eventId });
		}

		const item: INodeExecutionData = {
			json: eventItem(delivery, { eventId, receivedAt: new Date(), method: req.method ?? 'POST', signed: auth.signed }),
		};
		const workflowData: INodeExecutionData[][] = Array.from({ length: route.outputs }, () => []);
		workflowData[route.output].push(item);
		return { workflowData, webhookResponse: { ...ACK, eventId } };
	}
}

