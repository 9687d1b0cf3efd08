/* eslint-disable n8n-nodes-base/node-filename-against-convention -- n8n's versioned-node layout keeps the version description here */
import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as group from './group';
import * as sku from './sku';
import * as user from './user';

export const versionDescription: INodeTypeDescription = {
	displayName: 'Microsoft Entra Licensing',
	name: 'microsoftEntraLicensing',
	group: ['transform'],
	version: 1,
	subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
	description: 'Assign, swap and remove Microsoft 365 licenses of Entra groups and users by product name',
	defaults: { name: 'Microsoft Entra Licensing' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'microsoftEntraLicensingApi', required: true }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Group', value: 'group' },
				{ name: 'SKU', value: 'sku' },
				{ name: 'User', value: 'user' },
			],
			default: 'group',
		},
		...group.description,
		...user.description,
		...sku.description,
	],
};
