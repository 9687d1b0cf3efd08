import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { userLocator } from '../../../shared/descriptions';
import { dryRunField, licensesCollection, writeOptionsCollection } from '../../helpers/fields';
import { licenseSpecs, writeRequest } from '../../helpers/params';
import { writeOperation } from '../../helpers/writeOperation';

const properties: INodeProperties[] = [
	userLocator,
	licensesCollection(
		'Licenses to Assign',
		'The products to assign directly to the user, each with service plans to turn off',
	),
	dryRunField,
	writeOptionsCollection('usageLocation'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['assignLicense'] } },
	properties,
);

export const execute = writeOperation(function (this: IExecuteFunctions, itemIndex: number) {
	return writeRequest(this, 'user', itemIndex, {
		action: 'assign',
		skus: licenseSpecs(this, itemIndex),
	});
});
