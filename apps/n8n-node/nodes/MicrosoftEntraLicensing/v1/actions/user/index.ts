import type { INodeProperties } from 'n8n-workflow';

import * as assignLicense from './assignLicense.operation';
import * as explainLicenses from './explainLicenses.operation';
import * as getLicenseDetails from './getLicenseDetails.operation';
import * as removeLicense from './removeLicense.operation';
import * as reprocess from './reprocess.operation';

export { assignLicense, explainLicenses, getLicenseDetails, removeLicense, reprocess };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Assign License',
				value: 'assignLicense',
				description: 'Assign products directly to a user',
				action: 'Assign licenses to a user',
			},
			{
				name: 'Explain Licenses',
				value: 'explainLicenses',
				description:
					'Every product and service plan of a user with every path that grants it: directly, or which group',
				action: 'Explain the licenses of a user',
			},
			{
				name: 'Get License Details',
				value: 'getLicenseDetails',
				description: "Get a user's products with their plans, direct or inherited from groups",
				action: 'Get the license details of a user',
			},
			{
				name: 'Remove License',
				value: 'removeLicense',
				description: 'Remove direct licenses of a user (inherited ones are skipped)',
				action: 'Remove licenses from a user',
			},
			{
				name: 'Reprocess',
				value: 'reprocess',
				description: "Apply the user's group licenses again",
				action: 'Reprocess the license assignment of a user',
			},
		],
		default: 'assignLicense',
	},
	...assignLicense.description,
	...removeLicense.description,
	...getLicenseDetails.description,
	...explainLicenses.description,
	...reprocess.description,
];
