import {
	type CompanySubscriptionLike,
	type ResolvedSku,
	readReportExtras,
} from '@entra-licensing/licensing';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, sleep } from 'n8n-workflow';

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
	| 'groupLicensesChanged'
	| 'newServicePlan'
	| 'subscriptionChanged';

/** The events in words, for the canvas subtitle. */
const EVENT_NAMES: Record<TriggerEvent, string> = {
	memberErrors: 'License errors in a group',
	anyGroupMemberErrors: 'License errors in any group',
	lowSeats: 'Low free seats of a SKU',
	anySkuLowSeats: 'Low free seats of any SKU',
	groupLicensesChanged: 'Group licenses changed',
	newServicePlan: 'New service plan in a SKU',
	subscriptionChanged: 'Subscription expiring or changed state',
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

function previousRecord(value: unknown): Record<string, string> | undefined {
	return typeof value === 'string' && value.startsWith('{')
		? (JSON.parse(value) as Record<string, string>)
		: undefined;
}

/**
 * One event per service plan newly seen in a subscribed SKU since the previous poll (Microsoft adds plans to products,
 * on by default for every holder). The first poll only records the plans.
 */
async function newServicePlan(context: IPollFunctions, previous: unknown): Promise<PollResult> {
	const { service } = await licensingFor(context);
	const skus = (await service.listSkus({ refresh: true })).filter((sku) => sku.seats);
	const before = previousRecord(previous);
	const now: Record<string, string> = {};
	const items: IDataObject[] = [];
	for (const sku of skus) {
		const planIds = sku.servicePlans.map((p) => p.servicePlanId).sort();
		now[sku.skuId] = JSON.stringify(planIds);
		const seen = before?.[sku.skuId];
		if (seen === undefined) continue;
		const known = new Set(JSON.parse(seen) as string[]);
		for (const plan of sku.servicePlans) {
			if (known.has(plan.servicePlanId)) continue;
			items.push({
				skuId: sku.skuId,
				skuPartNumber: sku.skuPartNumber,
				name: sku.displayName,
				servicePlanId: plan.servicePlanId,
				servicePlanName: plan.servicePlanName,
				friendlyName: plan.friendlyName,
			});
		}
	}
	return { fingerprint: JSON.stringify(now), items, fire: items.length > 0 };
}

/** A subscription of `GET /directory/subscriptions`, with its next lifecycle date as Graph wrote it. */
type SubscriptionRead = CompanySubscriptionLike & { nextLifecycleDateTime: string | null };

/** `GET /directory/subscriptions`, every page, through the library's read (its failure policy). */
async function readSubscriptions(context: IPollFunctions): Promise<SubscriptionRead[]> {
	const { client } = await licensingFor(context);
	const { subscriptions } = await readReportExtras({ client, sleep });
	return subscriptions.map((s) => {
		const next = s.nextLifecycleDateTime;
		return {
			...s,
			nextLifecycleDateTime:
				next instanceof Date ? next.toISOString() : typeof next === 'string' ? next : null,
		};
	});
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One event per subscription whose status changed since the previous poll, or whose next lifecycle date (expiry,
 * suspension, deletion) newly falls within the configured number of days. Each change fires once.
 */
async function subscriptionChanged(
	context: IPollFunctions,
	previous: unknown,
): Promise<PollResult> {
	const days = context.getNodeParameter('days', 30) as number;
	if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
		throw new NodeOperationError(
			context.getNode(),
			`Days must be a number of days, 0 or more (Days field: ${JSON.stringify(days)})`,
		);
	}
	const before = previousRecord(previous);
	const now: Record<string, string> = {};
	const items: IDataObject[] = [];
	const nowMs = Date.now();
	for (const s of await readSubscriptions(context)) {
		const key = s.id ?? `${s.skuId}`;
		const lifecycleMs = s.nextLifecycleDateTime ? Date.parse(s.nextLifecycleDateTime) : Number.NaN;
		const daysLeft = Number.isNaN(lifecycleMs) ? null : Math.floor((lifecycleMs - nowMs) / DAY_MS);
		const expiring = daysLeft !== null && daysLeft <= days;
		const state = `${s.status ?? ''}|${expiring ? s.nextLifecycleDateTime : ''}`;
		now[key] = state;
		const seen = before?.[key];
		const [previousStatus, previousExpiry] = (seen ?? '|').split('|');
		const statusChanged = seen !== undefined && previousStatus !== (s.status ?? '');
		const newlyExpiring = expiring && previousExpiry !== s.nextLifecycleDateTime;
		if (!statusChanged && !newlyExpiring) continue;
		items.push({
			...(s as unknown as IDataObject),
			previousStatus: seen === undefined ? null : previousStatus,
			statusChanged,
			expiring,
			daysLeft,
		});
	}
	return { fingerprint: JSON.stringify(now), items, fire: items.length > 0 };
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
					{
						name: 'New Service Plan in a SKU',
						value: 'newServicePlan',
						action: 'On a new service plan in a SKU',
						description:
							'Fires once for each service plan newly seen in a subscribed product (on by default for its holders)',
					},
					{
						name: 'Subscription Expiring or Changed State',
						value: 'subscriptionChanged',
						action: 'On a subscription expiring or changing state',
						description:
							'Fires once for each subscription whose status changed, or whose next lifecycle date falls within the days',
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
			{
				displayName: 'Days',
				name: 'days',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description:
					"Fire when a subscription's next lifecycle date (expiry, suspension, deletion) is this many days away or fewer",
				displayOptions: { show: { event: ['subscriptionChanged'] } },
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
		else if (event === 'newServicePlan') result = await newServicePlan(this, previous);
		else if (event === 'subscriptionChanged') result = await subscriptionChanged(this, previous);
		else result = await groupLicensesChanged(this, previous);
		state.lastFingerprint = result.fingerprint;
		if ((!result.fire && !manual) || result.items.length === 0) return null;
		return [this.helpers.returnJsonArray(result.items)];
	}
}
