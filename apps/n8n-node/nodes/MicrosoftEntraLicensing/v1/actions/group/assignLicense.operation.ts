import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { WriteRequest } from '../../helpers/applyIntents';
import { groupLocator, licensesCollection, skuList, writeOptionsCollection } from '../../helpers/descriptions';
import { licenseSpecs, skuRefs, writeRequest } from '../../helpers/params';

const properties: INodeProperties[] = [
	groupLocator,
	licensesCollection('Licenses to Assign', 'The products to add to the group, each with service plans to turn off'),
	skuList(
		'skusToRemove',
		'SKUs to Remove (Swap) Names or IDs',
		'Products to take away in the same call, so members switch from one product to the other without a gap.',
		false,
	),
	writeOptionsCollection('strictSeats'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['assignLicense'] } },
	properties,
);

export function request(this: IExecuteFunctions, itemIndex: number): WriteRequest {
	const add = licenseSpecs(this, itemIndex);
	const remove = skuRefs(this, 'skusToRemove', itemIndex);
	return writeRequest(this, 'group', itemIndex, remove.length > 0 ? { action: 'swap', add, remove } : { action: 'assign', skus: add });
}
