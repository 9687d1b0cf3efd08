import type { ResolvedSku } from '@entra-licensing/licensing';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	authenticationField,
	groupLocator,
	nodeCredentials,
	skuOption,
} from '../MicrosoftEntraLicensing/shared/descriptions';
import { groupLicensesJson } from '../MicrosoftEntraLicensing/shared/format';
import { listSearch, loadOptions } from '../MicrosoftEntraLicensing/shared/methods';
import { licensingFor } from '../MicrosoftEntraLicensing/shared/transport';

type TriggerEvent =
	| 'memberErrors'
	| 'anyGroupMemberErrors'
	| 'lowSeats'
	| 'anySkuLowSeats'
	| 'groupLicensesChanged';

/** The events in words, for the canvas subtitle. */
const EVENT_NAMES: Record<TriggerEvent, string> = {
	memberErrors: 'License errors in a group',
	anyGroupMemberErrors: 'License errors in any group',
	lowSeats: 'Low free seats of a SKU',
	anySkuLowSeats: 'Low free seats of any SKU',
	groupLicensesChanged: 'Group licenses changed',
};

/** What one poll found: the items to emit (when it fires) and the state to remember for the next poll. */
interface PollResult {
	fingerprint: string;
	items: IDataObject[];
	fire: boolean;
}

function groupRef(context: IPollFunctions): string {
	return String(context.getNodeParameter('group', '', { extractValue: true }) ?? '');
}

function skuSeatsJson(sku: ResolvedSku, threshold: number): IDataObject {
	return {
		skuId: sku.skuId,
		skuPartNumber: sku.skuPartNumber,
		name: sku.displayName,
		threshold,
		...(sku.seats as unknown as IDataObject),
	};
}

function previousList(value: unknown): Set<string> {
	return new Set(
		typeof value === 'string' && value.startsWith('[') ? (JSON.parse(value) as string[]) : [],
	);
}

async function memberErrors(context: IPollFunctions, previous: unknown): Promise<PollResult> {
	const { service } = await licensingFor(context);
	const group = await service.resolveTarget('group', groupRef(context), 'Group');
	const members = await service.membersWithLicenseErrors(group.id);
	const fingerprint = JSON.stringify(
		members.map((m) => [m.userId, m.errors.map((e) => [e.skuId, e.error])]),
	);
	return {
		fingerprint,
		items: [{ groupId: group.id, membersWithErrors: members as unknown as IDataObject[] }],
		fire: members.length > 0 && previous !== fingerprint,
	};
}

/** Every group of the tenant whose members have license errors (Graph's `hasMembersWithLicenseErrors`). */
async function groupsWithErrors(
	context: IPollFunctions,
): Promise<Array<{ id: string; displayName: string | null }>> {
	const { client } = await licensingFor(context);
	const groups: Array<{ id: string; displayName: string | null }> = [];
	let page = await client.groups.get({
		queryParameters: {
			filter: 'hasMembersWithLicenseErrors eq true',
			select: ['id', 'displayName'],
			top: 100,
		},
	});
	for (;;) {
		for (const g of page?.value ?? [])
			groups.push({ id: String(g.id), displayName: g.displayName ?? null });
		const next = page?.odataNextLink;
		if (!next) break;
		page = await client.groups.withUrl(next).get();
	}
	return groups;
}

/** One event per group that newly has members with license errors, with the decoded errors. */
async function anyGroupMemberErrors(
	context: IPollFunctions,
	previous: unknown,
	manual: boolean,
): Promise<PollResult> {
	const { service } = await licensingFor(context);
	const groups = await groupsWithErrors(context);
	const before = previousList(previous);
	const fresh = manual ? groups : groups.filter((g) => !before.has(g.id));
	const items: IDataObject[] = [];
	for (const group of fresh) {
		const members = await service.membersWithLicenseErrors(group.id);
		items.push({
			groupId: group.id,
			displayName: group.displayName,
			membersWithErrorsCount: members.length,
			membersWithErrors: members as unknown as IDataObject[],
		});
	}
	return {
		fingerprint: JSON.stringify(groups.map((g) => g.id).sort()),
		items,
		fire: items.length > 0,
	};
}

async function lowSeats(context: IPollFunctions, previous: unknown): Promise<PollResult> {
	const { service } = await licensingFor(context);
	const ref = String(context.getNodeParameter('sku', ''));
	const sku = await service.getSku(ref);
	if (!sku.seats) {
		throw new NodeOperationError(
			context.getNode(),
			`SKU "${ref}" is not subscribed in this tenant (SKU field)`,
		);
	}
	const threshold = context.getNodeParameter('threshold', 5) as number;
	const below = sku.seats.available < threshold;
	// Fires when the seats fall below the threshold, and again only after they recovered in between.
	return {
		fingerprint: String(below),
		items: [skuSeatsJson(sku, threshold)],
		fire: below && previous !== String(below),
	};
}

/** One event per subscribed SKU whose free seats newly fall below the threshold (tenant-wide products left out). */
async function anySkuLowSeats(
	context: IPollFunctions,
	previous: unknown,
	manual: boolean,
): Promise<PollResult> {
	const { service } = await licensingFor(context);
	const threshold = context.getNodeParameter('threshold', 5) as number;
	const below = (await service.listSkus({ refresh: true })).filter(
		(sku) => sku.seats && sku.appliesTo !== 'Company' && sku.seats.available < threshold,
	);
	const before = previousList(previous);
	const fresh = manual ? below : below.filter((sku) => !before.has(sku.skuId));
	return {
		fingerprint: JSON.stringify(below.map((sku) => sku.skuId).sort()),
		items: fresh.map((sku) => skuSeatsJson(sku, threshold)),
		fire: fresh.length > 0,
	};
}

async function groupLicensesChanged(
	context: IPollFunctions,
	previous: unknown,
): Promise<PollResult> {
	const { service } = await licensingFor(context);
	const group = await service.resolveTarget('group', groupRef(context), 'Group');
	const licenses = await service.getGroupLicenses(group.id);
	const fingerprint = JSON.stringify(
		licenses.licenses.map((l) => [l.skuId, l.disabledPlans.map((p) => p.servicePlanId)]),
	);
	// The first look only records the licenses.
	return {
		fingerprint,
		items: [groupLicensesJson(licenses)],
		fire: previous !== undefined && previous !== fingerprint,
	};
}

export class MicrosoftEntraLicensingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Entra Licensing Trigger',
		name: 'microsoftEntraLicensingTrigger',
		icon: {
			light: 'file:../../icons/entraLicensing.svg',
			dark: 'file:../../icons/entraLicensing.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: `={{ ${JSON.stringify(EVENT_NAMES)}[$parameter["event"]] }}`,
		// n8n's node panel shows one entry for this trigger and the action node, with the trigger's description: it says
		// what both do, the action node's part first (editor-ui useActionsGeneration: `app.description = trigger.description`).
		description:
			'Assign, swap and remove Microsoft 365 licenses of Entra groups and users by product name, and start a workflow when licensing needs attention',
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
				// Each event's `action` is its name in the node panel (n8n would otherwise write "On " + the name).
				options: [
					{
						name: 'Group Licenses Changed',
						value: 'groupLicensesChanged',
						action: 'On a change of a group’s licenses',
						description: "Fires when a group's products or disabled plans change",
					},
					{
						name: 'License Errors in a Group',
						value: 'memberErrors',
						action: 'On license errors in a group',
						description:
							'Fires when members of one group with license errors appear or change, with the decoded errors',
					},
					{
						name: 'License Errors in Any Group',
						value: 'anyGroupMemberErrors',
						action: 'On license errors in any group',
						description:
							'Fires once for each group of the tenant that newly has members with license errors, with the decoded errors',
					},
					{
						name: 'Low Free Seats of a SKU',
						value: 'lowSeats',
						action: 'On low free seats of a SKU',
						description: "Fires when one product's free seats fall below the threshold",
					},
					{
						name: 'Low Free Seats of Any SKU',
						value: 'anySkuLowSeats',
						action: 'On low free seats of any SKU',
						description:
							'Fires once for each subscribed product whose free seats newly fall below the threshold',
					},
				],
				default: 'memberErrors',
			},
			{
				...groupLocator('The group to watch.'),
				displayOptions: { show: { event: ['memberErrors', 'groupLicensesChanged'] } },
			},
			{
				...skuOption('The product whose free seats to watch.'),
				displayOptions: { show: { event: ['lowSeats'] } },
			},
			{
				displayName: 'Threshold',
				name: 'threshold',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 5,
				description: 'Fire when fewer free seats than this remain',
				displayOptions: { show: { event: ['lowSeats', 'anySkuLowSeats'] } },
			},
		],
	};

	methods = { loadOptions, listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as TriggerEvent;
		const state = this.getWorkflowStaticData('node');
		const manual = this.getMode() === 'manual';
		const previous = state.lastFingerprint;
		let result: PollResult;
		if (event === 'anyGroupMemberErrors')
			result = await anyGroupMemberErrors(this, previous, manual);
		else if (event === 'anySkuLowSeats') result = await anySkuLowSeats(this, previous, manual);
		else if (event === 'lowSeats') result = await lowSeats(this, previous);
		else if (event === 'memberErrors') result = await memberErrors(this, previous);
		else result = await groupLicensesChanged(this, previous);
		state.lastFingerprint = result.fingerprint;
		if ((!result.fire && !manual) || result.items.length === 0) return null;
		return [this.helpers.returnJsonArray(result.items)];
	}
}
