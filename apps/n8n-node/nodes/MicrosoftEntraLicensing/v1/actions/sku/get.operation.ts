import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { resolveSku } from '@entra-licensing/licensing';

import { tenantSkus } from '../../helpers/tenant';
import { skuJson } from './getAll.operation';

const properties: INodeProperties[] = [
	{
		displayName: 'SKU Name or ID',
		name: 'sku',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSkus' },
		default: '',
		required: true,
		description: 'An expression may give a skuId, a part number or a product name. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['sku'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const skus = await tenantSkus(this);
	const ref = String(this.getNodeParameter('sku', itemIndex, ''));
	const resolved = resolveSku(ref, skus, { field: 'SKU' });
	const subscribed = skus.find((s) => s.skuId?.toLowerCase() === resolved.skuId.toLowerCase());
	if (!subscribed) {
		throw new NodeOperationError(this.getNode(), `SKU "${ref}" (${resolved.skuPartNumber}) is a known product but this tenant has no subscription to it`, {
			itemIndex,
		});
	}
	return skuJson(subscribed, skus);
}
