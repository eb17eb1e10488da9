import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { upPromoteApiRequest } from '../../transport';
import { notFound, readRecordId, recordLocator } from '../parameters';

const properties: INodeProperties[] = [
	recordLocator({
		displayName: 'Program',
		name: 'programId',
		searchMethod: 'searchPrograms',
		description: 'The program whose excluded products and collections to read',
	}),
];

export const description = updateDisplayOptions({ show: { resource: ['program'], operation: ['getExcluded'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const programId = readRecordId(this, 'programId', itemIndex, 'Program');
	const excluded = await upPromoteApiRequest.call(this, { method: 'GET', path: `/programs/${programId}/excluded`, itemIndex });
	if (excluded === null || excluded === undefined) throw notFound(this, `Program ${programId}`, itemIndex);
	// The shape is undocumented: an object is passed through, anything else is kept under `excluded`.
	return typeof excluded === 'object' && !Array.isArray(excluded) ? (excluded as IDataObject) : { excluded: excluded as IDataObject[] };
}
