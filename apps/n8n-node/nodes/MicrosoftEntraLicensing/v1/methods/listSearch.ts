import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { graphRequest } from '../transport/graph';

function escapeOData(text: string): string {
	return text.replace(/'/g, "''");
}

async function search(
	context: ILoadOptionsFunctions,
	resource: 'groups' | 'users',
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const select = resource === 'users' ? 'id,displayName,userPrincipalName' : 'id,displayName';
	const text = filter?.trim();
	const qs: IDataObject = { $select: select, $top: 100 };
	if (text) {
		const value = escapeOData(text);
		qs.$filter =
			resource === 'users'
				? `startswith(displayName,'${value}') or startswith(userPrincipalName,'${value}')`
				: `startswith(displayName,'${value}')`;
	}
	const page = await graphRequest<{ value?: IDataObject[]; '@odata.nextLink'?: string }>(
		context,
		'GET',
		paginationToken ?? `/${resource}`,
		paginationToken ? {} : { qs },
	);
	const results = (page.value ?? [])
		.map((entry) => ({
			name: resource === 'users' ? `${entry.displayName} (${entry.userPrincipalName})` : String(entry.displayName),
			value: String(entry.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
	return { results, paginationToken: page['@odata.nextLink'] };
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search(this, 'groups', filter, paginationToken);
}

export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search(this, 'users', filter, paginationToken);
}
