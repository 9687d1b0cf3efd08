import type { BulkItem, BulkItemResult, LicensePlanJson } from '@entra-licensing/licensing';
import type { CommandContext } from './command-context.js';
import { dataLossProblem, impactsOf } from './member-impact.js';
import type { FilePlan, PlannedEntry } from './plan-file.js';
import { CliError, type Problem } from './problems.js';
import { createProgress } from './progress.js';
import { safeText } from './safe-text.js';
import { exactItems, heldLicenses, staleReason } from './saved-plan.js';
import type { Connection } from './sign-in.js';

export interface ApplyPlanOptions {
  /** Apply the targets that are still as planned and skip the stale ones (default: refuse the whole plan). */
  skipStale?: boolean;
  /** Refuse, before any write, a plan removing more than this many licenses. */
  maxRemovals?: number | undefined;
  /** Let changes through that take a mailbox or files from members who keep it through no other path. */
  allowDataLoss?: boolean | undefined;
}

export interface StaleTarget {
  entry: PlannedEntry;
  reason: string;
}

export interface TargetOutcome {
  entry: PlannedEntry;
  /** One result per bulk item sent for the target (an update and a removal travel as two items, one call). */
  results: BulkItemResult[];
  status: BulkItemResult['status'];
}

export interface AppliedPlan {
  outcomes: TargetOutcome[];
  stale: StaleTarget[];
}

function removalsOf(entry: PlannedEntry): string[] {
  return entry.plan.changes.filter((c) => c.action === 'remove').map((c) => c.sku);
}

/** Refuses, before any write, a plan removing more licenses than `--max-removals` allows. */
export function checkMaxRemovals(entries: readonly PlannedEntry[], maxRemovals: number | undefined): void {
  if (maxRemovals === undefined) return;
  const removals = entries.flatMap((e) =>
    removalsOf(e).map((sku) => `${sku} from ${safeText(e.targetName)}`),
  );
  if (removals.length <= maxRemovals) return;
  throw new CliError({
    code: 'MAX_REMOVALS_EXCEEDED',
    field: '--max-removals',
    value: maxRemovals,
    message: `the plan removes ${removals.length} license(s), more than --max-removals ${maxRemovals} allows; nothing was changed. Removals: ${removals.join('; ')}.`,
  });
}

function bodyKey(plan: LicensePlanJson): string {
  const body = plan.body;
  if (!body) return 'none';
  const add = body.addLicenses
    .map((l) => `${l.skuId.toLowerCase()}:${[...(l.disabledPlans ?? [])].map((p) => p.toLowerCase()).sort()}`)
    .sort();
  const remove = body.removeLicenses.map((id) => id.toLowerCase()).sort();
  return JSON.stringify({ add, remove });
}

/**
 * Reads every target again (one dry-run bulk run) and finds the ones whose licenses differ from what the plan was
 * computed from, or whose plan would now differ: those would not get what was approved.
 */
async function findStale(entries: readonly PlannedEntry[], connection: Connection): Promise<StaleTarget[]> {
  const run = await connection.service.applyBulk(
    entries.map((e) => ({ target: e.target, intent: e.intent, key: e.entry.field })),
    { dryRun: true },
  );
  const stale: StaleTarget[] = [];
  for (const [i, entry] of entries.entries()) {
    const result = run.results[i];
    if (!result?.plan) {
      stale.push({
        entry,
        reason: `it could not be read again (${result?.error?.message ?? result?.reason ?? 'no result'})`,
      });
      continue;
    }
    const reason =
      staleReason(heldLicenses(entry.plan), heldLicenses(result.plan)) ??
      (bodyKey(result.plan) === bodyKey(entry.plan)
        ? undefined
        : 'planning it now gives other changes than the saved ones');
    if (reason) stale.push({ entry, reason });
  }
  return stale;
}

function staleProblem({ entry, reason }: StaleTarget): Problem {
  return {
    code: 'PLAN_STALE',
    field: entry.entry.field,
    value: entry.entry.ref,
    message: `the saved plan is stale for ${safeText(entry.targetName)}: ${safeText(reason)}. Nothing was written to it; plan again.`,
  };
}

/**
 * The guard on people, for the whole run and before any write: the members of every target about to be written are
 * read now (the plan may be old), and if any change takes a mailbox or files from members who keep it through no
 * other path, nothing at all is written.
 */
async function checkDataLoss(entries: readonly PlannedEntry[], connection: Connection): Promise<void> {
  const impacts = await impactsOf(entries, connection);
  const problem = dataLossProblem(entries.map((e, i) => ({ targetName: e.targetName, impact: impacts[i] })));
  if (problem) throw new CliError(problem);
}

/** Refuses, before asking or writing, a plan whose own impact (computed when planned) takes data from people. */
export function checkPlannedDataLoss(
  entries: readonly PlannedEntry[],
  allowDataLoss: boolean | undefined,
): void {
  if (allowDataLoss === true) return;
  const problem = dataLossProblem(entries);
  if (problem) throw new CliError(problem);
}

function worst(results: readonly BulkItemResult[]): BulkItemResult['status'] {
  for (const status of ['failed', 'skipped', 'applied', 'planned'] as const) {
    if (results.some((r) => r.status === status)) return status;
  }
  return 'unchanged';
}

/**
 * Applies exactly the changes of a plan that was shown or saved: each target is read again first, and a target that
 * no longer holds what the plan was computed from is refused before any write (all of them unless `skipStale`).
 * The writes name each approved SKU by id — added or updated with exactly its approved disabled plans, or removed —
 * so that nothing else can be sent. One bulk run of the licensing service for all targets.
 */
export async function applyPlan(
  plan: FilePlan,
  connection: Connection,
  context: CommandContext,
  options: ApplyPlanOptions,
): Promise<AppliedPlan> {
  const changed = plan.entries.filter((e) => e.plan.hasChanges);
  checkMaxRemovals(changed, options.maxRemovals);
  const stale = changed.length === 0 ? [] : await findStale(changed, connection);
  if (stale.length > 0 && !options.skipStale) {
    throw new CliError([
      ...stale.map(staleProblem),
      {
        code: 'PLAN_STALE',
        message: `${stale.length} of ${changed.length} target(s) changed since the plan was made; nothing was written. Plan again, or apply the others with --skip-stale.`,
      },
    ]);
  }
  const staleEntries = new Set(stale.map((s) => s.entry));
  const toApply = changed.filter((e) => !staleEntries.has(e));
  if (options.allowDataLoss !== true) await checkDataLoss(toApply, connection);
  const items: BulkItem[] = [];
  const owner: PlannedEntry[] = [];
  for (const entry of toApply) {
    for (const item of exactItems(entry.target, entry.plan, entry.entry.field)) {
      items.push(item);
      owner.push(entry);
    }
  }
  const outcomes = new Map<PlannedEntry, BulkItemResult[]>(toApply.map((e) => [e, []]));
  if (items.length > 0) {
    const progress = await createProgress(context.output, 'applying');
    progress.start(toApply.length);
    context.run.beginWrites();
    try {
      const run = await connection.service.applyBulk(items, {
        allowDataLoss: options.allowDataLoss === true,
        onProgress: (event) => {
          if (event.type === 'target-done') progress.tick(`${event.target.kind} ${event.target.id}`);
        },
      });
      for (const [i, result] of run.results.entries()) outcomes.get(owner[i] as PlannedEntry)?.push(result);
    } finally {
      context.run.endWrites();
      progress.stop();
    }
  }
  return {
    outcomes: toApply.map((entry) => {
      const results = outcomes.get(entry) ?? [];
      return { entry, results, status: worst(results) };
    }),
    stale,
  };
}

/** A failed or skipped target as a problem naming the entry. */
export function failureProblem(outcome: TargetOutcome): Problem {
  const failed = outcome.results.find((r) => r.status === 'failed' || r.status === 'skipped');
  const { entry } = outcome;
  return {
    code: failed?.error?.code ?? outcome.status,
    message: `${safeText(entry.targetName)} (${entry.entry.field}): ${safeText(failed?.error?.message ?? failed?.reason ?? outcome.status)}`,
    ...(failed?.error?.field ? { field: `${entry.entry.field}: ${failed.error.field}` } : {}),
    ...(failed?.error?.suggestions ? { suggestions: failed.error.suggestions } : {}),
  };
}

export { staleProblem };
