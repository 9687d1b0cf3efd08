import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { WriteRequest } from '../../helpers/applyIntents';
import { groupLocator, licensesCollection, writeOptionsCollection } from '../../helpers/descriptions';
import { licenseSpecs, writeRequest } from '../../helpers/params';

const properties: INodeProperties[] = [
	groupLocator,
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
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only return the plan of changes and send nothing to Microsoft Graph',
	},
	writeOptionsCollection('maxRemovals', 'strictSeats'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['setLicenses'] } },
	properties,
);

export function request(this: IExecuteFunctions, itemIndex: number): WriteRequest {
	return writeRequest(this, 'group', itemIndex, {
		action: 'set',
		licenses: licenseSpecs(this, itemIndex),
		exclusive: this.getNodeParameter('removeUnlisted', itemIndex, false) as boolean,
	}, this.getNodeParameter('dryRun', itemIndex, false) as boolean);
}
