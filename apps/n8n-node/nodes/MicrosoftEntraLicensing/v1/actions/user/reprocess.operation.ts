import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userLocator } from '../../helpers/descriptions';
import { targetRef } from '../../helpers/params';
import { resolveTarget } from '../../helpers/tenant';
import { licensingFor } from '../../transport';

const properties: INodeProperties[] = [userLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['reprocess'] } },
	properties,
);

/** Asks Microsoft Entra to apply the user's group licenses again (after fixing a member error). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const user = await resolveTarget(this, 'user', targetRef(this, 'user', itemIndex), 'User');
	const { service } = await licensingFor(this);
	return { reprocessed: true, ...((await service.reprocessUser(user.id)) as unknown as IDataObject) };
}
