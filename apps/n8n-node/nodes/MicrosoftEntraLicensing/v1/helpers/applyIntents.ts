import type {
	BulkItem,
	BulkItemResult,
	LicenseIntent,
	LicenseTarget,
	PlanWarning,
	PrepareOptions,
} from '@entra-licensing/licensing';
import { LicensingError, resolveIntent } from '@entra-licensing/licensing';
import type { IDataObject, IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';

import { withSeparators } from '../../shared/format';
import { groupDisplayName, resolveTarget, type TargetKind } from '../../shared/tenant';
import { type GraphCallContext, licensingFor } from '../../shared/transport';
import type { ItemOutcome, OperationExecute } from '../actions/node.type';
import { type FieldLabels, fieldLabel, GraphRefusal, labelledMessage } from './errors';

/** Group names looked up at once while the items are checked. */
const TARGET_LOOKUPS_AT_ONCE = 8;

/** `fn` over `values`, at most `width` at a time, every outcome kept in input order. */
async function settleWithLimit<T, R>(
	values: readonly T[],
	width: number,
	fn: (value: T) => Promise<R>,
): Promise<Array<PromiseSettledResult<R>>> {
	const settled: Array<PromiseSettledResult<R>> = new Array(values.length);
	let next = 0;
	const worker = async () => {
		while (next < values.length) {
			const i = next++;
			try {
				settled[i] = { status: 'fulfilled', value: await fn(values[i] as T) };
			} catch (reason) {
				settled[i] = { status: 'rejected', reason };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(width, values.length) }, worker));
	return settled;
}

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
export function warningInWords(
	warning: PlanWarning,
	labels: FieldLabels,
): { code: string; field: string; message: string } {
	return {
		code: warning.code,
		field: fieldLabel(warning.field, labels),
		message: withSeparators(labelledMessage(warning.message, warning.field, labels)),
	};
}

function resultJson(
	result: BulkItemResult,
	request: Checked,
	labels: FieldLabels,
	displayName: string | null,
): IDataObject {
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
	if (error?.status)
		return new GraphRefusal(error.status, error.graphCode ?? error.code, error.message);
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
	for (const r of requests)
		if ('error' in r) outcomes.set(r.itemIndex, { ok: false, error: r.error });
	const hints = new Map<string, NodeExecutionHint>();
	if (valid.length === 0) return { outcomes, hints: [] };
	const { service } = await licensingFor(context);
	const skus = await service.listSkus();
	// Targets given by name are looked up once per name, a few at a time (IDs need no request).
	const lookups = new Map<string, Promise<LicenseTarget>>();
	const lookUp = (request: WriteRequest) => {
		const key = JSON.stringify([request.kind, request.targetRef.trim(), request.targetField]);
		let lookup = lookups.get(key);
		if (!lookup) {
			lookup = resolveTarget(context, request.kind, request.targetRef, request.targetField);
			lookups.set(key, lookup);
		}
		return lookup;
	};
	const settled = await settleWithLimit(valid, TARGET_LOOKUPS_AT_ONCE, async (request) => {
		resolveIntent(request.intent, skus);
		return await lookUp(request);
	});
	const checked: Checked[] = [];
	for (const [i, request] of valid.entries()) {
		const result = settled[i] as PromiseSettledResult<LicenseTarget>;
		if (result.status === 'fulfilled')
			checked.push({ ...request, item: { target: result.value, intent: request.intent } });
		else outcomes.set(request.itemIndex, { ok: false, error: result.reason });
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
			const mapped = {
				...result,
				mergedWith: result.mergedWith.map((j) => (batch[j] as Checked).itemIndex),
			};
			// The run read the group already; a separate read only when it did not (not planned).
			const displayName =
				result.target.kind !== 'group'
					? null
					: result.displayName !== undefined
						? result.displayName
						: await nameOf(result.target.id);
			outcomes.set(request.itemIndex, {
				ok: true,
				json: resultJson(mapped, request, options.labels, displayName),
			});
			for (const warning of result.warnings) {
				const { message } = warningInWords(warning, options.labels);
				const target = displayName
					? `Group "${displayName}"`
					: `${options.labels.target} ${result.target.id}`;
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
		const { outcomes, hints } = await applyIntents(this, requests, {
			stopOnError: !this.continueOnFail(),
			labels,
		});
		if (hints.length > 0) this.addExecutionHints(...hints);
		return outcomes;
	};
}
