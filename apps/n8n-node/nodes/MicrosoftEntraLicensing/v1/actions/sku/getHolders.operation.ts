import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { skuOption } from '../../../shared/descriptions';
import { licensingFor } from '../../../shared/transport';
import { perItem } from '../../helpers/itemRuns';

const properties: INodeProperties[] = [
	skuOption('The product whose holders to list.'),
	{
		displayName: 'Service Plan',
		name: 'plan',
		type: 'string',
		default: '',
		placeholder: 'e.g. EXCHANGE_S_ENTERPRISE',
		description:
			'Only the holders for whom this service plan of the product is on (its name). Empty: every holder of the product.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sku'], operation: ['getHolders'] } },
	properties,
);

/** One output item per holder of the product (or of one of its plans), with every path that grants it. */
export const execute = perItem(async function (
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const { service } = await licensingFor(this);
	const sku = String(this.getNodeParameter('sku', itemIndex, ''));
	const plan = String(this.getNodeParameter('plan', itemIndex, '')).trim();
	const rows = await service.whoHas(plan ? { sku, plan } : { sku });
	return rows as unknown as IDataObject[];
});
