import type { INodeProperties } from 'n8n-workflow';

import * as findReclaimable from './findReclaimable.operation';

export { findReclaimable };

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
		],
		default: 'findReclaimable',
	},
	...findReclaimable.description,
];
