import { escapeODataString } from '@entra-licensing/graph-client';
import { isGuid, LicensingError, type LicenseTarget } from '@entra-licensing/licensing';

import { type GraphCallContext, licensingFor } from './transport';

export type TargetKind = LicenseTarget['kind'];

/**
 * The target of an item: a group by ID or exact display name (the resource locator's "By Name" mode, or an
 * expression), a user by ID or user principal name.
 */
export async function resolveTarget(
	context: GraphCallContext,
	kind: TargetKind,
	ref: string,
	field: string,
): Promise<LicenseTarget> {
	const value = ref.trim();
	if (!value) {
		throw new LicensingError({ code: 'INVALID_INPUT', field, value: ref, message: `${field} is empty: choose a ${kind}.` });
	}
	if (kind === 'user' || isGuid(value)) return { kind, id: value };
	const { client } = await licensingFor(context);
	const page = await client.groups.get({
		queryParameters: { filter: `displayName eq '${escapeODataString(value)}'`, select: ['id', 'displayName'] },
	});
	const matches = page?.value ?? [];
	if (matches.length !== 1) {
		throw new LicensingError({
			code: 'INVALID_INPUT',
			field,
			value: ref,
			message:
				matches.length === 0
					? `no group is named "${value}". Pick the group from the list or give its ID.`
					: `${matches.length} groups are named "${value}". Give the group's ID instead.`,
			suggestions: matches.map((m) => String(m.id)),
		});
	}
	return { kind, id: String(matches[0]?.id) };
}

/** The display name of a group (for outputs that name the group), read once per id and node run. */
export async function groupDisplayName(context: GraphCallContext, groupId: string): Promise<string | null> {
	const { client } = await licensingFor(context);
	const group = await client.groups.byGroupId(groupId).get({ queryParameters: { select: ['id', 'displayName'] } });
	return group?.displayName ?? null;
}
