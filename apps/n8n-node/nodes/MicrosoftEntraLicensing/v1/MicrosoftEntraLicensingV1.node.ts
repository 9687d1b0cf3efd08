import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as group from './actions/group';
import { router } from './actions/router';
import * as sku from './actions/sku';
import * as user from './actions/user';
import { authenticationField, nodeCredentials } from '../shared/descriptions';
import { listSearch, loadOptions } from '../shared/methods';

const versionDescription: INodeTypeDescription = {
	displayName: 'Microsoft Entra Licensing',
	name: 'microsoftEntraLicensing',
	group: ['transform'],
	version: 1,
	// The canvas subtitle in words: "Assign License · Group", "Wait for Processing · Group", "Get Many · SKU" (n8n's lint wants a literal here).
	subtitle:
		'={{ $parameter["operation"].replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase()).replace("Get All", "Get Many").replace(" For ", " for ") + " · " + ({ group: "Group", user: "User", sku: "SKU" })[$parameter["resource"]] }}',
	description: 'Assign, swap and remove Microsoft 365 licenses of Entra groups and users by product name',
	defaults: { name: 'Microsoft Entra Licensing' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: nodeCredentials,
	properties: [
		authenticationField,
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

/**
 * Version 1 of the node. Its icon comes from the versioned wrapper's base description
 * (MicrosoftEntraLicensing.node.ts); the class is checked against INodeType where the wrapper lists it.
 */
export class MicrosoftEntraLicensingV1 {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = { ...baseDescription, ...versionDescription };
	}

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
