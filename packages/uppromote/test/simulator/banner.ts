// What `npm run simulator` (the repository root's) prints about the UpPromote simulator it starts beside PayRam's.
import type { UpPromoteSimulator } from './server';

export function upPromoteBanner(sim: UpPromoteSimulator): string {
	const url = sim.url;
	return `UpPromote simulator listening on ${url}
  Base URL: ${sim.baseUrl}   (the UpPromote API credential's Base URL)
  API key:  ${sim.apiKey}   (sent raw as Authorization, no Bearer)

Try the API:
  curl -s '${sim.baseUrl}/affiliates?per_page=5' -H 'Authorization: <key>'
  curl -s -X POST ${sim.baseUrl}/webhook-subscriptions -H 'Authorization: <key>' -H 'Content-Type: application/json' -d '{"event":"referral.new","target_url":"http://127.0.0.1:5678/webhook/<path>?event=referral.new"}'

Mark an affiliate's commission paid (a GUESSED path: UpPromote lists this endpoint without documenting it):
  curl -s -X POST ${sim.baseUrl}/payments/mark-paid -H 'Authorization: <key>' -H 'Content-Type: application/json' -d '{"affiliate_id":2029238,"referral_ids":[880001]}'

Control calls (no key needed; see packages/uppromote/test/simulator/README.md):
  curl -s -X POST ${url}/__sim/referrals -H 'Content-Type: application/json' -d '{"affiliate_id":2029238,"total_sales":"80.00","commission":"8.00"}'
  curl -s -X POST ${url}/__sim/referrals/<id>/approve
  curl -s -X POST ${url}/__sim/payments/pay -H 'Content-Type: application/json' -d '{"affiliate_id":2029238}'
  curl -s -X POST ${url}/__sim/deliver -H 'Content-Type: application/json' -d '{"event":"payment.paid","body":{"payment_id":1}}'
  curl -s -X POST ${url}/__sim/faults -H 'Content-Type: application/json' -d '{"throttleNext":{"count":3}}'
  curl -s -X POST ${url}/__sim/reset
  curl -s ${url}/__sim/deliveries`;
}
