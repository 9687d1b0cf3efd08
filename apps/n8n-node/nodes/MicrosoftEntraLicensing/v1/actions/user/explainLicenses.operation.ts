import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { userLocator } from '../../../shared/descriptions';
import { licensingFor } from '../../../shared/transport';
import { perItem } from '../../helpers/itemRuns';
import { targetRef } from '../../helpers/params';

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
export const execute = perItem(async function (
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const { service } = await licensingFor(this);
	const user = await service.resolveTarget('user', targetRef(this, 'user', itemIndex), 'User');
	return (await service.explainUser(user.id)) as unknown as IDataObject;
});
