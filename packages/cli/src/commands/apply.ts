import { readFileSync } from 'node:fs';
import type { GroupProcessingReport } from '@entra-licensing/licensing';
import type { Command } from 'commander';
import {
  type AppliedPlan,
  applyPlan,
  checkMaxRemovals,
  checkPlannedDataLoss,
  failureProblem,
  staleProblem,
} from '../apply-plan.js';
import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import { type CommandDefinition, wholeNumber } from '../command-definition.js';
import { confirmApply } from '../confirm.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { FilePlan } from '../plan-file.js';
import { filePlanJson, renderFilePlan } from '../plan-output.js';
import { CliError, type Problem, problemJson } from '../problems.js';
import { renderProcessingReport, reportHasProblems } from '../processing-output.js';
import { safeText } from '../safe-text.js';
import { fromSavedPlan, looksLikeSavedPlan, readSavedPlan } from '../saved-plan.js';
import type { Connection } from '../sign-in.js';

export interface ApplyCommandOptions extends CommonOptions {
  allowDataLoss?: boolean;
  autoApprove?: boolean;
  maxRemovals?: number;
  skipStale?: boolean;
  wait?: boolean;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the desired-file reader reports it with its own words
  }
}

/** Writes the plan (already shown and approved), reports each target, and with `--wait` the member errors. */
async function writeAndReport(
  plan: FilePlan,
  connection: Connection,
  options: ApplyCommandOptions,
  context: CommandContext,
  remainingMs: () => number,
): Promise<ExitCode> {
  const { output } = context;
  const done: AppliedPlan = await applyPlan(plan, connection, context, {
    maxRemovals: options.maxRemovals,
    skipStale: options.skipStale,
    allowDataLoss: options.allowDataLoss,
  });
  const failed: Problem[] = done.stale.map(staleProblem);
  for (const outcome of done.outcomes) {
    if (outcome.status === 'failed' || outcome.status === 'skipped') failed.push(failureProblem(outcome));
    if (!options.json) {
      const mark =
        outcome.status === 'applied'
          ? output.color.green('applied')
          : outcome.status === 'unchanged'
            ? output.color.dim('unchanged')
            : output.color.red(outcome.status);
      output.out(`${safeText(outcome.entry.targetName)}: ${mark}`);
    }
  }
  if (!options.json)
    for (const s of done.stale)
      output.out(`${safeText(s.entry.targetName)}: ${output.color.red('stale, not applied')}`);
  const applied = done.outcomes.filter((o) => o.status === 'applied');
  if (context.run.interrupted) {
    const sent = done.outcomes.length + done.stale.length;
    output.err(
      `Interrupted: applied ${applied.length} of ${sent} target(s); the others were not sent (plan again to see them).`,
    );
    if (options.json)
      output.json({
        ...filePlanJson(plan),
        interrupted: true,
        applied: done.outcomes.map((o) => ({
          entry: o.entry.entry.field,
          target: o.entry.target,
          result: o.results[0],
        })),
        processing: [],
      });
    return EXIT.interrupted;
  }
  let reports: { target: string; report: GroupProcessingReport }[] = [];
  if (options.wait) {
    const groups = applied.filter((o) => o.entry.target.kind === 'group');
    if (!options.json && groups.length > 0) output.err('waiting for group license processing…');
    const { mapLimit } = await import('@entra-licensing/licensing');
    reports = await mapLimit(groups, 4, async (o) => ({
      target: o.entry.targetName,
      report: await connection.service.waitForGroupProcessing(o.entry.target.id, {
        timeoutMs: remainingMs(),
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
      applied: done.outcomes.map((o) => ({
        entry: o.entry.entry.field,
        target: o.entry.target,
        result: o.results[0],
        ...(o.results.length > 1 ? { results: o.results } : {}),
      })),
      ...(done.stale.length > 0
        ? {
            stale: done.stale.map((s) => ({
              entry: s.entry.entry.field,
              target: s.entry.target,
              reason: s.reason,
            })),
          }
        : {}),
      processing: reports,
      ...(failed.length > 0 ? { errors: failed.map(problemJson) } : {}),
    });
    if (failed.length > 0) return EXIT.error;
  } else {
    output.out(
      output.color.bold(
        `Apply complete: ${applied.length} target(s) changed${failed.length > 0 ? `, ${failed.length} not (see below)` : ''}.`,
      ),
    );
  }
  if (failed.length > 0) throw new CliError(failed);
  return reports.some((r) => reportHasProblems(r.report)) ? EXIT.membersInError : EXIT.ok;
}

/** `apply <plan file>`: applies exactly a saved plan (no question: it was reviewed when it was made). */
async function applySaved(
  path: string,
  text: string,
  options: ApplyCommandOptions,
  context: CommandContext,
  remainingMs: () => number,
): Promise<ExitCode> {
  const saved = readSavedPlan(path, text);
  return withConnection(options, context, async (connection) => {
    if (
      saved.tenant.toLowerCase() !== connection.tenant.toLowerCase() ||
      saved.graphOrigin !== connection.client.graphOrigin
    ) {
      throw new CliError({
        code: 'SAVED_PLAN_OTHER_TENANT',
        field: 'file',
        value: path,
        message: `the plan was made for tenant ${saved.tenant} at ${saved.graphOrigin}; this run signs in to ${connection.tenant} at ${connection.client.graphOrigin}. Nothing was written.`,
      });
    }
    const plan = fromSavedPlan(saved);
    if (!options.json) output(context, renderFilePlan(plan, context.output.color));
    if (plan.summary.changed === 0) {
      if (options.json) context.output.json({ ...filePlanJson(plan), applied: [], processing: [] });
      return EXIT.ok;
    }
    return writeAndReport(plan, connection, options, context, remainingMs);
  });
}

function output(context: CommandContext, text: string): void {
  context.output.out(text);
}

/**
 * `apply <file>`: with a desired file, shows the plan, asks (unless `--auto-approve`), then writes exactly what was
 * shown; with a saved plan (`plan --out`), writes exactly that plan. Either way each target is read again first and
 * refused when it changed since the plan was made.
 */
export async function runApply(
  path: string,
  options: ApplyCommandOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const remainingMs = () => context.run.remainingMs(600_000);
  const text = readText(path);
  if (text !== undefined && looksLikeSavedPlan(text))
    return applySaved(path, text, options, context, remainingMs);
  const { withFilePlan } = await import('../plan-file.js');
  return withFilePlan(path, options, context, async (plan, connection) => {
    if (!options.json) output(context, renderFilePlan(plan, context.output.color));
    if (plan.summary.changed === 0) {
      if (options.json) context.output.json({ ...filePlanJson(plan), applied: [], processing: [] });
      return EXIT.ok;
    }
    checkMaxRemovals(
      plan.entries.filter((e) => e.plan.hasChanges),
      options.maxRemovals,
    );
    checkPlannedDataLoss(plan.entries, options.allowDataLoss);
    if (!options.autoApprove && !(await confirmApply(context.stdin, context.output.streams.stderr))) {
      throw new CliError({ code: 'CANCELLED', message: 'Apply cancelled; nothing was changed.' });
    }
    return writeAndReport(plan, connection, options, context, remainingMs);
  });
}

export const definition: CommandDefinition = {
  name: 'apply',
  description:
    'apply a saved plan exactly (plan --out), or show the plan of a desired file, ask, then make exactly those changes',
  examples: `  $ entra-licensing plan licenses.yaml --out plan.json && entra-licensing apply plan.json
  $ entra-licensing apply licenses.yaml                       # shows the plan, asks before writing
  $ entra-licensing apply licenses.yaml --auto-approve --max-removals 2 --wait
  $ entra-licensing apply plan.json --allow-data-loss         # members may lose a mailbox: shown in the plan`,
  declare: (command: Command) =>
    command
      .argument('<file>', 'a plan saved by plan --out, or the desired licenses (YAML or JSON)')
      .option('--auto-approve', 'do not ask (pipelines); a saved plan never asks')
      .option(
        '--max-removals <n>',
        'refuse, before any write, a plan removing more than n licenses',
        wholeNumber,
      )
      .option(
        '--skip-stale',
        'apply the targets still as planned, skip the ones that changed since (default: refuse all)',
      )
      .option(
        '--allow-data-loss',
        'let through changes that take a mailbox or files from members who keep it through no other path (refused by default, before any write)',
      )
      .option('--wait', 'wait for group processing; list the members in error, why, and what to do'),
  run: ([file], options, context) => runApply(file as string, options as ApplyCommandOptions, context),
};
