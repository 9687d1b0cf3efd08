import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { seatsOf } from '@entra-licensing/licensing';

import { groupLocator } from '../MicrosoftEntraLicensing/v1/helpers/descriptions';
import { groupLicensesJson, membersWithErrors } from '../MicrosoftEntraLicensing/v1/helpers/groupState';
import { findTarget, tenantSkus } from '../MicrosoftEntraLicensing/v1/helpers/tenant';
import { listSearch, loadOptions } from '../MicrosoftEntraLicensing/v1/methods';

type TriggerEvent = 'memberErrors' | 'lowSeats' | 'groupLicensesChanged';

function groupRef(context: IPollFunctions): string {
	return String(context.getNodeParameter('group', '', { extractValue: true }) ?? '');
}

export class MicrosoftEntraLicensingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Entra Licensing Trigger',
		name: 'microsoftEntraLicensingTrigger',
		icon: { light: 'file:../../icons/entraLicensing.svg', dark: 'file:../../icons/entraLicensing.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when group licensing needs attention',
		defaults: { name: 'Microsoft Entra Licensing Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'microsoftEntraLicensingApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Group Has Members With License Errors',
						value: 'memberErrors',
						description: 'Fires when members with license errors appear or change, with the decoded errors',
					},
					{
						name: 'Free Seats Below Threshold',
						value: 'lowSeats',
						description: "Fires when a product's free seats fall below the threshold",
					},
					{
						name: 'Group Licenses Changed',
						value: 'groupLicensesChanged',
						description: "Fires when a group's products or disabled plans change",
					},
				],
				default: 'memberErrors',
			},
			{ ...groupLocator, displayOptions: { show: { event: ['memberErrors', 'groupLicensesChanged'] } } },
			{
				displayName: 'SKU Name or ID',
				name: 'sku',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getSkus' },
				default: '',
				description: 'The product to watch. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { event: ['lowSeats'] } },
			},
			{
				displayName: 'Threshold',
				name: 'threshold',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 5,
				description: 'Fire when fewer free seats than this remain',
				displayOptions: { show: { event: ['lowSeats'] } },
			},
		],
	};

	methods = { loadOptions, listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as TriggerEvent;
		const state = this.getWorkflowStaticData('node');
		const manual = this.getMode() === 'manual';
		let fingerprint: string;
		let output: IDataObject;
		let fire: boolean;
		if (event === 'lowSeats') {
			const skus = await tenantSkus(this);
			const ref = String(this.getNodeParameter('sku', '')).toLowerCase();
			const sku = skus.find((s) => s.skuId?.toLowerCase() === ref || s.skuPartNumber?.toLowerCase() === ref);
			if (!sku) {
				throw new NodeOperationError(this.getNode(), `SKU "${ref}" is not subscribed in this tenant (SKU field)`);
			}
			const seats = seatsOf(sku);
			const threshold = this.getNodeParameter('threshold', 5) as number;
			const below = seats.available < threshold;
			fingerprint = String(below);
			output = { skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, threshold, ...(seats as unknown as IDataObject) };
			// Fire once when crossing below the threshold, again only after it recovered.
			fire = below && state.lastFingerprint !== fingerprint;
		} else {
			const group = await findTarget(this, 'group', groupRef(this), 'Group');
			const skus = await tenantSkus(this);
			if (event === 'memberErrors') {
				const members = await membersWithErrors(this, group, skus);
				fingerprint = JSON.stringify(members.map((m) => [m.id, m.errors]));
				output = { group: { id: group.id, displayName: group.displayName }, membersWithErrors: members };
				fire = members.length > 0 && state.lastFingerprint !== fingerprint;
			} else {
				const licenses = groupLicensesJson(group, skus);
				fingerprint = JSON.stringify(licenses.licenses);
				output = licenses;
				fire = state.lastFingerprint !== undefined && state.lastFingerprint !== fingerprint;
			}
		}
		state.lastFingerprint = fingerprint;
		if (!fire && !manual) return null;
		return [this.helpers.returnJsonArray([output])];
	}
}
