import type { IDataObject, IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';
import type { BulkItem, BulkItemResult, LicenseIntent, PlanWarning, PrepareOptions } from '@entra-licensing/licensing';
import { LicensingError, resolveIntent } from '@entra-licensing/licensing';

import { withSeparators } from '../../shared/format';
import { groupDisplayName, resolveTarget, type TargetKind } from '../../shared/tenant';
import { licensingFor, type GraphCallContext } from '../../shared/transport';
import type { ItemOutcome, OperationExecute } from '../actions/node.type';
import { type FieldLabels, fieldLabel, GraphRefusal, labelledMessage } from './errors';

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

interface Checked extends WriteRequest {
	item: BulkItem;
}

/** A warning of the licensing package in the operation's field labels, with thousands separators in its numbers. */
export function warningInWords(warning: PlanWarning, labels: FieldLabels): { code: string; field: string; message: string } {
	return {
		code: warning.code,
		field: fieldLabel(warning.field, labels),
		message: withSeparators(labelledMessage(warning.message, warning.field, labels)),
	};
}

function resultJson(result: BulkItemResult, request: Checked, labels: FieldLabels, displayName: string | null): IDataObject {
	return {
		status: result.status,
		applied: result.status === 'applied',
		dryRun: request.dryRun,
		...(result.reason ? { reason: result.reason } : {}),
		...((result.plan ?? {}) as unknown as IDataObject),
		target: {
			type: result.target.kind,
			id: result.target.id,
			...(result.target.kind === 'group' ? { displayName } : {}),
		},
		warnings: result.warnings.map((w) => ({ skuId: w.skuId, ...warningInWords(w, labels) })),
		...(result.mergedWith.length > 0 ? { mergedWithItems: result.mergedWith } : {}),
	};
}

function bulkFailure(result: BulkItemResult): Error {
	const error = result.error;
	if (error?.status) return new GraphRefusal(error.status, error.graphCode ?? error.code, error.message);
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
	options: { stopOnError: boolean; labels: FieldLabels },
): Promise<{ outcomes: Map<number, ItemOutcome>; hints: NodeExecutionHint[] }> {
	const outcomes = new Map<number, ItemOutcome>();
	const valid = requests.filter((r): r is WriteRequest => !('error' in r));
	for (const r of requests) if ('error' in r) outcomes.set(r.itemIndex, { ok: false, error: r.error });
	const hints = new Map<string, NodeExecutionHint>();
	if (valid.length === 0) return { outcomes, hints: [] };
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
	if (options.stopOnError && outcomes.size > 0) return { outcomes, hints: [] };
	const names = new Map<string, Promise<string | null>>();
	const nameOf = (groupId: string) => {
		if (!names.has(groupId)) names.set(groupId, groupDisplayName(context, groupId));
		return names.get(groupId) as Promise<string | null>;
	};
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
		for (const [i, result] of run.results.entries()) {
			const request = batch[i] as Checked;
			if (result.status === 'failed') {
				outcomes.set(request.itemIndex, { ok: false, error: bulkFailure(result) });
				continue;
			}
			const mapped = { ...result, mergedWith: result.mergedWith.map((j) => (batch[j] as Checked).itemIndex) };
			const displayName = result.target.kind === 'group' ? await nameOf(result.target.id) : null;
			outcomes.set(request.itemIndex, { ok: true, json: resultJson(mapped, request, options.labels, displayName) });
			for (const warning of result.warnings) {
				const { message } = warningInWords(warning, options.labels);
				const target = displayName ? `Group "${displayName}"` : `${options.labels.target} ${result.target.id}`;
				const text = `${target}: ${message}`;
				hints.set(text, { message: text, type: 'warning', location: 'outputPane' });
			}
		}
	}
	return { outcomes, hints: [...hints.values()] };
}

/** The request one input item of a license-changing operation makes (read from the item's parameters). */
export type WriteBuilder = (this: IExecuteFunctions, itemIndex: number) => WriteRequest;

/**
 * A license-changing operation: every item's request is built and checked first, then the requests go through
 * the licensing package's bulk path; its warnings (seat shortfall, SKU not assigned, inherited license kept)
 * become execution hints, shown in the editor's output panel.
 */
export function writeOperation(labels: FieldLabels, build: WriteBuilder): OperationExecute {
	return async function (this: IExecuteFunctions, itemIndexes: number[]) {
		const requests = itemIndexes.map((itemIndex) => {
			try {
				return build.call(this, itemIndex);
			} catch (error) {
				return { itemIndex, error };
			}
		});
		const { outcomes, hints } = await applyIntents(this, requests, { stopOnError: !this.continueOnFail(), labels });
		if (hints.length > 0) this.addExecutionHints(...hints);
		return outcomes;
	};
}
