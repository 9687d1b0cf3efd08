import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';


const GUID_REGEX = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const groupLocator: INodeProperties = {
	displayName: 'Group',
	name: 'group',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The group to license. An expression may give its ID or its display name.',
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

/** A list of SKUs, each with service plans to disable: the licenses to assign (or the desired state). */
export function licensesCollection(displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name: 'licenses',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add License',
		default: { license: [{ sku: '', disabledPlans: [] }] },
		description,
		options: [
			{
				displayName: 'License',
				name: 'license',
				values: [
					{
						displayName: 'SKU Name or ID',
						name: 'sku',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getSkus' },
						default: '',
						required: true,
						description: 'An expression may give a skuId, a part number such as ENTERPRISEPREMIUM or a product name such as Office 365 E5. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Service Plans to Disable Names or IDs',
						name: 'disabledPlans',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getServicePlans', loadOptionsDependsOn: ['&sku'] },
						default: [],
						description: 'Service plans of this SKU to turn off; an expression may give plan IDs, plan names such as EXCHANGE_S_ENTERPRISE or friendly names. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
		],
	};
}

/** A plain list of SKUs (to remove). */
export function skuList(name: string, displayName: string, description: string, required = true): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getSkus' },
		default: [],
		required,
		description: `${description} An expression may give skuIds, part numbers or product names. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

type WriteOption = 'usageLocation' | 'maxRemovals' | 'strictSeats';

const WRITE_OPTIONS: Record<WriteOption, INodeProperties> = {
	maxRemovals: {
		displayName: 'Max Removals',
		name: 'maxRemovals',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		description: 'Refuse to run when the change would remove more products than this from one target',
	},
	strictSeats: {
		displayName: 'Strict Seats',
		name: 'strictSeats',
		type: 'boolean',
		default: false,
		description:
			'Whether too few free seats for the members is an error (by default it is a warning: Microsoft Entra then fails the members without a seat with CountViolation)',
	},
	usageLocation: {
		displayName: 'Usage Location',
		name: 'usageLocation',
		type: 'string',
		default: '',
		placeholder: 'e.g. US',
		description:
			'For a user without a usage location: the two-letter country code to set first (Microsoft Graph refuses to license a user without one)',
	},
};

/** The "Options" collection of a license-changing operation. */
export function writeOptionsCollection(...names: WriteOption[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: names.map((name) => WRITE_OPTIONS[name]),
	};
}

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
