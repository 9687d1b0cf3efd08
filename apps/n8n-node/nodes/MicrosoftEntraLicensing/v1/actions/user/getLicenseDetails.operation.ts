import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { FieldLabels } from '../../helpers/errors';
import { perItem } from '../../helpers/itemRuns';

import { userLocator } from '../../../shared/descriptions';
import { targetRef } from '../../helpers/params';
import { resolveTarget } from '../../../shared/tenant';
import { licensingFor } from '../../../shared/transport';

const properties: INodeProperties[] = [userLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getLicenseDetails'] } },
	properties,
);

/**
 * Direct vs inherited, from `assignedLicenses` + `licenseAssignmentStates` + the tenant's SKUs (the licensing
 * package reads these, because Graph does not support app-only access to `/users/{id}/licenseDetails`).
 */
export const labels: FieldLabels = { target: 'User', skus: 'SKU' };

export const execute = perItem(async function (this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const user = await resolveTarget(this, 'user', targetRef(this, 'user', itemIndex), 'User');
	const { service } = await licensingFor(this);
	return (await service.getUserLicenses(user.id)) as unknown as IDataObject;
});
