import type { INodeProperties } from 'n8n-workflow';

import * as getLicenseReport from './getLicenseReport.operation';

export { getLicenseReport };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tenant'] } },
		options: [
			{
				name: 'Get License Report',
				value: 'getLicenseReport',
				description:
					'The license health report: backlog, expiry, waste and errors, each finding with its fix',
				action: 'Get the license report of the tenant',
			},
		],
		default: 'getLicenseReport',
	},
	...getLicenseReport.description,
];
