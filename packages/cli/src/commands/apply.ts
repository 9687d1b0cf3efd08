import type { BulkItem, BulkItemResult, GroupProcessingReport } from '@entra-licensing/licensing';
import type { CommandContext, CommonOptions } from '../command-context.js';
import { confirmApply } from '../confirm.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { mapLimit } from '../map-limit.js';
import { type PlannedEntry, withFilePlan } from '../plan-file.js';
import { filePlanJson, renderFilePlan } from '../plan-output.js';
import { CliError, type Problem, problemJson } from '../problems.js';
import { renderProcessingReport, reportHasProblems } from '../processing-output.js';
import { createProgress } from '../progress.js';

export interface ApplyCommandOptions extends CommonOptions {
  autoApprove?: boolean;
  maxRemovals?: number;
  wait?: boolean;
  /** Seconds to wait for each group's processing (with `--wait`). */
  timeout?: number;
}

function removalsOf(entry: PlannedEntry): string[] {
  return entry.result.planJson.changes.filter((c) => c.action === 'remove').map((c) => c.sku);
}

/** Refuses, before any write, a plan removing more licenses than `--max-removals` allows. */
function checkMaxRemovals(entries: readonly PlannedEntry[], maxRemovals: number | undefined): void {
  if (maxRemovals === undefined) return;
  const removals = entries.flatMap((e) => removalsOf(e).map((sku) => `${sku} from ${e.result.targetName}`));
  if (removals.length <= maxRemovals) return;
  throw new CliError({
    code: 'MAX_REMOVALS_EXCEEDED',
    field: '--max-removals',
    value: maxRemovals,
    message: `the plan removes ${removals.length} license(s), more than --max-removals ${maxRemovals} allows; nothing was changed. Removals: ${removals.join('; ')}.`,
  });
}

/**
 * The writes, through the licensing package's bulk path (`$batch`, throttling, one result per target). Each target
 * may remove at most what the shown plan removes from it, so a change made meanwhile cannot widen a removal.
 */
async function applyPlanned(
  entries: readonly PlannedEntry[],
  context: CommandContext,
  service: import('@entra-licensing/licensing').LicensingService,
): Promise<Map<PlannedEntry, BulkItemResult>> {
  const progress = await createProgress(context.output, 'applying');
  progress.start(entries.length);
  const byRemovals = new Map<number, PlannedEntry[]>();
  for (const entry of entries) {
    const n = removalsOf(entry).length;
    byRemovals.set(n, [...(byRemovals.get(n) ?? []), entry]);
  }
  const results = new Map<PlannedEntry, BulkItemResult>();
  try {
    for (const [maxRemovals, group] of byRemovals) {
      const items: BulkItem[] = group.map((e) => ({
        target: e.target,
        intent: e.intent,
        key: e.entry.field,
      }));
      const run = await service.applyBulk(items, {
        maxRemovals,
        onProgress: (event) => {
          if (event.type === 'target-done') progress.tick(`${event.target.kind} ${event.target.id}`);
        },
      });
      for (const [i, result] of run.results.entries()) results.set(group[i] as PlannedEntry, result);
    }
  } finally {
    progress.stop();
  }
  return results;
}

function failureProblem(entry: PlannedEntry, result: BulkItemResult): Problem {
  return {
    code: result.error?.code ?? result.status,
    message: `${entry.result.targetName} (${entry.entry.field}): ${result.error?.message ?? result.reason ?? result.status}`,
    ...(result.error?.field ? { field: `${entry.entry.field}: ${result.error.field}` } : {}),
    ...(result.error?.suggestions ? { suggestions: result.error.suggestions } : {}),
  };
}

/** `apply <file>`: shows the plan, asks (unless `--auto-approve`), writes, and with `--wait` reports member errors. */
export async function runApply(
  path: string,
  options: ApplyCommandOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const { output } = context;
  return withFilePlan(path, options, context, async (plan, connection) => {
    const changed = plan.entries.filter((e) => e.result.planJson.hasChanges);
    if (!options.json) output.out(renderFilePlan(plan, output.color));
    if (changed.length === 0) {
      if (options.json) output.json({ ...filePlanJson(plan), applied: [], processing: [] });
      return EXIT.ok;
    }
    checkMaxRemovals(changed, options.maxRemovals);
    if (!options.autoApprove && !(await confirmApply(context.stdin, context.output.streams.stderr))) {
      throw new CliError({ code: 'CANCELLED', message: 'Apply cancelled; nothing was changed.' });
    }
    const results = await applyPlanned(changed, context, connection.service);
    const failed: Problem[] = [];
    const applied: PlannedEntry[] = [];
    for (const entry of changed) {
      const result = results.get(entry);
      if (!result) continue;
      if (result.status === 'failed' || result.status === 'skipped')
        failed.push(failureProblem(entry, result));
      else if (result.status === 'applied') applied.push(entry);
      if (!options.json) {
        const mark =
          result.status === 'applied'
            ? output.color.green('applied')
            : result.status === 'unchanged'
              ? output.color.dim('unchanged')
              : output.color.red(result.status);
        output.out(`${entry.result.targetName}: ${mark}`);
      }
    }
    let reports: { target: string; report: GroupProcessingReport }[] = [];
    if (options.wait) {
      const groups = applied.filter((e) => e.target.kind === 'group');
      if (!options.json && groups.length > 0) output.err('waiting for group license processing…');
      reports = await mapLimit(groups, 4, async (e) => ({
        target: e.result.targetName,
        report: await connection.service.waitForGroupProcessing(e.target.id, {
          timeoutMs: (options.timeout ?? 600) * 1000,
        }),
      }));
      if (!options.json) {
        for (const { target, report } of reports)
          output.out(renderProcessingReport(target, report, output.color));
      }
    }
    if (options.json) {
      output.json({
        ...filePlanJson(plan),
        applied: changed.map((e) => ({ entry: e.entry.field, target: e.target, result: results.get(e) })),
        processing: reports,
        ...(failed.length > 0 ? { errors: failed.map(problemJson) } : {}),
      });
      if (failed.length > 0) return EXIT.error;
    } else {
      output.out(
        output.color.bold(
          `Apply complete: ${applied.length} target(s) changed${failed.length > 0 ? `, ${failed.length} failed` : ''}.`,
        ),
      );
    }
    if (failed.length > 0) throw new CliError(failed);
    return reports.some((r) => reportHasProblems(r.report)) ? EXIT.membersInError : EXIT.ok;
  });
}
