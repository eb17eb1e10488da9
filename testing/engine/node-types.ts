import './env';

import { RoutingNode, UnrecognizedCredentialTypeError, UnrecognizedNodeTypeError } from 'n8n-core';
import type { ExecuteContext } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, injectDomainRestrictionFields } from 'n8n-workflow';
import { basename } from 'node:path';

import { repositoryPackages, sourceModule } from '../packages';

export const MANUAL_TRIGGER_NODE_TYPE = 'n8n-nodes-base.manualTrigger';
export const NO_OP_NODE_TYPE = 'n8n-nodes-base.noOp';
export const SCHEDULE_TRIGGER_NODE_TYPE = 'n8n-nodes-base.scheduleTrigger';

export type AnyNodeType = INodeType | IVersionedNodeType;
export type NodeTypeMap = Record<string, AnyNodeType>;
export type CredentialTypeMap = Record<string, ICredentialType>;

interface TypeSource<T> {
	className: string;
	load: () => T;
}

/** Loads an exported class from our own sources on first use, so a node still being written only breaks the tests that use it. */
function fromSource<T>(modulePath: string, className: string): TypeSource<T> {
	return {
		className,
		load: () => {
			const exported = (require(modulePath) as Record<string, new () => T>)[className];
			if (typeof exported !== 'function') {
				throw new Error(`${modulePath} does not export a class named ${className}`);
			}
			return new exported();
		},
	};
}

function fromInstance<T extends object>(instance: T): TypeSource<T> {
	return { className: instance.constructor.name, load: () => instance };
}

/** Stands in for n8n's own Manual Trigger (n8n-nodes-base is not installed): starts a run with the items it is given, one empty item by default. */
export class ManualTriggerStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger', 'input'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		maxNodes: 1,
		defaults: { name: "When clicking 'Execute workflow'" },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return [items.length > 0 ? items : [{ json: {} }]];
	}
}

/** Stands in for n8n's own Schedule Trigger, so a scheduled example runs from it as when its time comes: one empty item. */
export class ScheduleTriggerStandIn extends ManualTriggerStandIn {
	description: INodeTypeDescription = {
		displayName: 'Schedule Trigger',
		name: 'scheduleTrigger',
		group: ['trigger', 'schedule'],
		version: [1, 1.1, 1.2],
		description: 'Triggers the workflow on a given schedule',
		defaults: { name: 'Schedule Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};
}

/** Stands in for n8n's own No Operation node (n8n-nodes-base is not installed): passes its items through. */
export class NoOpStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** `PayRamTrigger.node.js` → `PayRamTrigger`: n8n's starter names each file after the class it exports. */
function className(compiled: string): string {
	return basename(compiled).replace(/\.(node|credentials)\.js$/, '');
}

/** The node type or credential name a class declares, by the same convention (`PayRamTrigger` → `payRamTrigger`). */
function typeName(classOf: string): string {
	return classOf.charAt(0).toLowerCase() + classOf.slice(1);
}

/** Every repository package's nodes and credentials from package.json's `n8n` section, loaded from their sources. */
function repositorySources(): {
	nodes: Record<string, TypeSource<AnyNodeType>>;
	credentials: Record<string, TypeSource<ICredentialType>>;
} {
	const nodes: Record<string, TypeSource<AnyNodeType>> = {};
	const credentials: Record<string, TypeSource<ICredentialType>> = {};
	for (const pkg of repositoryPackages()) {
		for (const compiled of pkg.nodes) {
			const name = className(compiled);
			nodes[`${pkg.name}.${typeName(name)}`] = fromSource(sourceModule(pkg, compiled), name);
		}
		for (const compiled of pkg.credentials) {
			const name = className(compiled);
			credentials[typeName(name)] = fromSource(sourceModule(pkg, compiled), name);
		}
	}
	return { nodes, credentials };
}

/** n8n's CLI gives declarative nodes (routing only, no execute) an execute that runs the RoutingNode. */
function shouldAssignExecuteMethod(nodeType: INodeType): boolean {
	const isDeclarative = nodeType.description.requestDefaults !== undefined;
	return (
		!nodeType.execute &&
		!nodeType.supplyData &&
		!nodeType.poll &&
		!nodeType.trigger &&
		(!nodeType.webhook || isDeclarative) &&
		(!nodeType.methods || isDeclarative)
	);
}

/** INodeTypes over a fixed map of full type names, the way n8n names a community package's nodes (`<package>.<name>`). */
export class HarnessNodeTypes implements INodeTypes {
	private readonly loaded = new Map<string, AnyNodeType>();

	constructor(private readonly sources: Record<string, TypeSource<AnyNodeType>>) {}

	knows(nodeType: string): boolean {
		return nodeType in this.sources;
	}

	names(): string[] {
		return Object.keys(this.sources);
	}

	getByName(nodeType: string): AnyNodeType {
		let type = this.loaded.get(nodeType);
		if (type === undefined) {
			const source = this.sources[nodeType];
			if (source === undefined) {
				const [packageName, ...rest] = nodeType.split('.');
				throw new UnrecognizedNodeTypeError(packageName, rest.join('.'));
			}
			type = source.load();
			this.loaded.set(nodeType, type);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const versioned = NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
		if (shouldAssignExecuteMethod(versioned)) {
			versioned.execute = async function (this: IExecuteFunctions) {
				const routingNode = new RoutingNode(this as ExecuteContext, versioned);
				return (await routingNode.runNode()) ?? [];
			};
		}
		return versioned;
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			Object.entries(this.sources).map(([name, { className }]) => [name, { className, sourcePath: '' }]),
		);
	}
}

/** The credential types n8n would have loaded, with the domain-restriction fields n8n adds to every credential at load time. */
export class HarnessCredentialTypes {
	private readonly loaded = new Map<string, ICredentialType>();

	constructor(
		private readonly sources: Record<string, TypeSource<ICredentialType>>,
		private readonly nodeTypes: HarnessNodeTypes,
	) {}

	recognizes(typeName: string): boolean {
		return typeName in this.sources;
	}

	getByName(typeName: string): ICredentialType {
		let type = this.loaded.get(typeName);
		if (type === undefined) {
			const source = this.sources[typeName];
			if (source === undefined) throw new UnrecognizedCredentialTypeError(typeName);
			type = source.load();
			type.properties = injectDomainRestrictionFields(type);
			this.loaded.set(typeName, type);
		}
		return type;
	}

	getParentTypes(typeName: string): string[] {
		const parents = this.getByName(typeName).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** Full names of the node types that declare this credential, like n8n's loader records them. */
	getSupportedNodes(typeName: string): string[] {
		return this.nodeTypes.names().filter((name) => {
			const type = this.nodeTypes.getByName(name);
			const versions = 'nodeVersions' in type ? Object.values(type.nodeVersions) : [type];
			return versions.some(({ description }) =>
				(description.credentials ?? []).some((credential) => credential.name === typeName),
			);
		});
	}
}

export interface HarnessTypes {
	nodeTypes: HarnessNodeTypes;
	credentialTypes: HarnessCredentialTypes;
}

export interface HarnessTypesOptions {
	/** Extra node types by full type name, e.g. a test's own node. */
	nodeTypes?: NodeTypeMap;
	/** Extra credential types by name. */
	credentialTypes?: CredentialTypeMap;
	/** Whether to register the nodes and credentials of every package in this repository (default true). */
	includePackage?: boolean;
}

export function createHarnessTypes(options: HarnessTypesOptions = {}): HarnessTypes {
	const includePackage = options.includePackage ?? true;
	const packageSources = includePackage ? repositorySources() : { nodes: {}, credentials: {} };
	const nodeSources: Record<string, TypeSource<AnyNodeType>> = {
		...packageSources.nodes,
		[MANUAL_TRIGGER_NODE_TYPE]: fromInstance(new ManualTriggerStandIn()),
		[NO_OP_NODE_TYPE]: fromInstance(new NoOpStandIn()),
		[SCHEDULE_TRIGGER_NODE_TYPE]: fromInstance(new ScheduleTriggerStandIn()),
	};
	for (const [name, type] of Object.entries(options.nodeTypes ?? {})) nodeSources[name] = fromInstance(type);

	const credentialSources: Record<string, TypeSource<ICredentialType>> = {
		...packageSources.credentials,
	};
	for (const [name, type] of Object.entries(options.credentialTypes ?? {})) {
		credentialSources[name] = fromInstance(type);
	}

	const nodeTypes = new HarnessNodeTypes(nodeSources);
	return { nodeTypes, credentialTypes: new HarnessCredentialTypes(credentialSources, nodeTypes) };
}

let packageTypes: HarnessTypes | undefined;

/** Every repository package's nodes and credentials plus the n8n stand-ins, created once per test file. */
export function defaultHarnessTypes(): HarnessTypes {
	packageTypes ??= createHarnessTypes();
	return packageTypes;
}
