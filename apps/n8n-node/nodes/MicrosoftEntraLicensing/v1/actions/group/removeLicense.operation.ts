import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { WriteRequest } from '../../helpers/applyIntents';
import { groupLocator, skuList } from '../../helpers/descriptions';
import { skuRefs, writeRequest } from '../../helpers/params';

const properties: INodeProperties[] = [
	groupLocator,
	skuList('skus', 'SKUs to Remove Names or IDs', 'The products to take away from the group.'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['removeLicense'] } },
	properties,
);

export function request(this: IExecuteFunctions, itemIndex: number): WriteRequest {
	return writeRequest(this, 'group', itemIndex, { action: 'remove', skus: skuRefs(this, 'skus', itemIndex) });
}
