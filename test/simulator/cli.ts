// `npm run simulator`: a PayRam, an UpPromote and a Referral Rocket server on this machine for trying the n8n nodes by hand or from end-to-end tests.
import { DEFAULT_API_KEY, startSimulator, type WebhookMode } from './server';
import { upPromoteBanner } from '../../packages/uppromote/test/simulator/banner';
import { DEFAULT_API_KEY as UPPROMOTE_API_KEY, startUpPromoteSimulator } from '../../packages/uppromote/test/simulator/server';
import { referralRocketBanner } from '../../packages/referral-rocket/test/simulator/banner';
import { startReferralRocketSimulator } from '../../packages/referral-rocket/test/simulator/server';

function banner(url: string, apiKey: string, webhook: string): string {
	return `PayRam simulator listening on ${url}
  API key:  ${apiKey}
  Webhook:  ${webhook}

Try the API (send the key above as API-Key):
  curl -s -X POST ${url}/api/v1/payment -H 'API-Key: <key>' -H 'Content-Type: application/json' -d '{"customerEmail":"jane@example.com","customerId":"cust_1","amountInUSD":49.99}'
  curl -s -X POST ${url}/api/v1/payment/search -H 'API-Key: <key>' -H 'Content-Type: application/json' -d '{"paymentStatus":["FILLED"],"webhookStatus":["failed"]}'
  curl -s ${url}/api/v1/payment/summary -H 'API-Key: <key>'

Control calls (no key needed):
  curl -s -X POST ${url}/__sim/webhook -H 'Content-Type: application/json' -d '{"url":"http://127.0.0.1:5678/webhook/payram","mode":"current"}'
  curl -s -X POST ${url}/__sim/payments/<reference_id>/pay -H 'Content-Type: application/json' -d '{"state":"FILLED"}'
  curl -s -X POST ${url}/__sim/payments/<reference_id>/expire
  curl -s -X POST ${url}/__sim/payments -H 'Content-Type: application/json' -d '{"customerId":"cust_2","createdBy":"user"}'
  curl -s -X POST ${url}/__sim/clock -H 'Content-Type: application/json' -d '{"advanceMs":900000}'
  curl -s -X POST ${url}/__sim/payouts/<id>/status -H 'Content-Type: application/json' -d '{"status":"sent"}'
  curl -s -X POST ${url}/__sim/ping -H 'Content-Type: application/json' -d '{"signed":true}'
  curl -s -X POST ${url}/__sim/redeliver -H 'Content-Type: application/json' -d '{}'
  curl -s -X POST ${url}/__sim/faults -H 'Content-Type: application/json' -d '{"failNext":{"count":1,"status":503}}'
  curl -s -X POST ${url}/__sim/reset
  curl -s ${url}/__sim/state
  curl -s ${url}/__sim/requests
  curl -s ${url}/__sim/deliveries
Open a payment's url in a browser to pay it with the Pay button.`;
}

async function main(): Promise<void> {
	const webhookUrl = process.env.PAYRAM_SIM_WEBHOOK_URL;
	const simulator = await startSimulator({
		port: Number(process.env.PAYRAM_SIM_PORT ?? 8787),
		host: process.env.PAYRAM_SIM_HOST ?? '127.0.0.1',
		apiKey: process.env.PAYRAM_SIM_API_KEY || DEFAULT_API_KEY,
		webhook: webhookUrl ? { url: webhookUrl, mode: (process.env.PAYRAM_SIM_WEBHOOK_MODE ?? 'current') as WebhookMode } : null,
		log: (line) => console.log(`${new Date().toISOString()} ${line}`),
	});
	const upPromote = await startUpPromoteSimulator({
		port: Number(process.env.UPPROMOTE_SIM_PORT ?? 8788),
		host: process.env.PAYRAM_SIM_HOST ?? '127.0.0.1',
		apiKey: process.env.UPPROMOTE_SIM_API_KEY || UPPROMOTE_API_KEY,
		// So the pay-affiliates example can mark commissions paid (a guessed path, see the UpPromote simulator's README).
		guessedEndpoints: true,
		log: (line) => console.log(`${new Date().toISOString()} [uppromote] ${line}`),
	});
	const referralRocket = await startReferralRocketSimulator({
		port: Number(process.env.REFERRAL_ROCKET_SIM_PORT ?? 8789),
		host: process.env.PAYRAM_SIM_HOST ?? '127.0.0.1',
		log: (line) => console.log(`${new Date().toISOString()} [referral-rocket] ${line}`),
	});
	const webhook = simulator.webhook ? `${simulator.webhook.url} (${simulator.webhook.mode})` : 'none (set one with POST /__sim/webhook)';
	console.log(`${banner(simulator.url, simulator.apiKey, webhook)}\n\n${upPromoteBanner(upPromote)}\n\n${referralRocketBanner(referralRocket)}\n\nCtrl+C stops all three.`);

	const stop = (signal: string) => {
		console.log(`${signal}: stopping`);
		Promise.all([simulator.close(), upPromote.close(), referralRocket.close()]).then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(`PayRam simulator failed to start: ${error.message}`);
	process.exit(1);
});
