import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupLocator } from '../../helpers/descriptions';
import { groupLicensesJson } from '../../helpers/groupState';
import { targetRef } from '../../helpers/params';
import { findTarget, tenantSkus } from '../../helpers/tenant';

const properties: INodeProperties[] = [groupLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getLicenses'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const group = await findTarget(this, 'group', targetRef(this, 'group', itemIndex), 'Group');
	return groupLicensesJson(group, await tenantSkus(this));
}
