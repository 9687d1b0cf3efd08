import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import { GUID_PATTERN } from '@entra-licensing/graph-client';

/** The resource locators' check of an ID typed in By ID mode: graph-client's one GUID pattern. */
const GUID_REGEX = GUID_PATTERN.source;

/** A group picker (From List, By ID, By Name); the description says what the group is for. */
export function groupLocator(description: string): INodeProperties {
	return {
	displayName: 'Group',
	name: 'group',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: `${description} An expression may give its ID or its display name`,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchGroups', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1132b215-826f-42a9-8cfe-1643d19d17fd',
			validation: [
				{ type: 'regex', properties: { regex: GUID_REGEX, errorMessage: 'Not a group ID (a GUID)' } },
			],
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. Licensing Pilot',
		},
	],
	};
}

export const userLocator: INodeProperties = {
	displayName: 'User',
	name: 'user',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The user. An expression may give the ID or the user principal name.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 7f0e4b86-1a1c-4c3a-9a1e-0f1f1c1d1e1f',
			validation: [{ type: 'regex', properties: { regex: GUID_REGEX, errorMessage: 'Not a user ID (a GUID)' } }],
		},
		{
			displayName: 'By User Principal Name',
			name: 'upn',
			type: 'string',
			placeholder: 'e.g. adele@contoso.onmicrosoft.com',
		},
	],
};

/** App-only (the default) or delegated sign-in: the node's credential follows this field. */
export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'App-Only (Client Credentials)', value: 'clientCredentials' },
		{ name: 'Delegated (OAuth2)', value: 'oAuth2' },
	],
	default: 'clientCredentials',
};

export const nodeCredentials: INodeCredentialDescription[] = [
	{
		name: 'microsoftEntraLicensingApi',
		required: true,
		displayOptions: { show: { authentication: ['clientCredentials'] } },
	},
	{
		name: 'microsoftEntraLicensingOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
];

/** A single SKU picked from the tenant's products (the list shows names and free seats; the value is the skuId). */
export function skuOption(description: string): INodeProperties {
	return {
		displayName: 'SKU Name or ID',
		name: 'sku',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSkus' },
		default: '',
		required: true,
		description: `${description} An expression may also give a part number or a product name. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}
