import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import { groupLocator } from '../../helpers/descriptions';
import { groupLicensesJson, membersWithErrors } from '../../helpers/groupState';
import { targetRef } from '../../helpers/params';
import { findTarget, tenantSkus } from '../../helpers/tenant';

const properties: INodeProperties[] = [
	groupLocator,
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description: 'How long to wait for Microsoft Entra to finish applying the group licenses to members',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollSeconds',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 5,
		description: 'How often to check the processing state',
	},
	{
		displayName: 'Fail on Timeout',
		name: 'failOnTimeout',
		type: 'boolean',
		default: false,
		description: 'Whether to fail the item when processing is not complete in time (off: return the state reached)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['waitForProcessing'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ref = targetRef(this, 'group', itemIndex);
	const timeoutMs = (this.getNodeParameter('timeoutSeconds', itemIndex, 300) as number) * 1000;
	const pollMs = Math.max(100, (this.getNodeParameter('pollSeconds', itemIndex, 5) as number) * 1000);
	const started = Date.now();
	let group = await findTarget(this, 'group', ref, 'Group');
	while (group.licenseProcessingState !== 'ProcessingComplete' && Date.now() - started < timeoutMs) {
		await sleep(Math.min(pollMs, Math.max(0, timeoutMs - (Date.now() - started))));
		group = await findTarget(this, 'group', ref, 'Group');
	}
	const complete = group.licenseProcessingState === 'ProcessingComplete';
	if (!complete && (this.getNodeParameter('failOnTimeout', itemIndex, false) as boolean)) {
		throw new NodeOperationError(
			this.getNode(),
			`Group "${group.displayName}" was still ${group.licenseProcessingState ?? 'processing'} after ${timeoutMs / 1000} s (Timeout setting)`,
		);
	}
	const skus = await tenantSkus(this);
	const members = await membersWithErrors(this, group, skus);
	return {
		...groupLicensesJson(group, skus),
		complete,
		waitedSeconds: Math.round((Date.now() - started) / 100) / 10,
		membersWithErrorsCount: members.length,
		membersWithErrors: members,
	};
}
