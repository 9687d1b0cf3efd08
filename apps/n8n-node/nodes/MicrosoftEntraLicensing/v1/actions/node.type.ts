import type { AllEntities, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Every resource of the node with its operations: the one list the description, the modules and the router share. */
type NodeMap = {
	group:
		| 'assignLicense'
		| 'getLicenses'
		| 'removeLicense'
		| 'removeMember'
		| 'setLicenses'
		| 'updateServicePlans'
		| 'waitForProcessing';
	user: 'assignLicense' | 'explainLicenses' | 'getLicenseDetails' | 'removeLicense' | 'reprocess';
	sku: 'get' | 'getAll' | 'getHolders';
	tenant: 'findReclaimable' | 'getLicenseReport';
};

/** `{ resource: 'group'; operation: 'assignLicense' | … } | { resource: 'user'; … } | …` */
export type MicrosoftEntraLicensingType = AllEntities<NodeMap>;

export type Resource = MicrosoftEntraLicensingType['resource'];

/** What one input item came to: its output JSON, or the error it failed with. */
export type ItemOutcome =
	| { ok: true; json: IDataObject | IDataObject[] }
	| { ok: false; error: unknown };

/**
 * Runs an operation for the given input items and returns one outcome per item that ran. Reads run item by item;
 * license changes check every item first and then merge the items of one target into one Graph call.
 */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndexes: number[],
) => Promise<Map<number, ItemOutcome>>;

/** What every `<resource>/<operation>.operation.ts` exports. */
export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}

/** A resource's `index.ts`: one operation module per operation of the resource, under the operation's value. */
export type ResourceModule<R extends Resource> = Record<
	Extract<MicrosoftEntraLicensingType, { resource: R }>['operation'],
	OperationModule
>;
