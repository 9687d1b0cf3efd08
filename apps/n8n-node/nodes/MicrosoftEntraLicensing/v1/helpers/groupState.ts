import type { IDataObject } from 'n8n-workflow';
import { describeSkuId, type LicenseAssignmentStateLike, skuLabel, type SubscribedSkuLike } from '@entra-licensing/licensing';

import { graphRequestAll } from '../transport/graph';
import type { GraphCallContext } from '../transport/n8nFetch';
import type { Target } from './tenant';

/** Graph's per-member license error codes in plain words, with what to do. */
const MEMBER_ERRORS: Record<string, { explanation: string; remedy: string }> = {
	CountViolation: {
		explanation: 'There are not enough free licenses of this product for this member.',
		remedy: 'Buy more seats or free some, then reprocess the member.',
	},
	MutuallyExclusiveViolation: {
		explanation: 'The member already has a service plan that cannot be combined with one of this license.',
		remedy: 'Disable one of the conflicting plans or remove the other license, then reprocess.',
	},
	DependencyViolation: {
		explanation: 'A service plan of this license needs another plan the member does not have.',
		remedy: 'Assign the prerequisite plan first (in the same group), then reprocess.',
	},
	ProhibitedInUsageLocationViolation: {
		explanation: "A service plan of this license is not available in the member's usage location.",
		remedy: "Change the member's usage location or disable that plan.",
	},
	UniquenessViolation: {
		explanation: 'A proxy address of the member is not unique (Exchange).',
		remedy: 'Fix the duplicate proxy address, then reprocess.',
	},
	Other: {
		explanation: 'Microsoft Entra could not assign the license for another reason.',
		remedy: 'Check the member in the Microsoft Entra admin center and reprocess.',
	},
};

function skuName(skuId: string | null | undefined, skus: SubscribedSkuLike[]): string {
	const sku = skuId ? describeSkuId(skuId, skus) : undefined;
	return sku ? skuLabel(sku) : String(skuId ?? '');
}

/** A group's licenses in names. */
export function groupLicensesJson(target: Target, skus: SubscribedSkuLike[]): IDataObject {
	return {
		id: target.id,
		displayName: target.displayName,
		processingState: target.licenseProcessingState ?? null,
		licenses: target.assignedLicenses.map((l) => {
			const sku = l.skuId ? describeSkuId(l.skuId, skus) : undefined;
			const plans = sku?.servicePlans ?? [];
			return {
				skuId: l.skuId,
				skuPartNumber: sku?.skuPartNumber ?? null,
				sku: skuName(l.skuId, skus),
				disabledPlans: (l.disabledPlans ?? []).map((id) => {
					const plan = plans.find((p) => p.servicePlanId.toLowerCase() === id.toLowerCase());
					return { servicePlanId: id, servicePlanName: plan?.servicePlanName ?? null };
				}),
			};
		}),
	};
}

/** Members for whom this group's licenses failed, each error decoded. */
export async function membersWithErrors(
	context: GraphCallContext,
	group: Target,
	skus: SubscribedSkuLike[],
): Promise<IDataObject[]> {
	const members = await graphRequestAll<IDataObject>(
		context,
		`/groups/${encodeURIComponent(group.id)}/membersWithLicenseErrors`,
		{ $select: 'id,displayName,userPrincipalName,licenseAssignmentStates' },
	);
	return members.map((member) => {
		const states = (member.licenseAssignmentStates as LicenseAssignmentStateLike[] | undefined) ?? [];
		const errors = states
			.filter(
				(s) =>
					s.assignedByGroup?.toLowerCase() === group.id.toLowerCase() &&
					(s.state === 'Error' || (s.error && s.error !== 'None')),
			)
			.map((s) => {
				const code = String(s.error ?? 'Other');
				const decoded = MEMBER_ERRORS[code] ?? MEMBER_ERRORS.Other;
				return { skuId: s.skuId, sku: skuName(s.skuId, skus), error: code, ...decoded };
			});
		return {
			id: member.id,
			displayName: member.displayName ?? null,
			userPrincipalName: member.userPrincipalName ?? null,
			errors,
		};
	});
}
