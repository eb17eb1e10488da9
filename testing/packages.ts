// The packages of this repository: the root package and every packages/<name>/, read from their package.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPOSITORY_ROOT = join(__dirname, '..');

export interface RepositoryPackage {
	/** npm name, which n8n uses as the prefix of the package's node types (`<name>.<node>`). */
	name: string;
	/** Absolute path of the package's folder. */
	dir: string;
	/** Compiled files n8n loads, as listed in package.json's `n8n` section (`dist/...js`). */
	nodes: string[];
	credentials: string[];
}

function readPackage(dir: string): RepositoryPackage {
	const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
		name: string;
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	return { name: manifest.name, dir, nodes: manifest.n8n?.nodes ?? [], credentials: manifest.n8n?.credentials ?? [] };
}

/** The root package first, then packages/* in name order; a new package is found without being listed anywhere. */
export function repositoryPackages(): RepositoryPackage[] {
	const packagesDir = join(REPOSITORY_ROOT, 'packages');
	const sisters = existsSync(packagesDir)
		? readdirSync(packagesDir, { withFileTypes: true })
				.filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
				.map((entry) => join(packagesDir, entry.name))
				.sort()
		: [];
	return [REPOSITORY_ROOT, ...sisters].map(readPackage);
}

/** The TypeScript source of a compiled file listed in package.json: `dist/nodes/X/X.node.js` → `<dir>/nodes/X/X.node`. */
export function sourceModule(pkg: RepositoryPackage, compiled: string): string {
	return join(pkg.dir, compiled.replace(/^dist\//, '').replace(/\.js$/, ''));
}
