import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { userLocator } from '../../../shared/descriptions';
import { perTarget } from '../../helpers/itemRuns';

const properties: INodeProperties[] = [userLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getLicenseDetails'] } },
	properties,
);

/**
 * Direct vs inherited, from `assignedLicenses` + `licenseAssignmentStates` + the tenant's SKUs (the licensing
 * package reads these, because Graph does not support app-only access to `/users/{id}/licenseDetails`).
 */
export const execute = perTarget(
	'user',
	async (service, user) => (await service.getUserLicenses(user.id)) as unknown as IDataObject,
);
