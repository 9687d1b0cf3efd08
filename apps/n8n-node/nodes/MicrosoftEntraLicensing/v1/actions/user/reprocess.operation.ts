import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { userLocator } from '../../../shared/descriptions';
import { licensingFor } from '../../../shared/transport';
import { perItem } from '../../helpers/itemRuns';
import { targetRef } from '../../helpers/params';

const properties: INodeProperties[] = [userLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['reprocess'] } },
	properties,
);

/** Asks Microsoft Entra to apply the user's group licenses again (after fixing a member error). */
export const execute = perItem(async function (
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const { service } = await licensingFor(this);
	const user = await service.resolveTarget('user', targetRef(this, 'user', itemIndex), 'User');
	return {
		reprocessed: true,
		...((await service.reprocessUser(user.id)) as unknown as IDataObject),
	};
});
