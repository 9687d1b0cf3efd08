import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { groupLocator } from '../../../shared/descriptions';
import { groupLicensesJson } from '../../../shared/format';
import { licensingFor } from '../../../shared/transport';
import { perItem } from '../../helpers/itemRuns';
import { targetRef } from '../../helpers/params';

const properties: INodeProperties[] = [groupLocator('The group to read.')];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getLicenses'] } },
	properties,
);

export const execute = perItem(async function (
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const { service } = await licensingFor(this);
	const group = await service.resolveTarget('group', targetRef(this, 'group', itemIndex), 'Group');
	return groupLicensesJson(await service.getGroupLicenses(group.id));
});
