import type { INodeProperties } from 'n8n-workflow';

import { customApiCallOperation } from '../../kit/nodeProperties';
import * as call from './call.operation';

export { call };

export const description: INodeProperties[] = [customApiCallOperation("Call any UpPromote API v2 endpoint with this node's credential"), ...call.description];
