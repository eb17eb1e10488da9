import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { PROGRAM_FIELDS } from '../../helpers/simplify';
import { filtersCollection, PROGRAM_SIMPLIFY, readList, returnAllOrLimit, simplifiedIfAsked, simplifyProperty } from '../parameters';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	simplifyProperty(PROGRAM_SIMPLIFY),
	filtersCollection([
		{
			displayName: 'Name Contains',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. VIP',
			default: '',
			description: 'Only programs whose name contains this text',
		},
		{ displayName: 'Status', name: 'status', type: 'string', placeholder: 'e.g. active', default: '' },
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['program'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (typeof filters.name === 'string' && filters.name.trim()) qs.program_name = filters.name.trim();
	if (typeof filters.status === 'string' && filters.status.trim()) qs.status = filters.status.trim();
	const programs = await readList(this, '/programs', qs, itemIndex);
	return simplifiedIfAsked(this, itemIndex, programs, PROGRAM_FIELDS);
}
