import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isEmail } from '../helpers/validation';
import { upPromoteApiRequest } from '../transport';

const LIST_PAGE = 50;

function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

async function page(ctx: ILoadOptionsFunctions, path: string, qs: IDataObject): Promise<IDataObject[]> {
	const data = await upPromoteApiRequest.call(ctx, { method: 'GET', path, qs });
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

/** The next page's token: UpPromote sends no count, so a full page may have a next one. */
function nextToken(rows: readonly unknown[], pageNumber: number): string | undefined {
	return rows.length === LIST_PAGE ? String(pageNumber + 1) : undefined;
}

/**
 * Affiliates for the "From list" picker. A whole email is UpPromote's own filter; other text filters the
 * page by name, email or ID (UpPromote has no free-text search).
 */
export async function searchAffiliates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const pageNumber = Number(paginationToken ?? 1) || 1;
	const needle = filter?.trim() ?? '';
	const qs: IDataObject = { page: pageNumber, per_page: LIST_PAGE };
	if (isEmail(needle)) qs.affiliate_email = needle;
	const affiliates = await page(this, '/affiliates', qs);
	const lower = needle.toLowerCase();
	const shown = affiliates.filter((affiliate) =>
		[affiliate.id, affiliate.email, affiliate.first_name, affiliate.last_name].some((field) => text(field).toLowerCase().includes(lower)),
	);
	return {
		results: shown.map((affiliate) => {
			const name = `${text(affiliate.first_name)} ${text(affiliate.last_name)}`.trim();
			return {
				name: `${name ? `${name} · ` : ''}${text(affiliate.email)} · ${text(affiliate.status)}`,
				value: text(affiliate.id),
			};
		}),
		paginationToken: nextToken(affiliates, pageNumber),
	};
}

/** Programs for the "From list" picker; the typed text is UpPromote's program name filter. */
export async function searchPrograms(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const pageNumber = Number(paginationToken ?? 1) || 1;
	const qs: IDataObject = { page: pageNumber, per_page: LIST_PAGE };
	if (filter?.trim()) qs.program_name = filter.trim();
	const programs = await page(this, '/programs', qs);
	return {
		results: programs.map((program) => ({
			name: `${text(program.name)}${program.is_default === true ? ' (default)' : ''} · ${text(program.status)}`,
			value: text(program.id),
		})),
		paginationToken: nextToken(programs, pageNumber),
	};
}
