// What `npm run simulator` (the repository root's) prints about the Referral Rocket simulator it starts beside the others.
import { SEED_CAMPAIGN_ID, SEED_REFERRER_CODE, type ReferralRocketSimulator } from './server';

export function referralRocketBanner(sim: ReferralRocketSimulator): string {
	const url = sim.url;
	return `Referral Rocket simulator listening on ${url}
  Base URL:  ${sim.baseUrl}   (the Referral Rocket API credential's Base URL; no API key needed)
  Campaign:  ${SEED_CAMPAIGN_ID}   (seeded, with the referrer code ${SEED_REFERRER_CODE})
  Qualify:   POST ${sim.qualifyPath ?? '(not served)'}   (the simulator's stand-in for Referral Rocket's undocumented call)

Try the API:
  curl -s '${url}/api/v1/getCampaign?id=${SEED_CAMPAIGN_ID}'
  curl -s -X POST ${url}/api/v1/addParticipant -H 'Content-Type: application/json' -d '{"id":"${SEED_CAMPAIGN_ID}","email":"jane@example.com","referredByCode":"${SEED_REFERRER_CODE}"}'
  curl -s '${url}/api/v1/getAllParticipants?id=${SEED_CAMPAIGN_ID}&page=0&size=20'

Control calls (see packages/referral-rocket/test/simulator/README.md):
  curl -s -X POST ${url}/__sim/settings -H 'Content-Type: application/json' -d '{"requireKey":{"header":"X-API-Key","value":"rr_key"}}'
  curl -s -X POST ${url}/__sim/faults -H 'Content-Type: application/json' -d '{"throttleNext":{"count":2,"retryAfterSeconds":1}}'
  curl -s -X POST ${url}/__sim/reset
  curl -s ${url}/__sim/events`;
}
