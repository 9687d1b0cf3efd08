import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { FieldLabels } from '../../helpers/errors';
import { perItem } from '../../helpers/itemRuns';

import { userLocator } from '../../../shared/descriptions';
import { targetRef } from '../../helpers/params';
import { resolveTarget } from '../../../shared/tenant';
import { licensingFor } from '../../../shared/transport';

const properties: INodeProperties[] = [userLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['reprocess'] } },
	properties,
);

/** Asks Microsoft Entra to apply the user's group licenses again (after fixing a member error). */
export const labels: FieldLabels = { target: 'User', skus: 'SKU' };

export const execute = perItem(async function (this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const user = await resolveTarget(this, 'user', targetRef(this, 'user', itemIndex), 'User');
	const { service } = await licensingFor(this);
	return { reprocessed: true, ...((await service.reprocessUser(user.id)) as unknown as IDataObject) };
});
