export { PayRamApi } from './credentials/PayRamApi.credentials';
export { PayRam } from './nodes/PayRam/PayRam.node';
