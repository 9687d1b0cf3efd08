import type { INodeProperties } from 'n8n-workflow';

import { skuOption } from '../../shared/descriptions';

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
					skuOption('The product to license.'),
					{
						displayName: 'Plans to Disable Names or IDs',
						name: 'disabledPlans',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getServicePlans', loadOptionsDependsOn: ['&sku'] },
						default: [],
						description:
							'Service plans of this SKU to turn off; an expression may give plan IDs, plan names such as EXCHANGE_S_ENTERPRISE or friendly names. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
		],
	};
}

/** A plain list of SKUs (to remove). */
export function skuList(
	name: string,
	displayName: string,
	description: string,
	required = true,
): INodeProperties {
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

/** "Dry Run": the item's plan is returned (status `planned`) and nothing is sent to Microsoft Graph. */
export const dryRunField: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description: 'Whether to only return the plan of changes and send nothing to Microsoft Graph',
};

type WriteOption = 'usageLocation' | 'maxRemovals' | 'strictSeats' | 'allowDataLoss';

const WRITE_OPTIONS: Record<WriteOption, INodeProperties> = {
	allowDataLoss: {
		displayName: 'Allow Data Loss',
		name: 'allowDataLoss',
		type: 'boolean',
		default: false,
		description:
			'Whether the change may take a mailbox or files (Exchange Online, SharePoint or OneDrive plans) from people who hold them through no other group and not directly. Off: such a change is refused before anything is sent, naming how many people and the first of them.',
	},
	maxRemovals: {
		displayName: 'Max Removals',
		name: 'maxRemovals',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		description:
			'Refuse to run when the change would remove more products than this from one target',
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
