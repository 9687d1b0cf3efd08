import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { groupLocator } from '../../../shared/descriptions';
import { groupLicensesJson } from '../../../shared/format';
import { perTarget } from '../../helpers/itemRuns';

const properties: INodeProperties[] = [groupLocator('The group to read.')];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getLicenses'] } },
	properties,
);

export const execute = perTarget('group', async (service, group) =>
	groupLicensesJson(await service.getGroupLicenses(group.id)),
);
