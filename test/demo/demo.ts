// `npm run demo`: a real n8n with the PayRam, UpPromote and Referral Rocket nodes, their simulators and the example workflows.
import path from 'node:path';

import { N8N_TARGETS, installN8nWithProgress } from '../../testing/n8n/n8n';
import { OWNER, PAY_AFFILIATES_WORKFLOW_ID, REFERRAL_WORKFLOW_ID, REWARD_WORKFLOW_ID, TRIGGER_WORKFLOW_ID, startDemoStack } from './stack';

const simPort = Number(process.env.PAYRAM_SIM_PORT ?? 8787);
const upPromotePort = Number(process.env.UPPROMOTE_SIM_PORT ?? 8788);
const referralRocketPort = Number(process.env.REFERRAL_ROCKET_SIM_PORT ?? 8789);
const n8nPort = Number(process.env.N8N_PORT ?? 5678);
const folder = path.resolve(__dirname, '../../.demo/n8n');

async function main(): Promise<void> {
	const { version, nodeMajor } = N8N_TARGETS[0];
	console.log(`Installing n8n ${version} on Node ${nodeMajor} (cached after the first run; the first install takes several minutes)…`);
	await installN8nWithProgress(version, nodeMajor, (line) => console.log(line));
	console.log('Starting the PayRam, UpPromote and Referral Rocket simulators and n8n (a fresh n8n: its data folder is wiped on every start)…');
	const stack = await startDemoStack({ simPort, upPromotePort, referralRocketPort, n8nPort, folder });
	const { n8n, sim, upPromote, referralRocket } = stack;
	const line = '─'.repeat(76);
	console.log(`
${line}
 n8n with the PayRam, UpPromote and Referral Rocket nodes is running.

 Editor     ${n8n.baseUrl}
 Login      ${OWNER.email}  /  ${OWNER.password}
 PayRam     ${sim.url}  (simulator, API key ${sim.apiKey})
 UpPromote  ${upPromote.baseUrl}  (simulator, API key ${upPromote.apiKey})
 Referral Rocket  ${referralRocket.baseUrl}  (simulator, no key; it signs reward_unlocked for the reward workflow)
 n8n's log  ${n8n.logFile}

 Make a simulated customer pay, in another terminal:
     npm run demo:pay              # a new payment, paid in full → FILLED
     npm run demo:pay -- partial   # paid in part → PARTIALLY_FILLED
 Then open "PayRam: fulfil orders on FILLED, chase PARTIALLY_FILLED" → Executions:
     ${n8n.baseUrl}/workflow/${TRIGGER_WORKFLOW_ID}/executions

 Pay an UpPromote affiliate in USDC (partner@example.com is owed 12.00):
     npm run demo:pay-affiliates   # runs "Pay UpPromote affiliates in USDC with PayRam"
 or open it and press Execute workflow:  ${n8n.baseUrl}/workflow/${PAY_AFFILIATES_WORKFLOW_ID}
 A new referral (UpPromote delivers referral.new, signed, to the published trigger):
     curl -s -X POST ${upPromote.url}/__sim/referrals -H 'Content-Type: application/json' -d '{"affiliate_id":2029238,"total_sales":"80.00","commission":"8.00"}'
 → ${n8n.baseUrl}/workflow/${REFERRAL_WORKFLOW_ID}/executions

 Pay a Referral Rocket reward in USDC (a referee of johndoe@example.com completes; Referral
 Rocket delivers reward_unlocked, signed, to the published reward workflow):
     npm run demo:reward           # prints the PayRam payout that resulted
     npm run demo:reward -- again  # Referral Rocket sends that reward again: nothing is paid twice
 → ${n8n.baseUrl}/workflow/${REWARD_WORKFLOW_ID}/executions

 Ctrl-C stops n8n and the simulators. The next start is fresh: a new n8n database and
 new simulator stores (nothing of this run is kept).
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
