import { readLicenseReport } from '@entra-licensing/licensing';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { licensingFor } from '../../../shared/transport';
import { once } from '../../helpers/itemRuns';

const properties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'One Item per Finding',
				value: 'findings',
				description:
					'Each finding (kind, severity, SKU, group, users, count, message, fix) as its own item',
			},
			{
				name: 'Whole Report',
				value: 'report',
				description: 'The whole report as one item: tenant, seats per SKU and the findings',
			},
		],
		default: 'findings',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tenant'], operation: ['getLicenseReport'] } },
	properties,
);

/**
 * The license health report of the tenant (the library's `readLicenseReport`, as `entra-licensing report --format
 * json` writes it): one item per finding, or the whole report as one item. Read once for the whole input.
 */
export const execute = once(async function (
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const licensing = await licensingFor(this);
	const output = String(this.getNodeParameter('output', itemIndex, 'findings'));
	const report = await readLicenseReport(licensing);
	if (output === 'report') return report as unknown as IDataObject;
	return report.findings as unknown as IDataObject[];
});
