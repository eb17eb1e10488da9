// `npm run demo`: a real n8n with the PayRam nodes, the PayRam simulator and the example workflows.
import path from 'node:path';

import { OWNER, TRIGGER_WORKFLOW_ID, startDemoStack } from './stack';

const simPort = Number(process.env.PAYRAM_SIM_PORT ?? 8787);
const n8nPort = Number(process.env.N8N_PORT ?? 5678);

async function main(): Promise<void> {
	console.log('Starting the PayRam simulator and n8n (the first run installs n8n: a few minutes)…');
	const stack = await startDemoStack({ simPort, n8nPort, folder: path.resolve(__dirname, '../../.demo/n8n') });
	const line = '─'.repeat(72);
	console.log(`
${line}
 n8n with the PayRam nodes is running.

 Editor     ${stack.n8n.baseUrl}
 Login      ${OWNER.email}  /  ${OWNER.password}
 PayRam     ${stack.sim.url}  (simulator, API key ${stack.sim.apiKey})

 Make a simulated customer pay, in another terminal:
     npm run demo:pay              # a new payment, paid in full → FILLED
     npm run demo:pay -- partial   # paid in part → PARTIALLY_FILLED

 Then open the workflow "PayRam: fulfil orders on FILLED, chase PARTIALLY_FILLED"
 → Executions:  ${stack.n8n.baseUrl}/workflow/${TRIGGER_WORKFLOW_ID}/executions

 Ctrl-C stops n8n and the simulator.
${line}`);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('Stopping…');
		await stack.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
