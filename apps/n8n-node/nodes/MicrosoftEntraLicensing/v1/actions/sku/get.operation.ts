import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { skuOption } from '../../../shared/descriptions';
import { licensingFor } from '../../../shared/transport';
import { perItem } from '../../helpers/itemRuns';
import { skuJson } from './getAll.operation';

const properties: INodeProperties[] = [skuOption('The subscribed product to read.')];

export const description = updateDisplayOptions(
	{ show: { resource: ['sku'], operation: ['get'] } },
	properties,
);

export const execute = perItem(async function (
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const { service } = await licensingFor(this);
	const ref = String(this.getNodeParameter('sku', itemIndex, ''));
	const sku = await service.getSku(ref);
	if (sku.inTenant === false) {
		throw new NodeOperationError(
			this.getNode(),
			`SKU "${ref}" (${sku.skuPartNumber}) is a known product but this tenant has no subscription to it (SKU field)`,
			{ itemIndex },
		);
	}
	return skuJson(sku);
});
