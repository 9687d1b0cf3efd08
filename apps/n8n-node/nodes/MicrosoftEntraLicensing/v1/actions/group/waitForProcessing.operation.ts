import type { GroupProcessingReport } from '@entra-licensing/licensing';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	NodeExecutionHint,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { groupLocator } from '../../../shared/descriptions';
import { groupLicensesJson } from '../../../shared/format';
import { perTarget } from '../../helpers/itemRuns';

const properties: INodeProperties[] = [
	groupLocator('The group to wait for.'),
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description:
			'How long to wait for Microsoft Entra to finish applying the group licenses to members',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollSeconds',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 5,
		description:
			'First wait between two checks of the processing state; later waits grow up to 30 seconds',
	},
	{
		displayName: 'Fail on Timeout',
		name: 'failOnTimeout',
		type: 'boolean',
		default: false,
		description:
			'Whether to fail the item when processing is not complete in time (off: return the state reached)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['waitForProcessing'] } },
	properties,
);

/** `CountViolation on Microsoft 365 E5 (SPE_E5): 4` for each error and product, most members first. */
function errorCounts(report: GroupProcessingReport): string {
	const counts = new Map<string, number>();
	for (const member of report.membersWithErrors)
		for (const e of member.errors) {
			const key = `${e.error} on ${e.sku}`;
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
	return [...counts]
		.sort(([, a], [, b]) => b - a)
		.map(([key, count]) => `${key}: ${count}`)
		.join('; ');
}

/**
 * What the wait found that needs a look, as hints above the output (n8n's `addExecutionHints`): members whose
 * licenses failed, and a wait that ended before processing did (the member list may then be incomplete).
 */
export function processingHints(
	report: GroupProcessingReport,
	groupName: string,
	timeoutSeconds: number,
): NodeExecutionHint[] {
	const hints: NodeExecutionHint[] = [];
	const failed = report.membersWithErrors.length;
	if (failed > 0) {
		hints.push({
			type: 'warning',
			location: 'outputPane',
			message: `Group "${groupName}": ${failed} member(s) did not get their licenses (${errorCounts(report)}). Who, why and what to do: membersWithErrors.`,
		});
	}
	if (report.timedOut) {
		hints.push({
			type: 'warning',
			location: 'outputPane',
			message: `Group "${groupName}": processing was still ${report.state ?? 'running'} after ${timeoutSeconds} s (Timeout); members may still fail.`,
		});
	}
	return hints;
}

export const execute = perTarget(
	'group',
	async function (this: IExecuteFunctions, service, group, itemIndex): Promise<IDataObject> {
		const timeoutSeconds = this.getNodeParameter('timeoutSeconds', itemIndex, 300) as number;
		const pollMs = Math.max(
			100,
			(this.getNodeParameter('pollSeconds', itemIndex, 5) as number) * 1000,
		);
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
		const hints = processingHints(report, licenses.displayName ?? group.id, timeoutSeconds);
		if (hints.length > 0) this.addExecutionHints(...hints);
		return {
			...groupLicensesJson(licenses),
			completed: report.completed,
			timedOut: report.timedOut,
			polls: report.polls,
			elapsedMs: report.elapsedMs,
			membersWithErrorsCount: report.membersWithErrors.length,
			membersWithErrors: report.membersWithErrors as unknown as IDataObject[],
		};
	},
);
