import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { upPromoteApiRequest } from '../UpPromote/transport';
import { eventOfWebhookName, eventWebhookUrls, UPPROMOTE_EVENTS } from './helpers/events';
import type { StoredSubscription, Subscription } from './helpers/subscriptions';
import { allSubscribed, eventsToUnsubscribe, planSubscriptions, readSubscriptions } from './helpers/subscriptions';

const PER_PAGE = 100;
const EVENT_PATHS = Object.fromEntries(UPPROMOTE_EVENTS.map((event) => [event.value, event.path]));

/** The node's static data, where the webhook processor (a process of its own in queue mode) finds each event's secret. */
export function storedSubscriptions(staticData: IDataObject): Record<string, StoredSubscription> {
	if (typeof staticData.subscriptions !== 'object' || staticData.subscriptions === null) staticData.subscriptions = {};
	return staticData.subscriptions as Record<string, StoredSubscription>;
}

function chosenEvents(ctx: IHookFunctions): string[] {
	return ctx.getNodeParameter('events', []) as string[];
}

/** The event of the webhook n8n runs this hook for (each event's webhook has a name of its own). */
function hookEvent(ctx: IHookFunctions): string {
	const event = eventOfWebhookName(ctx.getWebhookName());
	if (!event) throw new NodeOperationError(ctx.getNode(), `n8n ran a hook for an unknown webhook: ${ctx.getWebhookName()}`);
	return event.value;
}

/** The hook's event when it is chosen, else nothing to do. */
function hookEvents(ctx: IHookFunctions): string[] {
	const event = hookEvent(ctx);
	return chosenEvents(ctx).includes(event) ? [event] : [];
}

function webhookUrls(ctx: IHookFunctions): Record<string, string> {
	const first = ctx.getNodeWebhookUrl('default') ?? '';
	const urls = eventWebhookUrls(first);
	if (!urls) throw new NodeOperationError(ctx.getNode(), `n8n gave this trigger an unexpected webhook URL: ${first}`);
	return urls;
}

/** Every subscription of the store; UpPromote's pages carry no metadata, so a short page is the last. */
async function listSubscriptions(ctx: IHookFunctions): Promise<Subscription[]> {
	const all: Subscription[] = [];
	for (let page = 1; ; page++) {
		const data = await upPromoteApiRequest.call(ctx, { method: 'GET', path: '/webhook-subscriptions', qs: { page, per_page: PER_PAGE } });
		const rows = Array.isArray(data) ? data : [];
		all.push(...readSubscriptions(rows));
		if (rows.length < PER_PAGE) return all;
	}
}

async function unsubscribe(ctx: IHookFunctions, event: string): Promise<void> {
	await upPromoteApiRequest.call(ctx, { method: 'DELETE', path: '/webhook-subscriptions', body: { event } });
}

/** Whether the hook's event, when chosen, is subscribed to this trigger; the secret UpPromote lists is stored again. */
export async function subscriptionsExist(this: IHookFunctions): Promise<boolean> {
	// Nothing chosen: the first webhook's create() says so.
	if (chosenEvents(this).length === 0) return hookEvent(this) !== UPPROMOTE_EVENTS[0].value;
	const events = hookEvents(this);
	if (events.length === 0) return true;
	const urls = webhookUrls(this);
	const existing = await listSubscriptions(this);
	if (!allSubscribed(events, urls, existing)) return false;
	const stored = storedSubscriptions(this.getWorkflowStaticData('node'));
	for (const event of events) {
		const held = existing.find((subscription) => subscription.event === event) as Subscription;
		stored[event] = { targetUrl: held.targetUrl, secretKey: held.secretKey as string };
	}
	return true;
}

/**
 * Subscribes the hook's event with its own URL (UpPromote pings it first: n8n serves a webhook before running its
 * hooks). Every chosen event is planned, so a conflict on any of them refuses activation before anything changes.
 */
export async function subscribeEvents(this: IHookFunctions): Promise<boolean> {
	const events = chosenEvents(this);
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No event is selected', { description: 'Pick at least one event in Events.' });
	}
	const own = hookEvents(this);
	if (own.length === 0) return true;
	const plan = planSubscriptions({
		events,
		urls: webhookUrls(this),
		paths: EVENT_PATHS,
		webhookId: this.getNode().webhookId ?? '',
		existing: await listSubscriptions(this),
		isTest: this.getMode() === 'manual',
		replaceExisting: this.getNodeParameter('options.replaceExisting', false) as boolean,
	});
	if ('refused' in plan) throw new NodeOperationError(this.getNode(), plan.refused);

	const stored = storedSubscriptions(this.getWorkflowStaticData('node'));
	for (const step of plan.steps.filter((candidate) => own.includes(candidate.event))) {
		if (step.holder === 'ours' && step.secretKey) {
			stored[step.event] = { targetUrl: step.url, secretKey: step.secretKey };
			continue;
		}
		if (step.holder !== 'free') await unsubscribe(this, step.event);
		const data = (await upPromoteApiRequest.call(this, {
			method: 'POST',
			path: '/webhook-subscriptions',
			body: { target_url: step.url, event: step.event },
		})) as IDataObject | null;
		const secretKey = typeof data?.secret_key === 'string' ? data.secret_key : '';
		if (secretKey === '') {
			throw new NodeOperationError(this.getNode(), `UpPromote subscribed ${step.event} but returned no secret_key`, {
				description: 'Without it deliveries cannot be verified. Deactivate and activate the workflow again.',
			});
		}
		stored[step.event] = { targetUrl: step.url, secretKey };
	}
	return true;
}

/** Unsubscribes the hook's event if its subscription still points at this trigger, and no other. */
export async function unsubscribeEvents(this: IHookFunctions): Promise<boolean> {
	const event = hookEvent(this);
	const stored = storedSubscriptions(this.getWorkflowStaticData('node'));
	const urls = webhookUrls(this);
	const existing = await listSubscriptions(this);
	const own = stored[event] ? { [event]: stored[event] } : {};
	for (const held of eventsToUnsubscribe([event], own, urls, existing)) {
		await unsubscribe(this, held);
	}
	// Another URL's secret stays (a Test URL stopping leaves the published workflow's).
	if (stored[event]?.targetUrl === urls[event]) delete stored[event];
	return true;
}
