// How a package takes part in the real-n8n suites (e2e, queue mode, reliability) without a startup of its own:
// its simulators and imports join the suite's one n8n setup, and its tests run against it.
import type { N8nServer } from './n8n';

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	[key: string]: unknown;
}

/** Plain credential data (n8n encrypts it on import) and workflows, imported before n8n starts. */
export interface PackageImports {
	credentials: Array<Record<string, unknown>>;
	workflows: WorkflowJson[];
}

/** The suite's n8n setup as a package's tests see it, valid from their beforeAll on. */
export interface SuiteN8n {
	/** The instance whose CLI and APIs the tests use (the main instance in queue mode). */
	n8n: N8nServer;
	version: string;
	/** Where production webhooks are served: the instance itself, or the webhook processor in queue mode. */
	webhookBaseUrl: string;
	/** Every log line of every n8n process of the setup. */
	logs(): string;
	/** Queue mode only: the worker processes. */
	workers?: N8nServer[];
}

/** One package's part in one suite. */
export interface SuitePart {
	/** Before n8n starts: starts the package's simulators and says what to import. */
	start(): Promise<PackageImports>;
	/** Registers the package's tests (describe blocks); called while the suite's describe is being defined. */
	tests(setup: () => SuiteN8n): void;
	/** After the suite: stops what start() started. */
	stop(): Promise<void>;
}

/** A package's parts, one factory per suite it takes part in (each call gives a fresh part, e.g. per n8n version). */
export interface SuitePackage {
	name: string;
	e2e?(): SuitePart;
	queue?(): SuitePart;
	reliability?(): SuitePart;
}

export type SuiteName = 'e2e' | 'queue' | 'reliability';

/** The parts of every listed package that takes part in this suite. */
export function suiteParts(packages: SuitePackage[], suite: SuiteName): SuitePart[] {
	return packages.flatMap((pkg) => {
		const factory = pkg[suite];
		return factory ? [factory.call(pkg)] : [];
	});
}

/** Starts every part and merges what they import. */
export async function startParts(parts: SuitePart[]): Promise<PackageImports> {
	const all = await Promise.all(parts.map((part) => part.start()));
	return { credentials: all.flatMap((i) => i.credentials), workflows: all.flatMap((i) => i.workflows) };
}

export async function stopParts(parts: SuitePart[]): Promise<void> {
	await Promise.all(parts.map((part) => part.stop()));
}
