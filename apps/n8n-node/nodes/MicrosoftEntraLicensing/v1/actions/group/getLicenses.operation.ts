import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupLocator } from '../../helpers/descriptions';
import { targetRef } from '../../helpers/params';
import { resolveTarget } from '../../helpers/tenant';
import { licensingFor } from '../../transport';

const properties: INodeProperties[] = [groupLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getLicenses'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const group = await resolveTarget(this, 'group', targetRef(this, 'group', itemIndex), 'Group');
	const { service } = await licensingFor(this);
	return (await service.getGroupLicenses(group.id)) as unknown as IDataObject;
}
