// What the sister packages' real-n8n tests read from a trigger's executions and answers, whatever the service.
import type { LoadResult } from './load';
import type { Execution, N8nServer } from './n8n';
import { waitFor } from './wait';

/** The items a trigger emitted in an execution on one output (one item per delivery). */
export function triggerItems(execution: Execution, trigger: string, output = 0): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData?.runData?.[trigger];
	return (runs?.[0]?.data?.main?.[output] ?? []).map((item) => item.json);
}

/** Waits until the workflow has `count` finished executions and returns them all. */
export async function finishedExecutions(n8n: N8nServer, workflowId: string, count: number, timeoutMs = 60_000): Promise<Execution[]> {
	return await waitFor(`${count} executions of ${workflowId}`, async () => {
		const all = await n8n.executions(workflowId);
		return all.length >= count && all.every((execution) => execution.finished || execution.status === 'success') ? all : undefined;
	}, timeoutMs);
}

/** Every secret found in a text, masked (empty when none). */
export function secretsIn(text: string, secrets: Iterable<string>): string[] {
	return [...secrets].filter((secret) => secret.length >= 8 && text.includes(secret)).map((secret) => `${secret.slice(0, 4)}…(${secret.length} chars)`);
}

/** How the sent ids map onto executions (`idsOf` reads the ids an execution ran): each must have run exactly once, and nothing else. */
export function lostAndDuplicated(sent: string[], executions: Execution[], idsOf: (execution: Execution) => string[]): { lost: number; duplicated: number; unexpected: number; examples: string[] } {
	const runs = new Map<string, number>();
	for (const id of executions.flatMap(idsOf)) runs.set(id, (runs.get(id) ?? 0) + 1);
	const expected = new Set(sent);
	const lost = sent.filter((id) => !runs.has(id));
	const duplicated = [...runs].filter(([id, n]) => expected.has(id) && n > 1);
	const unexpected = [...runs.keys()].filter((id) => !expected.has(id));
	return {
		lost: lost.length,
		duplicated: duplicated.length,
		unexpected: unexpected.length,
		examples: [...lost.slice(0, 3).map((id) => `lost ${id}`), ...duplicated.slice(0, 3).map(([id, n]) => `${id}×${n}`), ...unexpected.slice(0, 3)],
	};
}

/** A JSON object answer, or undefined for anything else. */
export function answerObject(body: string): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(body) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** A 200 that started a workflow: it carries the event id and is not a duplicate. */
export function startedAWorkflow(result: LoadResult): boolean {
	const body = answerObject(result.body);
	return result.status === 200 && typeof body?.eventId === 'string' && body.duplicate !== true;
}
