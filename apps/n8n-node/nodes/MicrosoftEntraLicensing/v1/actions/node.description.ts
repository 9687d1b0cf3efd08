import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationField, nodeCredentials } from '../../shared/descriptions';
import * as group from './group';
import * as sku from './sku';
import * as tenant from './tenant';
import * as user from './user';

/**
 * Version 1 of the action node as the editor shows it: its resources, with each operation's own fields. The node's
 * name, display name, group and description come from the versioned wrapper's base description
 * (MicrosoftEntraLicensing.node.ts), once.
 */
export const versionDescription: Omit<
	INodeTypeDescription,
	'displayName' | 'name' | 'group' | 'description'
> = {
	version: 1,
	// The canvas subtitle in words: "Assign License · Group", "Wait for Processing · Group", "Get Many · SKU" (n8n's lint wants a literal here).
	subtitle:
		'={{ $parameter["operation"].replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase()).replace("Get All", "Get Many").replace(" For ", " for ") + " · " + ({ group: "Group", user: "User", sku: "SKU", tenant: "Tenant" })[$parameter["resource"]] }}',
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
				{ name: 'Tenant', value: 'tenant' },
				{ name: 'User', value: 'user' },
			],
			default: 'group',
		},
		...group.description,
		...user.description,
		...sku.description,
		...tenant.description,
	],
};
