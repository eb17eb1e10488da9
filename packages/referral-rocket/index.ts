export { ReferralRocketApi } from './credentials/ReferralRocketApi.credentials';
export { ReferralRocket } from './nodes/ReferralRocket/ReferralRocket.node';
export { ReferralRocketTrigger } from './nodes/ReferralRocketTrigger/ReferralRocketTrigger.node';
