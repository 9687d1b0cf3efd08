import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { groupLocator, userLocator } from '../../../shared/descriptions';
import { licensingFor } from '../../../shared/transport';
import { ItemFailure, keepMessage } from '../../helpers/errors';
import { dryRunField, writeOptionsCollection } from '../../helpers/fields';
import { perItem } from '../../helpers/itemRuns';
import { targetRef } from '../../helpers/params';

const properties: INodeProperties[] = [
	groupLocator('The group the user leaves (with it, the licenses it gives them).'),
	userLocator,
	dryRunField,
	writeOptionsCollection('allowDataLoss'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['removeMember'] } },
	properties,
);

/**
 * Takes the user out of the group through the library's `removeGroupMember`: the engine's member-removal write
 * (paced, retried, verified) after the data-loss guard, which refuses, before anything is sent, to take a mailbox
 * or files the user keeps through no other path unless Allow Data Loss is on. One output item per input item:
 * the status (`applied`, `unchanged` when the user was not a member, `planned` on a dry run) and the user's impact.
 */
export const execute = perItem(async function (
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const groupRef = targetRef(this, 'group', itemIndex);
	const userRef = targetRef(this, 'user', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { allowDataLoss?: boolean };
	const dryRun = this.getNodeParameter('dryRun', itemIndex, false) === true;
	const { service } = await licensingFor(this);
	const result = await service
		.removeGroupMember(groupRef, userRef, {
			allowDataLoss: options.allowDataLoss === true,
			...(dryRun ? { dryRun } : {}),
		})
		.catch((error: unknown) => {
			throw new ItemFailure(error, userRef);
		});
	if (result.status === 'failed') {
		throw new NodeOperationError(
			this.getNode(),
			keepMessage(result.error?.message ?? result.reason ?? 'The removal failed'),
			{
				itemIndex,
				description: `Group ${result.groupName ?? result.groupId}, user ${result.userPrincipalName ?? result.userId}. (Error code ${result.error?.code ?? 'unknown'}${result.error?.graphCode ? `, Graph code ${result.error.graphCode}` : ''}.)`,
			},
		);
	}
	return {
		status: result.status,
		applied: result.status === 'applied',
		dryRun,
		...(result.reason ? { reason: result.reason } : {}),
		group: { id: result.groupId, displayName: result.groupName },
		user: { id: result.userId, userPrincipalName: result.userPrincipalName },
		impact: result.impact as unknown as IDataObject,
		dataLosses: result.dataLosses as unknown as IDataObject[],
	};
});
