import type { ResolvedSku } from '@entra-licensing/licensing';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { licensingFor } from '../../../shared/transport';
import { once } from '../../helpers/itemRuns';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['sku'], operation: ['getAll'] } },
	properties,
);

/** A subscribed SKU in names, with its seats. */
export function skuJson(sku: ResolvedSku): IDataObject {
	return {
		skuId: sku.skuId,
		skuPartNumber: sku.skuPartNumber,
		name: sku.displayName,
		capabilityStatus: sku.capabilityStatus ?? null,
		appliesTo: sku.appliesTo ?? null,
		seats: (sku.seats ?? null) as IDataObject | null,
		servicePlans: sku.servicePlans.map((p) => ({
			servicePlanId: p.servicePlanId,
			servicePlanName: p.servicePlanName,
			friendlyName: p.friendlyName,
		})),
	};
}

export const execute = once(async function (this: IExecuteFunctions): Promise<IDataObject[]> {
	const { service } = await licensingFor(this);
	return (await service.listSkus()).map(skuJson);
});
