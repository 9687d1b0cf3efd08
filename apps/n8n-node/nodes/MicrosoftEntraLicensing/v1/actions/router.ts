import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { applyIntents, type WriteRequest } from '../helpers/applyIntents';
import { errorJson, toNodeError } from '../helpers/errors';
import * as group from './group';
import * as sku from './sku';
import * as user from './user';

type RequestBuilder = (this: IExecuteFunctions, itemIndex: number) => WriteRequest;
type ItemReader = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/** License changes: every item is read and checked first, then the items are merged per target. */
const WRITES: Record<string, Record<string, RequestBuilder>> = {
	group: {
		assignLicense: group.assignLicense.request,
		removeLicense: group.removeLicense.request,
		setLicenses: group.setLicenses.request,
		updateServicePlans: group.updateServicePlans.request,
	},
	user: { assignLicense: user.assignLicense.request, removeLicense: user.removeLicense.request },
};

/** Reads and per-item actions, run item by item. */
const READS: Record<string, Record<string, ItemReader>> = {
	group: { getLicenses: group.getLicenses.execute, waitForProcessing: group.waitForProcessing.execute },
	user: { getLicenseDetails: user.getLicenseDetails.execute, reprocess: user.reprocess.execute },
	sku: { get: sku.get.execute, getAll: sku.getAll.execute },
};

function outputFor(json: IDataObject | IDataObject[], itemIndex: number): INodeExecutionData[] {
	return (Array.isArray(json) ? json : [json]).map((entry) => ({ json: entry, pairedItem: { item: itemIndex } }));
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const write = WRITES[resource]?.[operation];
	const read = READS[resource]?.[operation];
	if (!write && !read) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const results: INodeExecutionData[] = [];
	const skusLabel = operation === 'removeLicense' ? 'SKUs to Remove' : 'Licenses to Assign';
	const targetLabel = resource === 'user' ? 'User' : 'Group';
	const fail = (error: unknown, itemIndex: number) => {
		const nodeError = toNodeError(this.getNode(), error, itemIndex, skusLabel, targetLabel);
		if (!this.continueOnFail()) throw nodeError;
		results.push({ json: errorJson(nodeError), pairedItem: { item: itemIndex } });
	};

	if (write) {
		const requests = items.map((_, itemIndex) => {
			try {
				return write.call(this, itemIndex);
			} catch (error) {
				return { itemIndex, error };
			}
		});
		const outcomes = await applyIntents(this, requests, { stopOnError: !this.continueOnFail() });
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const outcome = outcomes.get(itemIndex);
			if (outcome?.ok) results.push(...outputFor(outcome.json, itemIndex));
			else if (outcome) fail(outcome.error, itemIndex);
		}
		return [results];
	}

	const reader = read as ItemReader;
	const runs = resource === 'sku' && operation === 'getAll' ? 1 : items.length;
	for (let itemIndex = 0; itemIndex < runs; itemIndex++) {
		try {
			results.push(...outputFor(await reader.call(this, itemIndex), itemIndex));
		} catch (error) {
			fail(error, itemIndex);
		}
	}
	return [results];
}
