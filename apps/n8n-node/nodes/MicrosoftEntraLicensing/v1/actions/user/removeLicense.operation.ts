import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { userLocator } from '../../../shared/descriptions';
import { dryRunField, skuList, writeOptionsCollection } from '../../helpers/fields';
import { skuRefs, writeRequest } from '../../helpers/params';
import { writeOperation } from '../../helpers/writeOperation';

const properties: INodeProperties[] = [
	userLocator,
	skuList(
		'skus',
		'SKUs to Remove Names or IDs',
		'Direct licenses to take away. A license the user only inherits from a group is skipped, and the group is named.',
	),
	dryRunField,
	writeOptionsCollection('allowDataLoss'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['removeLicense'] } },
	properties,
);

export const execute = writeOperation(function (this: IExecuteFunctions, itemIndex: number) {
	return writeRequest(this, 'user', itemIndex, {
		action: 'remove',
		skus: skuRefs(this, 'skus', itemIndex),
	});
});
