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
import { NodeConnectionTypes } from 'n8n-workflow';

import { readRawBody, type WebhookRequest } from '../ReferralRocket/kit/rawBody';
import { remember, store } from '../ReferralRocket/kit/seenEvents';
import { answer, header } from '../ReferralRocket/kit/webhookReply';
import { eventIdsOf, eventItem, readDelivery, readEnvelope } from './helpers/deliveries';
import { OUTPUT_NAMES, REFERRAL_ROCKET_EVENTS, routeEvent } from './helpers/events';
import { verifySignature, type SecretEncoding } from './helpers/signature';

const ACK = { message: 'Webhook received successfully' };

interface TriggerOptions {
	acceptUnsigned?: boolean;
	secretEncoding?: SecretEncoding;
	skipDuplicates?: boolean;
}

export class ReferralRocketTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Referral Rocket Trigger',
		name: 'referralRocketTrigger',
		icon: { light: 'file:../ReferralRocket/referralrocket.svg', dark: 'file:../ReferralRocket/referralrocket.dark.svg' },
		group: ['trigger'],
		// Starts at 2: n8n 2.x checks a binary-data option through an expression on every request to a version 1 webhook node.
		version: 2,
		subtitle: '={{"On " + ($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when Referral Rocket reports a new referrer, a new referee or an unlocked reward',
		defaults: { name: 'Referral Rocket Trigger' },
		inputs: [],
		outputs: OUTPUT_NAMES.map(() => NodeConnectionTypes.Main),
		outputNames: [...OUTPUT_NAMES],
		credentials: [{ name: 'referralRocketApi', required: true }],
		webhooks: [
			// responseData '' makes n8n answer with the node's webhookResponse.
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'referral-rocket' },
		],
		properties: [
			{
				displayName:
					"Referral Rocket has no API for webhooks: publish this workflow, then in Referral Rocket open Settings > Webhooks, paste the Production URL above as the endpoint URL, tick the same events and save (webhooks need a paid plan). Copy that endpoint's secret into the credential's Webhook Signing Secret.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: REFERRAL_ROCKET_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
				// Every event; written out because the scanner reads a literal array (a unit test keeps it equal to the list).
				default: ['referrer_added', 'referee_added', 'reward_unlocked'],
				description:
					'Event types that start the workflow on the Event output. An event type Referral Rocket does not document always starts it, on the Other Event output.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Accept Unsigned Deliveries',
						name: 'acceptUnsigned',
						type: 'boolean',
						default: false,
						description:
							'Whether to start the workflow for deliveries without X-RR-Signature, or all deliveries while the credential has no Webhook Signing Secret. Anyone who knows the URL can then start the workflow; a signature that can be checked still must match.',
					},
					{
						displayName: 'Secret Encoding',
						name: 'secretEncoding',
						type: 'options',
						options: [
							{
								name: 'Auto',
								value: 'auto',
								description: "Accept the secret's UTF-8 text or, for a secret of hex digits, its hex-decoded bytes as the key",
							},
							{ name: 'UTF-8 Text', value: 'utf8', description: "The secret's UTF-8 bytes are the key (Referral Rocket's Java sample)" },
							{ name: 'Hex Bytes', value: 'hex', description: "The hex-decoded secret is the key (Referral Rocket's JavaScript sample)" },
						],
						default: 'auto',
						description:
							"How Referral Rocket turns the secret into the signature's key. Its own samples disagree; each item's signatureKeyEncoding shows which one matched, so you can pin it.",
					},
					{
						displayName: 'Skip Duplicate Events',
						name: 'skipDuplicates',
						type: 'boolean',
						default: false,
						description:
							'Whether to acknowledge but not run again for an event already received (Referral Rocket retries failed deliveries for days)',
					},
				],
			},
		],
	};

	// Referral Rocket has no API to register webhooks: the builder pastes the URL in its dashboard.
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

	/** Stores the seen event ids from the execution: n8n 2.x drops static data webhook() changed when it answers late. */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const emitted = OUTPUT_NAMES.map((_name, output) => this.getInputData(output) ?? []);
		if (this.getNodeParameter('options.skipDuplicates', 0, false) as boolean) {
			store(
				this,
				emitted.flat().flatMap(({ json }) => [json.eventId, json.contentId].filter((id): id is string => typeof id === 'string')),
			);
		}
		return emitted;
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = await readRawBody(this.getRequestObject() as unknown as WebhookRequest);
		if ('refused' in body) {
			return answer(this, body.refused, { message: body.refused === 413 ? 'Payload Too Large' : 'Bad request: the body could not be read' });
		}
		const rawBody = body.rawBody ?? Buffer.alloc(0);
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const credentials = await this.getCredentials('referralRocketApi');

		const verdict = verifySignature({
			rawBody,
			signature: header(this.getHeaderData() as IDataObject, 'x-rr-signature'),
			secret: typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '',
			encoding: options.secretEncoding ?? 'auto',
			acceptUnsigned: options.acceptUnsigned === true,
		});
		if ('refused' in verdict) return answer(this, 401, { message: `Unauthorized: ${verdict.refused}` });

		const read = readEnvelope(rawBody);
		if ('reason' in read) return answer(this, 400, { message: `Bad request: ${read.reason}` });
		const delivery = readDelivery(read.envelope);

		const route = routeEvent(delivery.eventType, this.getNodeParameter('events', []) as string[]);
		if ('ignored' in route) return answer(this, 200, { ...ACK, ignored: route.ignored });

		const ids = eventIdsOf(delivery);
		if (options.skipDuplicates === true) {
			// Both ids are recorded, so a later retry matching either one is caught.
			const seen = [remember(this, ids.eventId), remember(this, ids.contentId)];
			if (seen.includes(true)) return answer(this, 200, { ...ACK, duplicate: true, eventId: ids.eventId });
		}

		const item = eventItem(delivery, ids, { receivedAt: new Date(), verifiedWith: verdict.verifiedWith });
		const workflowData: INodeExecutionData[][] = OUTPUT_NAMES.map(() => []);
		workflowData[route.output].push({ json: item });
		return { workflowData, webhookResponse: { ...ACK, eventId: ids.eventId } };
	}
}
