import type { INodeProperties } from 'n8n-workflow';

import * as assignLicense from './assignLicense.operation';
import * as getLicenses from './getLicenses.operation';
import * as removeLicense from './removeLicense.operation';
import * as removeMember from './removeMember.operation';
import * as setLicenses from './setLicenses.operation';
import * as updateServicePlans from './updateServicePlans.operation';
import * as waitForProcessing from './waitForProcessing.operation';

export {
	assignLicense,
	getLicenses,
	removeLicense,
	removeMember,
	setLicenses,
	updateServicePlans,
	waitForProcessing,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{
				name: 'Assign License',
				value: 'assignLicense',
				description: 'Add products to a group (optionally removing others in the same call)',
				action: 'Assign licenses to a group',
			},
			{
				name: 'Get Licenses',
				value: 'getLicenses',
				description: "Get a group's products, disabled plans and processing state",
				action: 'Get the licenses of a group',
			},
			{
				name: 'Remove License',
				value: 'removeLicense',
				description: 'Remove products from a group',
				action: 'Remove licenses from a group',
			},
			{
				name: 'Remove Member',
				value: 'removeMember',
				description:
					'Take a user out of the group, and with it the licenses the group gives them (refused when it takes a mailbox or files unless allowed)',
				action: 'Remove a member from a group',
			},
			{
				name: 'Set Licenses',
				value: 'setLicenses',
				description: 'Make the group hold exactly the listed products and plans (desired state)',
				action: 'Set the licenses of a group',
			},
			{
				name: 'Update Service Plans',
				value: 'updateServicePlans',
				description:
					'Disable or enable service plans of a product, keeping the other disabled plans',
				action: 'Update the service plans of a group license',
			},
			{
				name: 'Wait for Processing',
				value: 'waitForProcessing',
				description:
					'Wait until the group licenses reach every member, then list members with errors',
				action: 'Wait for group license processing',
			},
		],
		default: 'assignLicense',
	},
	...assignLicense.description,
	...removeLicense.description,
	...removeMember.description,
	...setLicenses.description,
	...updateServicePlans.description,
	...getLicenses.description,
	...waitForProcessing.description,
];
