import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { FieldLabels } from '../../helpers/errors';
import { perItem } from '../../helpers/itemRuns';

import { groupLicensesJson } from '../../../shared/format';
import { groupLocator } from '../../../shared/descriptions';
import { targetRef } from '../../helpers/params';
import { resolveTarget } from '../../../shared/tenant';
import { licensingFor } from '../../../shared/transport';

const properties: INodeProperties[] = [
	groupLocator('The group to wait for.'),
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
		description: 'First wait between two checks of the processing state; later waits grow up to 30 seconds',
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

export const labels: FieldLabels = { target: 'Group', skus: 'SKU' };

export const execute = perItem(async function (this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const group = await resolveTarget(this, 'group', targetRef(this, 'group', itemIndex), 'Group');
	const timeoutSeconds = this.getNodeParameter('timeoutSeconds', itemIndex, 300) as number;
	const pollMs = Math.max(100, (this.getNodeParameter('pollSeconds', itemIndex, 5) as number) * 1000);
	const { service } = await licensingFor(this);
	const report = await service.waitForGroupProcessing(group.id, {
		timeoutMs: timeoutSeconds * 1000,
		initialIntervalMs: pollMs,
		maxIntervalMs: Math.max(pollMs, 30_000),
	});
	if (report.timedOut && (this.getNodeParameter('failOnTimeout', itemIndex, false) as boolean)) {
		throw new NodeOperationError(
			this.getNode(),
			`The group's licenses were still ${report.state ?? 'processing'} after ${timeoutSeconds} s (Timeout setting)`,
			{ itemIndex },
		);
	}
	const licenses = await service.getGroupLicenses(group.id);
	return {
		...groupLicensesJson(licenses),
		completed: report.completed,
		timedOut: report.timedOut,
		polls: report.polls,
		elapsedMs: report.elapsedMs,
		membersWithErrorsCount: report.membersWithErrors.length,
		membersWithErrors: report.membersWithErrors as unknown as IDataObject[],
	};
});
