import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { groupLocator } from '../../../shared/descriptions';
import { dryRunField, skuList, writeOptionsCollection } from '../../helpers/fields';
import { skuRefs, writeRequest } from '../../helpers/params';
import { writeOperation } from '../../helpers/writeOperation';

const properties: INodeProperties[] = [
	groupLocator('The group to take the products from.'),
	skuList('skus', 'SKUs to Remove Names or IDs', 'The products to take away from the group.'),
	dryRunField,
	writeOptionsCollection('allowDataLoss'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['removeLicense'] } },
	properties,
);

export const execute = writeOperation(function (this: IExecuteFunctions, itemIndex: number) {
	return writeRequest(this, 'group', itemIndex, {
		action: 'remove',
		skus: skuRefs(this, 'skus', itemIndex),
	});
});
