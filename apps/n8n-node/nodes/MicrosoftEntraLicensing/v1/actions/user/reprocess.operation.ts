import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { userLocator } from '../../../shared/descriptions';
import { perTarget } from '../../helpers/itemRuns';

const properties: INodeProperties[] = [userLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['reprocess'] } },
	properties,
);

/** Asks Microsoft Entra to apply the user's group licenses again (after fixing a member error). */
export const execute = perTarget('user', async (service, user) => ({
	reprocessed: true,
	...((await service.reprocessUser(user.id)) as unknown as IDataObject),
}));
