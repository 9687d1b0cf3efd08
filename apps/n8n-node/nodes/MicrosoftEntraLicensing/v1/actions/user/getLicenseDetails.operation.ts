import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { userLocator } from '../../../shared/descriptions';
import { licensingFor } from '../../../shared/transport';
import { perItem } from '../../helpers/itemRuns';
import { targetRef } from '../../helpers/params';

const properties: INodeProperties[] = [userLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getLicenseDetails'] } },
	properties,
);

/**
 * Direct vs inherited, from `assignedLicenses` + `licenseAssignmentStates` + the tenant's SKUs (the licensing
 * package reads these, because Graph does not support app-only access to `/users/{id}/licenseDetails`).
 */
export const execute = perItem(async function (
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const { service } = await licensingFor(this);
	const user = await service.resolveTarget('user', targetRef(this, 'user', itemIndex), 'User');
	return (await service.getUserLicenses(user.id)) as unknown as IDataObject;
});
