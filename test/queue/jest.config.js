/** Queue-mode suite: n8n main, a webhook processor and two workers on PostgreSQL and Redis. */
module.exports = {
	rootDir: '../..',
	preset: 'ts-jest',
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/queue/**/*.e2e.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	testTimeout: 1800000,
	maxWorkers: 1,
};
