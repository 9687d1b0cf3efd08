import type { IDataObject } from 'n8n-workflow';
import { LicensingError, isGuid } from '@entra-licensing/licensing';
import type { AssignedLicenseLike, LicenseAssignmentStateLike, SubscribedSkuLike } from '@entra-licensing/licensing';

import { graphRequest, graphRequestAll } from '../transport/graph';
import type { GraphCallContext } from '../transport/n8nFetch';

export type TargetKind = 'group' | 'user';

export interface Target {
	kind: TargetKind;
	id: string;
	displayName: string;
	userPrincipalName?: string;
	assignedLicenses: AssignedLicenseLike[];
	licenseAssignmentStates: LicenseAssignmentStateLike[];
	licenseProcessingState?: string | null;
}

/** The tenant's subscribed SKUs (with seats and plans). */
export async function tenantSkus(context: GraphCallContext): Promise<SubscribedSkuLike[]> {
	return await graphRequestAll<SubscribedSkuLike>(context, '/subscribedSkus');
}

const GROUP_SELECT = 'id,displayName,assignedLicenses,licenseProcessingState';
const USER_SELECT = 'id,displayName,userPrincipalName,usageLocation,assignedLicenses,licenseAssignmentStates';

function escapeOData(text: string): string {
	return text.replace(/'/g, "''");
}

function toTarget(kind: TargetKind, raw: IDataObject): Target {
	const processing = raw.licenseProcessingState as { state?: string | null } | null | undefined;
	return {
		kind,
		id: String(raw.id),
		displayName: String(raw.displayName ?? ''),
		...(raw.userPrincipalName ? { userPrincipalName: String(raw.userPrincipalName) } : {}),
		assignedLicenses: (raw.assignedLicenses as AssignedLicenseLike[] | undefined) ?? [],
		licenseAssignmentStates: (raw.licenseAssignmentStates as LicenseAssignmentStateLike[] | undefined) ?? [],
		...(kind === 'group' ? { licenseProcessingState: processing?.state ?? null } : {}),
	};
}

/** A group by ID or exact display name, or a user by ID or user principal name. */
export async function findTarget(context: GraphCallContext, kind: TargetKind, ref: string, field: string): Promise<Target> {
	const value = ref.trim();
	if (!value) {
		throw new LicensingError({ code: 'INVALID_INPUT', field, value: ref, message: `${field} is empty: choose a ${kind}.` });
	}
	if (kind === 'user' || isGuid(value)) {
		const path = `/${kind}s/${encodeURIComponent(value)}`;
		const raw = await graphRequest(context, 'GET', path, { qs: { $select: kind === 'user' ? USER_SELECT : GROUP_SELECT } });
		return toTarget(kind, raw);
	}
	const matches = await graphRequestAll<IDataObject>(context, '/groups', {
		$filter: `displayName eq '${escapeOData(value)}'`,
		$select: GROUP_SELECT,
	});
	if (matches.length !== 1) {
		throw new LicensingError({
			code: 'INVALID_INPUT',
			field,
			value: ref,
			message:
				matches.length === 0
					? `No group is named "${value}". Pick the group from the list or give its ID.`
					: `${matches.length} groups are named "${value}". Give the group's ID instead.`,
			suggestions: matches.map((m) => String(m.id)),
		});
	}
	return toTarget(kind, matches[0] as IDataObject);
}

/** The licenses a user holds directly (not through a group): only these may be changed per user. */
export function directLicenses(target: Target): AssignedLicenseLike[] {
	if (target.kind === 'group') return target.assignedLicenses;
	const direct = new Set(
		target.licenseAssignmentStates
			.filter((s) => !s.assignedByGroup && s.skuId)
			.map((s) => String(s.skuId).toLowerCase()),
	);
	return target.assignedLicenses.filter((l) => l.skuId && direct.has(l.skuId.toLowerCase()));
}

/** Groups through which a user inherits a SKU. */
export function grantingGroups(target: Target, skuId: string): string[] {
	return target.licenseAssignmentStates
		.filter((s) => s.assignedByGroup && s.skuId?.toLowerCase() === skuId.toLowerCase())
		.map((s) => String(s.assignedByGroup));
}
