import type { IDataObject } from 'n8n-workflow';
import {
	type LicenseChangeSet,
	type LicenseIntent,
	LicensingError,
	mergeChangeSets,
	planChangeSet,
	planToJson,
	resolveIntent,
	type SubscribedSkuLike,
	validatePlan,
} from '@entra-licensing/licensing';

import { graphRequest } from '../transport/graph';
import type { GraphCallContext } from '../transport/n8nFetch';
import { directLicenses, findTarget, grantingGroups, type Target, type TargetKind, tenantSkus } from './tenant';

/** What one input item asks for. */
export interface WriteRequest {
	itemIndex: number;
	kind: TargetKind;
	targetRef: string;
	targetField: string;
	intent: LicenseIntent;
	dryRun: boolean;
}

export type ItemOutcome = { ok: true; json: IDataObject } | { ok: false; error: unknown };

interface Resolved extends WriteRequest {
	changeSet: LicenseChangeSet;
}

/** For a user, removal of a SKU held only through groups is skipped with the granting groups named. */
function skipInherited(target: Target, changeSet: LicenseChangeSet) {
	const direct = new Set(directLicenses(target).map((l) => String(l.skuId).toLowerCase()));
	const skipped: IDataObject[] = [];
	const skus = changeSet.skus.filter((request) => {
		if (target.kind !== 'user' || request.present || direct.has(request.skuId)) return true;
		const groups = grantingGroups(target, request.skuId);
		if (groups.length === 0) return true;
		skipped.push({
			skuId: request.skuId,
			field: request.field,
			reason: `Inherited from group ${groups.join(', ')}: remove the user from that group or remove the license from the group.`,
			assignedByGroups: groups,
		});
		return false;
	});
	return { changeSet: { ...changeSet, skus }, skipped };
}

interface PlannedTarget {
	requests: Resolved[];
	target: Target;
	body: { addLicenses: unknown[]; removeLicenses: string[] } | null;
	json: IDataObject;
}

/** Reads the target and plans its one call; nothing is sent here. */
async function planTarget(context: GraphCallContext, skus: SubscribedSkuLike[], requests: Resolved[]): Promise<PlannedTarget> {
	const first = requests[0] as Resolved;
	const target = await findTarget(context, first.kind, first.targetRef, first.targetField);
	const merged = mergeChangeSets(requests.map((r) => r.changeSet));
	const { changeSet, skipped } = skipInherited(target, merged);
	const plan = planChangeSet(directLicenses(target), changeSet);
	const validation = validatePlan(plan, { kind: target.kind, tenantSkus: skus }, changeSet);
	if (validation.errors.length > 0) throw validation.errors[0];
	const json = planToJson({ ...plan, warnings: validation.warnings }, { tenantSkus: skus });
	return {
		requests,
		target,
		body: plan.body,
		json: {
			target: { type: target.kind, id: target.id, displayName: target.displayName },
			dryRun: first.dryRun,
			...(json as unknown as IDataObject),
			...(skipped.length > 0 ? { skipped } : {}),
			...(requests.length > 1 ? { mergedItems: requests.map((r) => r.itemIndex) } : {}),
		},
	};
}

async function sendPlan(context: GraphCallContext, planned: PlannedTarget): Promise<IDataObject> {
	const { target, body, json } = planned;
	if (!body || json.dryRun) return { status: json.dryRun ? 'planned' : 'unchanged', applied: false, ...json };
	await graphRequest(context, 'POST', `/${target.kind}s/${encodeURIComponent(target.id)}/assignLicense`, {
		body: { addLicenses: body.addLicenses, removeLicenses: body.removeLicenses } as unknown as IDataObject,
	});
	return { status: 'applied', applied: true, ...json };
}

function failGroup(outcomes: Map<number, ItemOutcome>, requests: Resolved[], error: unknown) {
	const failure =
		error instanceof LicensingError && requests.length > 1
			? error.withFieldPrefix(`items ${requests.map((r) => r.itemIndex).join(', ')}`)
			: error;
	for (const request of requests) outcomes.set(request.itemIndex, { ok: false, error: failure });
}

/**
 * Resolves every item's intent first (nothing is sent while any input is still unchecked), then merges the items
 * of each target into one `assignLicense` call, one target at a time. Each item gets its own outcome.
 */
export async function applyIntents(
	context: GraphCallContext,
	requests: Array<WriteRequest | { itemIndex: number; error: unknown }>,
	options: { stopOnError: boolean },
): Promise<Map<number, ItemOutcome>> {
	const outcomes = new Map<number, ItemOutcome>();
	const valid = requests.filter((r): r is WriteRequest => !('error' in r));
	for (const r of requests) if ('error' in r) outcomes.set(r.itemIndex, { ok: false, error: r.error });
	if (valid.length === 0) return outcomes;
	const skus = await tenantSkus(context);
	const groups = new Map<string, Resolved[]>();
	for (const request of valid) {
		try {
			const changeSet = resolveIntent(request.intent, skus);
			const key = `${request.kind}|${request.targetRef.trim().toLowerCase()}|${request.dryRun}`;
			groups.set(key, [...(groups.get(key) ?? []), { ...request, changeSet }]);
		} catch (error) {
			outcomes.set(request.itemIndex, { ok: false, error });
		}
	}
	const planned: PlannedTarget[] = [];
	for (const group of groups.values()) {
		try {
			planned.push(await planTarget(context, skus, group));
		} catch (error) {
			failGroup(outcomes, group, error);
		}
	}
	// Without Continue On Fail, one bad item stops the node before anything is sent.
	if (options.stopOnError && outcomes.size > 0) return outcomes;
	for (const target of planned) {
		try {
			const json = await sendPlan(context, target);
			for (const request of target.requests) outcomes.set(request.itemIndex, { ok: true, json });
		} catch (error) {
			failGroup(outcomes, target.requests, error);
			if (options.stopOnError) return outcomes;
		}
	}
	return outcomes;
}
