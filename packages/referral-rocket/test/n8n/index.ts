// The Referral Rocket package's part in the repository's real-n8n suites (test/e2e, test/queue, test/reliability at the root).
import type { SuitePackage, SuitePart } from '../../../../testing/n8n/suite-package';
import { referralRocketQueueLoad } from './queue';
import { referralRocketReliability } from './reliability';
import { referralRocketScenarios, type ScenarioContext } from './scenarios';
import { startReferralRocket, WORKFLOWS, type ReferralRocketInSuite } from './setup';

/** The published triggers' scenarios; in queue mode with a load through the webhook processor. */
function scenarioPart(withLoad: boolean): SuitePart {
	let rr: ReferralRocketInSuite | undefined;
	return {
		async start() {
			const started = await startReferralRocket([WORKFLOWS.trigger, WORKFLOWS.whsec, WORKFLOWS.node]);
			rr = started;
			return started.imports;
		},
		tests(setup) {
			const context = (): ScenarioContext => ({ ...setup(), rr: rr! });
			referralRocketScenarios(context, withLoad ? () => referralRocketQueueLoad(context) : undefined);
		},
		async stop() {
			await rr?.sim.close();
		},
	};
}

export const referralRocketInN8n: SuitePackage = {
	name: 'n8n-nodes-referral-rocket',
	e2e: () => scenarioPart(false),
	queue: () => scenarioPart(true),
	reliability: () => referralRocketReliability(),
};
