// The sister packages taking part in the real-n8n suites (test/e2e, test/queue, test/reliability) beside PayRam.
// A package plugs in with one module of its own (e.g. packages/<name>/test/n8n/index.ts) exporting a SuitePackage.
import type { SuitePackage } from '../testing/n8n/suite-package';
import { referralRocketInN8n } from '../packages/referral-rocket/test/n8n';
import { upPromoteInN8n } from '../packages/uppromote/test/n8n';

export const SISTER_PACKAGES: SuitePackage[] = [upPromoteInN8n, referralRocketInN8n];
