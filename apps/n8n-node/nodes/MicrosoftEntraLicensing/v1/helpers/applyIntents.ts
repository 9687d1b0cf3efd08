import type { IDataObject } from 'n8n-workflow';
import type { BulkItem, BulkItemResult, LicenseIntent, PrepareOptions } from '@entra-licensing/licensing';
import { LicensingError, resolveIntent } from '@entra-licensing/licensing';

import { licensingFor, type GraphCallContext } from '../transport';
import { GraphRefusal } from './errors';
import { resolveTarget, type TargetKind } from './tenant';

/** What one input item asks for. */
export interface WriteRequest {
	itemIndex: number;
	kind: TargetKind;
	targetRef: string;
	targetField: string;
	intent: LicenseIntent;
	dryRun: boolean;
	/** Usage location to set, removal cap, strict seats: applied to the bulk call this item goes in. */
	options?: PrepareOptions;
}

export type ItemOutcome = { ok: true; json: IDataObject } | { ok: false; error: unknown };

interface Checked extends WriteRequest {
	item: BulkItem;
}

function resultJson(result: BulkItemResult, request: Checked): IDataObject {
	return {
		status: result.status,
		applied: result.status === 'applied',
		dryRun: request.dryRun,
		...(result.reason ? { reason: result.reason } : {}),
		...((result.plan ?? {}) as unknown as IDataObject),
		target: { type: result.target.kind, id: result.target.id },
		warnings: result.warnings as unknown as IDataObject[],
		...(result.mergedWith.length > 0 ? { mergedWithItems: result.mergedWith } : {}),
	};
}

function bulkFailure(result: BulkItemResult): Error {
	const error = result.error;
	if (error?.status) return new GraphRefusal(error.status, error.code, error.message);
	return new LicensingError({
		code: (error?.code as LicensingError['code']) ?? 'GRAPH_ERROR',
		field: error?.field ?? 'target',
		value: error?.value ?? result.target.id,
		message: error?.message ?? result.reason ?? 'the change failed',
		suggestions: error?.suggestions ?? [],
	});
}

/**
 * Checks every item first (targets resolved, SKU and plan names resolved against the tenant) so that nothing is
 * sent while an input is still wrong, then hands all items to the licensing package's bulk path, which merges
 * the items of one target into one `assignLicense` call and returns one result per item.
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
	const { service } = await licensingFor(context);
	const skus = await service.listSkus();
	const checked: Checked[] = [];
	for (const request of valid) {
		try {
			resolveIntent(request.intent, skus);
			const target = await resolveTarget(context, request.kind, request.targetRef, request.targetField);
			checked.push({ ...request, item: { target, intent: request.intent } });
		} catch (error) {
			outcomes.set(request.itemIndex, { ok: false, error });
		}
	}
	// Without Continue On Fail, one bad item stops the node before anything is sent.
	if (options.stopOnError && outcomes.size > 0) return outcomes;
	// One bulk call per combination of Dry Run and options (usually one for the whole input).
	const runs = new Map<string, Checked[]>();
	for (const c of checked) {
		const key = JSON.stringify([c.dryRun, c.options ?? {}]);
		runs.set(key, [...(runs.get(key) ?? []), c]);
	}
	for (const batch of runs.values()) {
		const first = batch[0] as Checked;
		const run = await service.applyBulk(
			batch.map((c) => c.item),
			{ ...(first.options ?? {}), dryRun: first.dryRun },
		);
		run.results.forEach((result, i) => {
			const request = batch[i] as Checked;
			const mapped = { ...result, mergedWith: result.mergedWith.map((j) => (batch[j] as Checked).itemIndex) };
			outcomes.set(
				request.itemIndex,
				result.status === 'failed' ? { ok: false, error: bulkFailure(result) } : { ok: true, json: resultJson(mapped, request) },
			);
		});
	}
	return outcomes;
}
