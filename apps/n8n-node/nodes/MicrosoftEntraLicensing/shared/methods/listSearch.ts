import { escapeODataString } from '@entra-licensing/graph-client';
import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { licensingFor } from '../transport';

function byName(a: { name: string }, b: { name: string }): number {
	return a.name.localeCompare(b.name, undefined, { numeric: true });
}

/**
 * A group in the picker. A group that cannot hold licenses (not a security group: a distribution list or a Microsoft
 * 365 group without securityEnabled) stays listed, marked, so that it can still be read.
 */
function groupItem(group: {
	id?: string | null;
	displayName?: string | null;
	securityEnabled?: boolean | null;
}): INodeListSearchItems {
	const name = String(group.displayName ?? group.id);
	if (group.securityEnabled !== false) return { name, value: String(group.id) };
	return {
		name: `${name} — cannot hold licenses (not a security group)`,
		value: String(group.id),
		description:
			'Only security groups and Microsoft 365 groups with securityEnabled can hold licenses',
	};
}

/** Groups whose name starts with the filter (100 a page; the token is Graph's next link). */
export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { client } = await licensingFor(this);
	const text = filter?.trim();
	const page = paginationToken
		? await client.groups.withUrl(paginationToken).get()
		: await client.groups.get({
				queryParameters: {
					select: ['id', 'displayName', 'securityEnabled'],
					top: 100,
					...(text ? { filter: `startswith(displayName,'${escapeODataString(text)}')` } : {}),
				},
			});
	const results = (page?.value ?? []).map(groupItem);
	return { results: results.sort(byName), paginationToken: page?.odataNextLink ?? undefined };
}

/** Users whose display name (or, for text with an @, user principal name) starts with the filter. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { client } = await licensingFor(this);
	const text = filter?.trim();
	const value = text ? escapeODataString(text) : '';
	const page = paginationToken
		? await client.users.withUrl(paginationToken).get()
		: await client.users.get({
				queryParameters: {
					select: ['id', 'displayName', 'userPrincipalName'],
					top: 100,
					// Text with an @ searches user principal names, other text display names.
					...(text
						? {
								filter: `startswith(${text.includes('@') ? 'userPrincipalName' : 'displayName'},'${value}')`,
							}
						: {}),
				},
			});
	const results = (page?.value ?? []).map((u) => ({
		name: `${u.displayName ?? ''} (${u.userPrincipalName ?? u.id})`,
		value: String(u.id),
	}));
	return { results: results.sort(byName), paginationToken: page?.odataNextLink ?? undefined };
}
