import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { groupLocator, skuOption } from '../../../shared/descriptions';
import { dryRunField, writeOptionsCollection } from '../../helpers/fields';
import { skuRefs, writeRequest } from '../../helpers/params';
import { writeOperation } from '../../helpers/writeOperation';

const planList = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getServicePlans', loadOptionsDependsOn: ['sku'] },
	default: [],
	description: `${description} An expression may give plan IDs, plan names or friendly names. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
});

const properties: INodeProperties[] = [
	groupLocator('The group whose service plans change.'),
	skuOption('The product assigned to the group whose plans change.'),
	planList(
		'disablePlans',
		'Plans to Disable Names or IDs',
		'Service plans to turn off; plans already off stay off.',
	),
	planList('enablePlans', 'Plans to Enable Names or IDs', 'Service plans to turn back on.'),
	dryRunField,
	writeOptionsCollection('allowDataLoss'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['updateServicePlans'] } },
	properties,
);

export const execute = writeOperation(function (this: IExecuteFunctions, itemIndex: number) {
	return writeRequest(this, 'group', itemIndex, {
		action: 'updatePlans',
		sku: String(this.getNodeParameter('sku', itemIndex, '')),
		disable: skuRefs(this, 'disablePlans', itemIndex),
		enable: skuRefs(this, 'enablePlans', itemIndex),
	});
});
