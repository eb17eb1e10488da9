/** Reliability suite: one real n8n (installed and cached by testing/n8n/install-n8n.sh) under load, hostile input and PayRam faults. */
module.exports = {
	rootDir: '../..',
	preset: 'ts-jest',
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/reliability/**/*.suite.ts'],
	// n8n user folders (demo, e2e, this suite) hold package.json files that jest's module map must not read.
	modulePathIgnorePatterns: ['<rootDir>/.demo/', '<rootDir>/.e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	testTimeout: 600000,
	maxWorkers: 1,
};
