import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { N8N_TARGETS, N8nServer, packRepositoryPackages } from '../../testing/n8n/n8n';
import type { PackageImports } from '../../testing/n8n/suite-package';
import { TRIGGER_WORKFLOW_ID, freePort, triggerUrl, writeCredentialFile, writeExamplesFile } from '../e2e/support';
import { ensureServicesInstalled, startPostgres, startRedis, type Service } from './services';

/** n8n in queue mode: a main instance, one webhook processor and two workers sharing PostgreSQL and Redis. */
export interface QueueCluster {
	main: N8nServer;
	webhook: N8nServer;
	workers: N8nServer[];
	hookUrl: string;
	processes(): N8nServer[];
	/** Replaces the webhook processor with a fresh process (nothing of the old one's memory survives). */
	restartWebhookProcessor(): Promise<void>;
	stop(): Promise<void>;
}

/** `others`: what the sister packages import beside PayRam's examples (every package is installed in every process). */
export async function startQueueCluster(options: { folder: string; payramUrl: string; payramKey: string; others?: PackageImports }): Promise<QueueCluster> {
	ensureServicesInstalled();
	const { version, nodeMajor } = N8N_TARGETS[0];
	const services: Service[] = [];
	const servers: N8nServer[] = [];
	try {
		services.push(await startPostgres(await freePort()));
		services.push(await startRedis(await freePort()));
		const [postgres, redis] = services;
		const webhookPort = await freePort();
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
			// Production webhooks go to the webhook processor only, as in a scaled deployment.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			QUEUE_WORKER_CONCURRENCY: '10',
		};
		const common = { version, nodeMajor, userFolder: options.folder, extraEnv: queueEnv };
		const main = new N8nServer({ ...common, port: await freePort() });
		main.prepare(packRepositoryPackages());
		mkdirSync(options.folder, { recursive: true });
		writeCredentialFile(path.join(options.folder, 'credentials.json'), options.payramUrl, options.payramKey, options.others?.credentials);
		const workflows = writeExamplesFile(path.join(options.folder, 'workflows.json'), options.others?.workflows);
		await main.importCredentials(path.join(options.folder, 'credentials.json'));
		await main.importWorkflows(path.join(options.folder, 'workflows.json'));
		servers.push(main);
		await main.start();
		await main.publish(TRIGGER_WORKFLOW_ID);

		const newWebhookProcessor = () => new N8nServer({ ...common, port: webhookPort, role: 'webhook' });
		let webhook = newWebhookProcessor();
		servers.push(webhook);
		await webhook.start();
		const workers = [
			new N8nServer({ ...common, port: await freePort(), role: 'worker' }),
			new N8nServer({ ...common, port: await freePort(), role: 'worker' }),
		];
		servers.push(...workers);
		await Promise.all(workers.map((w) => w.start()));

		const cluster: QueueCluster = {
			main,
			get webhook() {
				return webhook;
			},
			workers,
			hookUrl: triggerUrl(webhook.baseUrl, workflows.find((w) => w.id === TRIGGER_WORKFLOW_ID)!),
			processes: () => servers,
			async restartWebhookProcessor() {
				await webhook.stop();
				webhook = newWebhookProcessor();
				servers.push(webhook);
				await webhook.start();
			},
			async stop() {
				await Promise.all(servers.map((s) => s.stop()));
				for (const service of services.reverse()) await service.stop();
			},
		};
		return cluster;
	} catch (error) {
		await Promise.all(servers.map((s) => s.stop()));
		for (const service of services.reverse()) await service.stop();
		throw error;
	}
}
