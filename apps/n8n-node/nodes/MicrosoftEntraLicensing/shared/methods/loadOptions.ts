import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { planLabel, skuLabel } from '@entra-licensing/licensing';

import { freeSeats } from '../format';
import { licensingFor } from '../transport';

/** The tenant's products as "Office 365 E5 — ENTERPRISEPREMIUM (12 of 1,250 free)"; the value is the skuId. */
export async function getSkus(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { service } = await licensingFor(this);
	return (await service.listSkus())
		.map((sku) => ({
			name: `${sku.displayName} — ${sku.skuPartNumber} (${freeSeats(sku)})`,
			value: sku.skuId,
			description: sku.appliesTo === 'Company' ? 'Tenant-wide product: cannot be assigned' : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

function selectedSku(context: ILoadOptionsFunctions): string {
	for (const name of ['&sku', 'sku']) {
		try {
			const value = context.getCurrentNodeParameter(name);
			if (typeof value === 'string' && value) return value;
		} catch {
			// the parameter does not exist in this operation: try the next name
		}
	}
	return '';
}

/** The service plans of the chosen product (of every product when none is chosen yet). */
export async function getServicePlans(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { service } = await licensingFor(this);
	const chosen = selectedSku(this).toLowerCase();
	const options: INodePropertyOptions[] = [];
	for (const sku of await service.listSkus()) {
		if (chosen && sku.skuId.toLowerCase() !== chosen && sku.skuPartNumber.toLowerCase() !== chosen) continue;
		for (const plan of sku.servicePlans) {
			options.push({
				name: chosen ? planLabel(plan) : `${skuLabel(sku)}: ${planLabel(plan)}`,
				value: plan.servicePlanId,
			});
		}
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
