import { createServer } from 'node:net';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { WorkflowJson } from '../../testing/n8n/suite-package';

export const EXAMPLES_DIR = path.resolve(__dirname, '../../examples');
export const CREDENTIAL_ID = 'PayRamCredDemo01';
export const TRIGGER_WORKFLOW_ID = 'PayRamExample002';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** The example workflows, all in one file for `n8n import:workflow`. */
export function writeExamplesFile(target: string, others: WorkflowJson[] = []): WorkflowJson[] {
	const workflows = readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(readFileSync(path.join(EXAMPLES_DIR, f), 'utf8')) as WorkflowJson);
	writeFileSync(target, JSON.stringify([...workflows, ...others], null, 2));
	return workflows;
}

/** The credential the examples use, pointing at a PayRam server (plain data: n8n encrypts it on import), and other packages'. */
export function writeCredentialFile(target: string, url: string, apiKey: string, others: Array<Record<string, unknown>> = []): void {
	writeFileSync(
		target,
		JSON.stringify([
			{ id: CREDENTIAL_ID, name: 'PayRam account', type: 'payRamApi', data: { url, apiKey, allowInsecure: true } },
			...others,
		]),
	);
}

/** The production webhook URL n8n serves for the trigger of a workflow. */
export function triggerUrl(baseUrl: string, workflow: { nodes: Array<Record<string, unknown>> }): string {
	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-payram.payRamTrigger');
	if (!trigger) throw new Error('no PayRam Trigger in the workflow');
	return `${baseUrl}/webhook/${trigger.webhookId as string}/payram`;
}

export { waitFor } from '../../testing/n8n/wait';
