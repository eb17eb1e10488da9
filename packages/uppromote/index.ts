export { UpPromoteApi } from './credentials/UpPromoteApi.credentials';
export { UpPromote } from './nodes/UpPromote/UpPromote.node';
export { UpPromoteTrigger } from './nodes/UpPromoteTrigger/UpPromoteTrigger.node';
