import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { PROGRAM_FIELDS } from '../../helpers/simplify';
import { getRecord, PROGRAM_SIMPLIFY, readRecordId, recordLocator, simplifiedIfAsked, simplifyProperty } from '../parameters';

const properties: INodeProperties[] = [
	recordLocator({ displayName: 'Program', name: 'programId', searchMethod: 'searchPrograms', description: 'The program to read' }),
	simplifyProperty(PROGRAM_SIMPLIFY),
];

export const description = updateDisplayOptions({ show: { resource: ['program'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const programId = readRecordId(this, 'programId', itemIndex, 'Program');
	const program = await getRecord(this, `/programs/${programId}`, `Program ${programId}`, itemIndex);
	return simplifiedIfAsked(this, itemIndex, [program], PROGRAM_FIELDS);
}
