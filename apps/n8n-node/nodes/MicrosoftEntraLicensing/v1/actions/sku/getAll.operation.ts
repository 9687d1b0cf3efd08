import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { describeSkuId, seatsOf, skuLabel, type SubscribedSkuLike } from '@entra-licensing/licensing';

import { tenantSkus } from '../../helpers/tenant';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['sku'], operation: ['getAll'] } }, properties);

/** A subscribed SKU in names, with its seats. */
export function skuJson(sku: SubscribedSkuLike, skus: SubscribedSkuLike[]): IDataObject {
	const resolved = sku.skuId ? describeSkuId(sku.skuId, skus) : undefined;
	return {
		skuId: sku.skuId,
		skuPartNumber: sku.skuPartNumber,
		name: resolved ? skuLabel(resolved) : sku.skuPartNumber,
		capabilityStatus: sku.capabilityStatus ?? null,
		appliesTo: sku.appliesTo ?? null,
		seats: seatsOf(sku) as unknown as IDataObject,
		servicePlans: (sku.servicePlans ?? []).map((p) => ({
			servicePlanId: p.servicePlanId,
			servicePlanName: p.servicePlanName,
		})),
	};
}

export async function execute(this: IExecuteFunctions): Promise<IDataObject[]> {
	const skus = await tenantSkus(this);
	return skus.map((sku) => skuJson(sku, skus));
}
