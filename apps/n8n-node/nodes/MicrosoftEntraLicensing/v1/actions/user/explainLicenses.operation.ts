import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { userLocator } from '../../../shared/descriptions';
import { perTarget } from '../../helpers/itemRuns';

const properties: INodeProperties[] = [userLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['explainLicenses'] } },
	properties,
);

/**
 * Every SKU and service plan of the user, enabled or not, with every path that grants it (directly, or group X with
 * its disabled plans), each path's state and error: the licensing service's `explainUser`, as the CLI's
 * `explain user --json` prints it.
 */
export const execute = perTarget(
	'user',
	async (service, user) => (await service.explainUser(user.id)) as unknown as IDataObject,
);
