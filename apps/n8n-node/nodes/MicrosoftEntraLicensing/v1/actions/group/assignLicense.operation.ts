import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { groupLocator } from '../../../shared/descriptions';
import {
	dryRunField,
	licensesCollection,
	skuList,
	writeOptionsCollection,
} from '../../helpers/fields';
import { licenseSpecs, skuRefs, writeRequest } from '../../helpers/params';
import { writeOperation } from '../../helpers/writeOperation';

const properties: INodeProperties[] = [
	groupLocator('The group to add the products to.'),
	licensesCollection(
		'Licenses to Assign',
		'The products to add to the group, each with service plans to turn off',
	),
	skuList(
		'skusToRemove',
		'SKUs to Swap Out Names or IDs',
		'Products to take away in the same call, so members switch from one product to the other without a gap.',
		false,
	),
	dryRunField,
	writeOptionsCollection('allowDataLoss', 'strictSeats'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['assignLicense'] } },
	properties,
);

export const execute = writeOperation(function (this: IExecuteFunctions, itemIndex: number) {
	const add = licenseSpecs(this, itemIndex);
	const remove = skuRefs(this, 'skusToRemove', itemIndex);
	return writeRequest(
		this,
		'group',
		itemIndex,
		remove.length > 0 ? { action: 'swap', add, remove } : { action: 'assign', skus: add },
	);
});
