// The UpPromote package's part in the repository's real-n8n suites (test/e2e, test/queue, test/reliability at the root).
import type { SuitePackage, SuitePart } from '../../../../testing/n8n/suite-package';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../testing/simulator/receiver';
import { upPromoteQueueLoad } from './queue';
import { upPromoteReliability } from './reliability';
import { upPromoteScenarios, type ScenarioContext } from './scenarios';
import { startUpPromote, WORKFLOWS, type UpPromoteInSuite } from './setup';

/** The published trigger's scenarios; in queue mode with a load through the webhook processor before unpublishing. */
function scenarioPart(withLoad: boolean): SuitePart {
	let up: UpPromoteInSuite | undefined;
	let foreign: WebhookReceiver | undefined;
	return {
		async start() {
			const started = await startUpPromote([WORKFLOWS.trigger, WORKFLOWS.node]);
			up = started;
			foreign = await startWebhookReceiver('/other-integration');
			return started.imports;
		},
		tests(setup) {
			const context = (): ScenarioContext => ({ ...setup(), up: up!, foreign: foreign! });
			upPromoteScenarios(context, withLoad ? () => upPromoteQueueLoad(context) : undefined);
		},
		async stop() {
			await foreign?.close();
			await up?.sim.close();
		},
	};
}

export const upPromoteInN8n: SuitePackage = {
	name: 'n8n-nodes-uppromote',
	e2e: () => scenarioPart(false),
	queue: () => scenarioPart(true),
	reliability: () => upPromoteReliability(),
};
