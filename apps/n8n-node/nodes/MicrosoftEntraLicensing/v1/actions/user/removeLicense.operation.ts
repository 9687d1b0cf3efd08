import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { userLocator } from '../../../shared/descriptions';
import { writeOperation } from '../../helpers/applyIntents';
import type { FieldLabels } from '../../helpers/errors';
import { dryRunField, skuList } from '../../helpers/fields';
import { skuRefs, writeRequest } from '../../helpers/params';

const properties: INodeProperties[] = [
	userLocator,
	skuList(
		'skus',
		'SKUs to Remove Names or IDs',
		'Direct licenses to take away. A license the user only inherits from a group is skipped, and the group is named.',
	),
	dryRunField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['removeLicense'] } },
	properties,
);

export const labels: FieldLabels = { target: 'User', skus: 'SKUs to Remove' };

export const execute = writeOperation(
	labels,
	function (this: IExecuteFunctions, itemIndex: number) {
		return writeRequest(this, 'user', itemIndex, {
			action: 'remove',
			skus: skuRefs(this, 'skus', itemIndex),
		});
	},
);
