import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { WriteRequest } from '../../helpers/applyIntents';
import { groupLocator } from '../../helpers/descriptions';
import { skuRefs, writeRequest } from '../../helpers/params';

const planList = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getServicePlans', loadOptionsDependsOn: ['sku'] },
	default: [],
	description: `${description} An expression may give plan IDs, plan names or friendly names. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
});

const properties: INodeProperties[] = [
	groupLocator,
	{
		displayName: 'SKU Name or ID',
		name: 'sku',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSkus' },
		default: '',
		required: true,
		description: 'The product assigned to the group whose plans change. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	planList('disablePlans', 'Plans to Disable Names or IDs', 'Service plans to turn off; plans already off stay off.'),
	planList('enablePlans', 'Plans to Enable Names or IDs', 'Service plans to turn back on.'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['updateServicePlans'] } },
	properties,
);

export function request(this: IExecuteFunctions, itemIndex: number): WriteRequest {
	return writeRequest(this, 'group', itemIndex, {
		action: 'updatePlans',
		sku: String(this.getNodeParameter('sku', itemIndex, '')),
		disable: skuRefs(this, 'disablePlans', itemIndex),
		enable: skuRefs(this, 'enablePlans', itemIndex),
	});
}
