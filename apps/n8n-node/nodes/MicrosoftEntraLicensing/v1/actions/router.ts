import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorJson, toNodeError } from '../helpers/errors';
import * as group from './group';
import type {
	MicrosoftEntraLicensingType,
	OperationModule,
	Resource,
	ResourceModule,
} from './node.type';
import * as sku from './sku';
import * as tenant from './tenant';
import * as user from './user';

/** The resource modules, checked against the node's resource/operation union. */
const resources: { [R in Resource]: ResourceModule<R> } = { group, user, sku, tenant };

/**
 * Runs the chosen operation for every input item and turns each item's outcome into its output (or its error,
 * under Continue On Fail), paired with the item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const { resource, operation } = {
		resource: this.getNodeParameter('resource', 0),
		operation: this.getNodeParameter('operation', 0),
	} as MicrosoftEntraLicensingType;
	const module = (resources[resource] as Record<string, OperationModule> | undefined)?.[operation];
	if (!module) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const outcomes = await module.execute.call(
		this,
		items.map((_, itemIndex) => itemIndex),
	);
	const results: INodeExecutionData[] = [];
	for (const [itemIndex, outcome] of [...outcomes].sort(([a], [b]) => a - b)) {
		if (outcome.ok) {
			const json = Array.isArray(outcome.json) ? outcome.json : [outcome.json];
			results.push(...json.map((entry) => ({ json: entry, pairedItem: { item: itemIndex } })));
			continue;
		}
		const nodeError = toNodeError(this.getNode(), outcome.error, itemIndex);
		if (!this.continueOnFail()) throw nodeError;
		results.push({ json: errorJson(nodeError), pairedItem: { item: itemIndex } });
	}
	return [results];
}
