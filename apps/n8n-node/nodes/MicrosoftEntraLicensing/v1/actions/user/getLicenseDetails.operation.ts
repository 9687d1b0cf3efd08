import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { describeSkuId, skuLabel } from '@entra-licensing/licensing';

import { userLocator } from '../../helpers/descriptions';
import { targetRef } from '../../helpers/params';
import { findTarget, tenantSkus } from '../../helpers/tenant';

const properties: INodeProperties[] = [userLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getLicenseDetails'] } },
	properties,
);

/**
 * Built from `assignedLicenses` + `licenseAssignmentStates` + the tenant's SKUs, because Graph does not support
 * app-only access to `/users/{id}/licenseDetails`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const user = await findTarget(this, 'user', targetRef(this, 'user', itemIndex), 'User');
	const skus = await tenantSkus(this);
	const licenses = user.assignedLicenses.map((license) => {
		const skuId = String(license.skuId ?? '').toLowerCase();
		const sku = describeSkuId(skuId, skus);
		const states = user.licenseAssignmentStates.filter((s) => String(s.skuId ?? '').toLowerCase() === skuId);
		const disabled = new Set((license.disabledPlans ?? []).map((p) => p.toLowerCase()));
		return {
			skuId,
			skuPartNumber: sku?.skuPartNumber ?? null,
			sku: sku ? skuLabel(sku) : skuId,
			direct: states.some((s) => !s.assignedByGroup),
			inheritedFrom: states.filter((s) => s.assignedByGroup).map((s) => s.assignedByGroup),
			assignments: states.map((s) => ({
				source: s.assignedByGroup ? 'group' : 'direct',
				assignedByGroup: s.assignedByGroup ?? null,
				state: s.state ?? null,
				error: s.error ?? null,
			})),
			servicePlans: (sku?.servicePlans ?? []).map((p) => ({
				servicePlanId: p.servicePlanId,
				servicePlanName: p.servicePlanName,
				enabled: !disabled.has(p.servicePlanId.toLowerCase()),
			})),
		};
	});
	return {
		id: user.id,
		displayName: user.displayName,
		userPrincipalName: user.userPrincipalName ?? null,
		licenses,
	};
}
