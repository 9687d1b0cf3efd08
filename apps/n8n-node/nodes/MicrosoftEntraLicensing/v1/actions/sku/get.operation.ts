import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { licensingFor } from '../../transport';
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
	const { service } = await licensingFor(this);
	const ref = String(this.getNodeParameter('sku', itemIndex, ''));
	const sku = await service.getSku(ref);
	if (sku.inTenant === false) {
		throw new NodeOperationError(
			this.getNode(),
			`SKU "${ref}" (${sku.skuPartNumber}) is a known product but this tenant has no subscription to it`,
			{ itemIndex },
		);
	}
	return skuJson(sku);
}
