import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { listSearch, loadOptions } from '../shared/methods';
import { versionDescription } from './actions/node.description';
import { router } from './actions/router';

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
