import type { INodeProperties } from 'n8n-workflow';

import * as findReclaimable from './findReclaimable.operation';
import * as getLicenseReport from './getLicenseReport.operation';

export { findReclaimable, getLicenseReport };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tenant'] } },
		options: [
			{
				name: 'Find Reclaimable Licenses',
				value: 'findReclaimable',
				description:
					'List people who do not use their licenses (never signed in, dormant, blocked), one item per person, with the evidence and the action that frees each seat',
				action: 'Find reclaimable licenses',
			},
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
	...findReclaimable.description,
	...getLicenseReport.description,
];
