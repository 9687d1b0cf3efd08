import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { WriteRequest } from '../../helpers/applyIntents';
import { skuList, userLocator } from '../../helpers/descriptions';
import { skuRefs, writeRequest } from '../../helpers/params';

const properties: INodeProperties[] = [
	userLocator,
	skuList(
		'skus',
		'SKUs to Remove Names or IDs',
		'Direct licenses to take away. A license the user only inherits from a group is skipped, and the group is named.',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['removeLicense'] } },
	properties,
);

export function request(this: IExecuteFunctions, itemIndex: number): WriteRequest {
	return writeRequest(this, 'user', itemIndex, { action: 'remove', skus: skuRefs(this, 'skus', itemIndex) });
}
