import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { FieldLabels } from '../../helpers/errors';
import { perItem } from '../../helpers/itemRuns';

import { groupLicensesJson } from '../../../shared/format';
import { groupLocator } from '../../../shared/descriptions';
import { targetRef } from '../../helpers/params';
import { resolveTarget } from '../../../shared/tenant';
import { licensingFor } from '../../../shared/transport';

const properties: INodeProperties[] = [groupLocator('The group to read.')];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getLicenses'] } },
	properties,
);

export const labels: FieldLabels = { target: 'Group', skus: 'SKU' };

export const execute = perItem(async function (this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const group = await resolveTarget(this, 'group', targetRef(this, 'group', itemIndex), 'Group');
	const { service } = await licensingFor(this);
	return groupLicensesJson(await service.getGroupLicenses(group.id));
});
