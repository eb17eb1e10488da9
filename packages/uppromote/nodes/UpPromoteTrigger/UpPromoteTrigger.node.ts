import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readRawBody, type WebhookRequest } from '../UpPromote/kit/rawBody';
import { remember, store } from '../UpPromote/kit/seenEvents';
import { answer, header } from '../UpPromote/kit/webhookReply';
import { eventIdOf, eventItem, readDelivery, readEventBody, verifyDelivery } from './helpers/deliveries';
import { eventForRequestPath, UPPROMOTE_EVENTS, webhookNameOf } from './helpers/events';
import { storedSubscriptions, subscribeEvents, subscriptionsExist, unsubscribeEvents } from './webhookMethods';

const ACK = { message: 'Webhook received successfully' };

// UpPromote's bodies name no event: each event gets a static path of its own, and the path tells the event.
const WEBHOOKS: IWebhookDescription[] = UPPROMOTE_EVENTS.map((event) => ({
	// n8n finds a webhook's hooks by its name whatever it is; the type lists only the names n8n's own nodes use.
	name: webhookNameOf(event) as IWebhookDescription['name'],
	httpMethod: 'POST',
	// responseData '' makes n8n answer with the node's webhookResponse.
	responseMode: 'onReceived',
	responseData: '',
	path: event.path,
}));

const WEBHOOK_METHODS = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		return await subscriptionsExist.call(this);
	},
	async create(this: IHookFunctions): Promise<boolean> {
		return await subscribeEvents.call(this);
	},
	async delete(this: IHookFunctions): Promise<boolean> {
		return await unsubscribeEvents.call(this);
	},
};

export class UpPromoteTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UpPromote Trigger',
		name: 'upPromoteTrigger',
		icon: { light: 'file:../UpPromote/uppromote.svg', dark: 'file:../UpPromote/uppromote.dark.svg' },
		group: ['trigger'],
		// Version 2 behaves the same; n8n 2.x checks a binary-data option through an expression on every request to a version 1 webhook node.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{"On " + ($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when UpPromote reports a referral, affiliate or payment event',
		defaults: { name: 'UpPromote Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'upPromoteApi', required: true }],
		webhooks: WEBHOOKS,
		properties: [
			{
				displayName:
					'Publishing the workflow subscribes each selected event in UpPromote, to its own URL of this trigger, and unpublishing removes those subscriptions. UpPromote allows one subscription per event, so the Test URL can listen only for events the published workflow does not hold: unpublish it to test.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: UPPROMOTE_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
				default: ['referral.new'],
				description: 'UpPromote events that start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Replace Existing Subscriptions',
						name: 'replaceExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether to move a selected event to this trigger when another URL holds it in UpPromote. That URL stops receiving the event, and unpublishing does not give it back.',
					},
					{
						displayName: 'Skip Duplicate Events',
						name: 'skipDuplicates',
						type: 'boolean',
						default: false,
						description:
							'Whether to acknowledge but not run again for an event already received (the same event, record and status)',
					},
				],
			},
		],
	};

	// The same hooks under each event's webhook name: each subscribes, checks or removes the event of its webhook.
	webhookMethods = {
		default: WEBHOOK_METHODS,
		...Object.fromEntries(UPPROMOTE_EVENTS.slice(1).map((event) => [webhookNameOf(event), WEBHOOK_METHODS])),
	};

	/** Stores the seen event ids from the execution: n8n 2.x drops static data webhook() changed when it answers late. */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (this.getNodeParameter('options.skipDuplicates', 0, false) as boolean) {
			store(this, items.flatMap((item) => (typeof item.json.eventId === 'string' ? [item.json.eventId] : [])));
		}
		return [items];
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject() as unknown as WebhookRequest & { path?: string };
		const event = eventForRequestPath(req.path ?? '');
		const body = await readRawBody(req);
		if ('refused' in body) {
			return answer(this, body.refused, { message: body.refused === 413 ? 'Payload Too Large' : 'Bad request: the body could not be read' });
		}
		const rawBody = body.rawBody ?? Buffer.alloc(0);

		const secretKey = event ? storedSubscriptions(this.getWorkflowStaticData('node'))[event.value]?.secretKey : undefined;
		const verdict = verifyDelivery(rawBody, header(this.getHeaderData() as IDataObject, 'x-uppromote-signature'), secretKey);
		// UpPromote's validation ping while subscribing: only a 200 lets the subscription be made.
		if ('ping' in verdict) return answer(this, 200, ACK);
		if ('refused' in verdict) return answer(this, 401, { message: `Unauthorized: ${verdict.reason}` });
		// A valid signature needs a stored secret, and secrets are stored only under known events.
		if (!event) return answer(this, 401, { message: 'Unauthorized: no UpPromote event has this path' });

		const read = readEventBody(rawBody);
		if ('reason' in read) return answer(this, 400, { message: `Bad request: ${read.reason}` });
		const delivery = readDelivery(event, read.payload);
		if ('reason' in delivery) return answer(this, 400, { message: `Bad request: ${delivery.reason}` });

		const eventId = eventIdOf(delivery);
		if ((this.getNodeParameter('options.skipDuplicates', false) as boolean) && remember(this, eventId)) {
			return answer(this, 200, { ...ACK, duplicate: true, eventId });
		}
		return {
			workflowData: [[{ json: eventItem(delivery, eventId, new Date()) }]],
			webhookResponse: { ...ACK, eventId },
		};
	}
}
