import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { authenticationField, groupLocator, nodeCredentials } from '../MicrosoftEntraLicensing/v1/helpers/descriptions';
import { resolveTarget } from '../MicrosoftEntraLicensing/v1/helpers/tenant';
import { licensingFor } from '../MicrosoftEntraLicensing/v1/transport';
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
		credentials: nodeCredentials,
		properties: [
			authenticationField,
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
		const { service } = await licensingFor(this);
		let fingerprint: string;
		let output: IDataObject;
		let fire: boolean;
		if (event === 'lowSeats') {
			const ref = String(this.getNodeParameter('sku', ''));
			const sku = await service.getSku(ref);
			if (!sku.seats) {
				throw new NodeOperationError(this.getNode(), `SKU "${ref}" is not subscribed in this tenant (SKU field)`);
			}
			const threshold = this.getNodeParameter('threshold', 5) as number;
			const below = sku.seats.available < threshold;
			fingerprint = String(below);
			output = {
				skuId: sku.skuId,
				skuPartNumber: sku.skuPartNumber,
				name: sku.displayName,
				threshold,
				...(sku.seats as unknown as IDataObject),
			};
			// Fires when the seats fall below the threshold, and again only after they recovered in between.
			fire = below && state.lastFingerprint !== fingerprint;
		} else {
			const group = await resolveTarget(this, 'group', groupRef(this), 'Group');
			if (event === 'memberErrors') {
				const members = await service.membersWithLicenseErrors(group.id);
				fingerprint = JSON.stringify(members.map((m) => [m.userId, m.errors.map((e) => [e.skuId, e.error])]));
				output = { groupId: group.id, membersWithErrors: members as unknown as IDataObject[] };
				fire = members.length > 0 && state.lastFingerprint !== fingerprint;
			} else {
				const licenses = await service.getGroupLicenses(group.id);
				fingerprint = JSON.stringify(licenses.licenses.map((l) => [l.skuId, l.disabledPlans.map((p) => p.servicePlanId)]));
				output = licenses as unknown as IDataObject;
				fire = state.lastFingerprint !== undefined && state.lastFingerprint !== fingerprint;
			}
		}
		state.lastFingerprint = fingerprint;
		if (!fire && !manual) return null;
		return [this.helpers.returnJsonArray([output])];
	}
}
