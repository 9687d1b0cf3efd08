import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userLocator } from '../../helpers/descriptions';
import { targetRef } from '../../helpers/params';
import { findTarget } from '../../helpers/tenant';
import { graphRequest } from '../../transport/graph';

const properties: INodeProperties[] = [userLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['reprocess'] } },
	properties,
);

/** Asks Microsoft Entra to apply the user's group licenses again (after fixing a member error). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const user = await findTarget(this, 'user', targetRef(this, 'user', itemIndex), 'User');
	await graphRequest(this, 'POST', `/users/${encodeURIComponent(user.id)}/reprocessLicenseAssignment`);
	return { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName ?? null, reprocessed: true };
}
