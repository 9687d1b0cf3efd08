import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { describeSkuId, planLabel, seatsOf, skuLabel } from '@entra-licensing/licensing';

import { tenantSkus } from '../helpers/tenant';

/** The tenant's products as "Office 365 E5 — ENTERPRISEPREMIUM (12 of 250 free)". */
export async function getSkus(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const skus = await tenantSkus(this);
	return skus
		.filter((sku) => sku.skuId)
		.map((sku) => {
			const resolved = describeSkuId(String(sku.skuId), skus);
			const seats = seatsOf(sku);
			const name = resolved?.displayName ?? sku.skuPartNumber ?? String(sku.skuId);
			return {
				name: `${name} — ${sku.skuPartNumber ?? ''} (${seats.available} of ${seats.enabled} free)`,
				value: String(sku.skuId),
				description: sku.appliesTo === 'Company' ? 'Tenant-wide product: cannot be assigned' : undefined,
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

function selectedSku(context: ILoadOptionsFunctions): string {
	for (const name of ['&sku', 'sku']) {
		try {
			const value = context.getCurrentNodeParameter(name);
			if (typeof value === 'string' && value) return value;
		} catch {
			// parameter not present in this operation: try the next name
		}
	}
	return '';
}

/** The service plans of the chosen product (of every product when none is chosen yet). */
export async function getServicePlans(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const skus = await tenantSkus(this);
	const chosen = selectedSku(this).toLowerCase();
	const options: INodePropertyOptions[] = [];
	for (const sku of skus) {
		if (!sku.skuId || (chosen && sku.skuId.toLowerCase() !== chosen)) continue;
		const resolved = describeSkuId(sku.skuId, skus);
		for (const plan of resolved?.servicePlans ?? []) {
			options.push({
				name: chosen ? planLabel(plan) : `${resolved ? skuLabel(resolved) : sku.skuPartNumber}: ${planLabel(plan)}`,
				value: plan.servicePlanId,
			});
		}
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
