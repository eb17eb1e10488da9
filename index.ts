export { PayRamApi } from './credentials/PayRamApi.credentials';
export { PayRam } from './nodes/PayRam/PayRam.node';
export { PayRamTrigger } from './nodes/PayRamTrigger/PayRamTrigger.node';
