import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { groupLocator } from '../../../shared/descriptions';
import { dryRunField, licensesCollection, writeOptionsCollection } from '../../helpers/fields';
import { licenseSpecs, writeRequest } from '../../helpers/params';
import { writeOperation } from '../../helpers/writeOperation';

const properties: INodeProperties[] = [
	groupLocator('The group whose products to set.'),
	licensesCollection(
		'Desired Licenses',
		'The products the group should have, each with exactly the service plans to turn off',
	),
	{
		displayName: 'Remove SKUs Not Listed',
		name: 'removeUnlisted',
		type: 'boolean',
		default: false,
		description:
			'Whether to remove every product of the group that the list above does not name. Off: other products are left alone.',
	},
	dryRunField,
	writeOptionsCollection('allowDataLoss', 'maxRemovals', 'strictSeats'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['setLicenses'] } },
	properties,
);

export const execute = writeOperation(function (this: IExecuteFunctions, itemIndex: number) {
	return writeRequest(this, 'group', itemIndex, {
		action: 'set',
		licenses: licenseSpecs(this, itemIndex),
		exclusive: this.getNodeParameter('removeUnlisted', itemIndex, false) as boolean,
	});
});
