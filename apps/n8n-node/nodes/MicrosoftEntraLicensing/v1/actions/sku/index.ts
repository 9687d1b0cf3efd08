import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getHolders from './getHolders.operation';

export { get, getAll, getHolders };

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
			{
				name: 'Get Holders',
				value: 'getHolders',
				description:
					'List who holds a product (or one of its plans), one item per person, with every path that grants it',
				action: 'Get the holders of a SKU',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...getHolders.description,
];
