import type {
	BulkItem,
	BulkItemOptions,
	BulkItemResult,
	LicenseIntent,
	LicenseTarget,
	MemberImpact,
	ResolvedTarget,
} from '@entra-licensing/licensing';
import type { IDataObject, IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';

import { withSeparators } from '../../shared/format';
import { licensingFor } from '../../shared/transport';
import type { ItemOutcome, OperationExecute } from '../actions/node.type';
import { ItemFailure } from './errors';

/** What one input item asks for, read from its parameters. */
export interface WriteRequest {
	itemIndex: number;
	kind: LicenseTarget['kind'];
	/** The group or user as the item gives it: an ID, a group's display name, a user principal name. */
	ref: string;
	intent: LicenseIntent;
	/** The item's own options (Dry Run, Max Removals, Strict Seats, Usage Location). */
	options: BulkItemOptions;
}

/** The request one input item of a license-changing operation makes (read from the item's parameters). */
export type WriteBuilder = (this: IExecuteFunctions, itemIndex: number) => WriteRequest;

/** Group names looked up at once before the run. */
const LOOKUPS_AT_ONCE = 8;

/** Each distinct target once, through the service's `resolveTarget` (ids are checked locally, names looked up). */
async function resolveTargets(
	resolve: (kind: LicenseTarget['kind'], ref: string) => Promise<ResolvedTarget>,
	requests: readonly WriteRequest[],
): Promise<Map<string, ResolvedTarget | ItemFailure>> {
	const keyOf = (r: WriteRequest) => `${r.kind}\u0000${r.ref}`;
	const distinct = [...new Map(requests.map((r) => [keyOf(r), r])).values()];
	const found = new Map<string, ResolvedTarget | ItemFailure>();
	let next = 0;
	const worker = async () => {
		for (let r = distinct[next++]; r; r = distinct[next++]) {
			found.set(
				keyOf(r),
				await resolve(r.kind, r.ref).catch((error: unknown) => new ItemFailure(error, r.ref)),
			);
		}
	};
	await Promise.all(Array.from({ length: Math.min(LOOKUPS_AT_ONCE, distinct.length) }, worker));
	return new Map(requests.map((r) => [String(r.itemIndex), found.get(keyOf(r)) as never]));
}

function resultJson(
	result: BulkItemResult,
	dryRun: boolean,
	displayName: string | null,
	mergedWith: number[],
	impact: MemberImpact | undefined,
): IDataObject {
	return {
		status: result.status,
		applied: result.status === 'applied',
		dryRun,
		...(result.reason ? { reason: result.reason } : {}),
		...((result.plan ?? {}) as unknown as IDataObject),
		target: {
			type: result.target.kind,
			id: result.target.id,
			...(result.target.kind === 'group' ? { displayName } : {}),
		},
		warnings: result.warnings.map((w) => ({
			skuId: w.skuId,
			code: w.code,
			field: w.field,
			message: withSeparators(w.message),
		})),
		...(mergedWith.length > 0 ? { mergedWithItems: mergedWith } : {}),
		...(impact ? { impact: impact as unknown as IDataObject } : {}),
	};
}

type LicensingService = Awaited<ReturnType<typeof licensingFor>>['service'];

/**
 * The member-level impact of each dry-run item that changes something (`{ members, losing, gaining }`, the CLI's
 * `plan --json` shape), from the library's `impactOf` in one call; keyed by the item's position in the run.
 */
async function dryRunImpacts(
	service: LicensingService,
	results: readonly BulkItemResult[],
	dryRun: (i: number) => boolean,
): Promise<Map<number, MemberImpact>> {
	const wanted = results.flatMap((result, i) =>
		dryRun(i) && result.status !== 'failed' && result.plan?.hasChanges ? [{ i, result }] : [],
	);
	if (wanted.length === 0) return new Map();
	const impacts = await service.impactOf(
		wanted.map(({ result }) => ({
			target: result.target,
			plan: { changes: result.plan?.changes ?? [] },
		})),
	);
	return new Map(wanted.map(({ i }, k) => [i, (impacts[k] as (typeof impacts)[number]).impact]));
}

/**
 * A license-changing operation: every item's parameters are read, its target found (a group by name through the
 * service), and all items go to the licensing service's bulk path in ONE call, each with its own options. The
 * bulk merges the items of one target into one `assignLicense` call and returns one result per item; a failed
 * item carries its error as raised. Without Continue On Fail, an item refused before any request stops the run
 * before anything is sent (`stopOnInvalid`). Warnings (seat shortfall, SKU not assigned, inherited license kept)
 * become execution hints above the output.
 */
export function writeOperation(build: WriteBuilder): OperationExecute {
	return async function (this: IExecuteFunctions, itemIndexes: number[]) {
		const stopOnInvalid = !this.continueOnFail();
		const outcomes = new Map<number, ItemOutcome>();
		const requests: WriteRequest[] = [];
		for (const itemIndex of itemIndexes) {
			try {
				requests.push(build.call(this, itemIndex));
			} catch (error) {
				outcomes.set(itemIndex, { ok: false, error });
			}
		}
		if (requests.length === 0 || (stopOnInvalid && outcomes.size > 0)) return outcomes;
		const { service } = await licensingFor(this);
		const targets = await resolveTargets(
			(kind, ref) => service.resolveTarget(kind, ref, kind === 'group' ? 'Group' : 'User'),
			requests,
		);
		const items: Array<{ request: WriteRequest; target: ResolvedTarget }> = [];
		for (const request of requests) {
			const target = targets.get(String(request.itemIndex));
			if (target instanceof ItemFailure)
				outcomes.set(request.itemIndex, { ok: false, error: target });
			else if (target) items.push({ request, target });
		}
		if (items.length === 0 || (stopOnInvalid && outcomes.size > 0)) return outcomes;

		const run = await service.applyBulk(
			items.map(
				({ request, target }): BulkItem => ({
					target: { kind: target.kind, id: target.id },
					intent: request.intent,
					options: request.options,
				}),
			),
			{ stopOnInvalid },
		);
		const impacts = await dryRunImpacts(
			service,
			run.results,
			(i) => (items[i] as (typeof items)[number]).request.options.dryRun === true,
		);
		const hints = new Map<string, NodeExecutionHint>();
		for (const [i, result] of run.results.entries()) {
			const { request, target } = items[i] as (typeof items)[number];
			if (result.status === 'failed') {
				outcomes.set(request.itemIndex, {
					ok: false,
					error: new ItemFailure(result.cause ?? result.reason, request.ref),
				});
				continue;
			}
			const displayName =
				result.target.kind === 'group' ? (result.displayName ?? target.displayName) : null;
			const mergedWith = result.mergedWith.map(
				(j) => (items[j] as (typeof items)[number]).request.itemIndex,
			);
			outcomes.set(request.itemIndex, {
				ok: true,
				json: resultJson(
					result,
					request.options.dryRun === true,
					displayName,
					mergedWith,
					impacts.get(i),
				),
			});
			for (const warning of result.warnings) {
				const where = displayName
					? `Group "${displayName}"`
					: `${request.kind === 'group' ? 'Group' : 'User'} ${request.ref}`;
				const text = `${where}: ${withSeparators(warning.message)}`;
				hints.set(text, { message: text, type: 'warning', location: 'outputPane' });
			}
		}
		if (hints.size > 0) this.addExecutionHints(...hints.values());
		return outcomes;
	};
}
