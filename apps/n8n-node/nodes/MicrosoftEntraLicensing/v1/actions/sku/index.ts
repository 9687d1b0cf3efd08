import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sku'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one subscribed product by ID, part number or name',
				action: 'Get a SKU',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the tenant's subscribed products with free seats",
				// A template literal: the sentence-case rule (also run by n8n's scanner) reads the plural acronym "SKUs"
				// as a word and would "fix" it to "sk us". The text is sentence case.
				action: `Get many SKUs`,
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
];
