import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { WriteRequest } from '../../helpers/applyIntents';
import { licensesCollection, userLocator, writeOptionsCollection } from '../../helpers/descriptions';
import { licenseSpecs, writeRequest } from '../../helpers/params';

const properties: INodeProperties[] = [
	userLocator,
	licensesCollection('Licenses to Assign', 'The products to assign directly to the user, each with service plans to turn off'),
	writeOptionsCollection('usageLocation'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['assignLicense'] } },
	properties,
);

export function request(this: IExecuteFunctions, itemIndex: number): WriteRequest {
	return writeRequest(this, 'user', itemIndex, { action: 'assign', skus: licenseSpecs(this, itemIndex) });
}
