import type {
  BulkError,
  BulkItemResult,
  LicenseIntent,
  LicensePlanJson,
  LicenseTarget,
  PlanWarning,
} from '@entra-licensing/licensing';
import { lookAlikeHint } from '@entra-licensing/licensing';
import { type CommandContext, type CommonOptions, withConnection } from './command-context.js';
import { type DesiredEntry, type DesiredFile, loadDesiredFile } from './desired-file.js';
import { within } from './field-path.js';
import { type EntryImpact, impactsOf } from './member-impact.js';

import { CliError, inFileOrder, type Problem } from './problems.js';
import { createProgress, type Progress } from './progress.js';
import type { Connection } from './sign-in.js';
import { resolveEntryTargets } from './targets.js';

/** One entry of the file with its target and the plan computed for it (structured, never parsed back from text). */
export interface PlannedEntry {
  entry: DesiredEntry;
  target: LicenseTarget;
  /** `group Sales (1132…)`, as read from the tenant (escape it before showing it on a terminal). */
  targetName: string;
  intent: LicenseIntent;
  plan: LicensePlanJson;
  warnings: PlanWarning[];
  /** What the change does to each member (targets with changes only). */
  impact?: EntryImpact;
}

export interface PlanSummary {
  targets: number;
  changed: number;
  add: number;
  update: number;
  remove: number;
}

export interface FilePlan {
  file: string;
  entries: PlannedEntry[];
  summary: PlanSummary;
}

/** A licensing message without its leading `field: ` (the problem names the field in the file already). */
function bare(message: string, field: string | undefined): string {
  for (const prefix of [field, field?.replace(/^intent\./, '')]) {
    if (prefix && message.startsWith(`${prefix}: `)) return message.slice(prefix.length + 2);
  }
  return message;
}

/** The entry's field for a bulk error's field (`intent.licenses[0].sku` → `groups[2].licenses[0].sku`). */
function entryField(entry: DesiredEntry, field: string | undefined): string {
  const inner = field?.replace(/^intent\./, '');
  if (inner?.startsWith('licenses')) return within(entry.field, inner);
  if (inner && /^(target|groupId|userId)\b/.test(inner)) return `${entry.field}.${entry.kind}`;
  return entry.field;
}

/** A bulk item's error, located at its entry in the file. */
export function bulkProblem(file: DesiredFile, entry: DesiredEntry, error: BulkError | undefined): Problem {
  const field = entryField(entry, error?.field);
  if (error?.code === 'USAGE_LOCATION_MISSING') {
    // the library's advice names its own option; the file has none: say what to do from here
    return file.at(`${entry.field}.${entry.kind}`, {
      code: error.code,
      value: entry.ref,
      message: `${error.message.split(' has no usageLocation')[0]} has no usage location, and Graph assigns no license to a user without one. Set it on the user (Entra admin center: the user's Properties, Usage location; or Graph: PATCH /users/{id} {"usageLocation": "US"}), then plan again.`,
    });
  }
  // about the target itself: the value is the name as typed in the file, not the id it was resolved to
  const value = field === `${entry.field}.${entry.kind}` ? entry.ref : error?.value;
  const message = bare(error?.message ?? 'the target could not be planned.', error?.field);
  // a name with a letter outside ASCII: say which (a Cyrillic "а" looks like a Latin "a" but never matches it)
  const hint =
    typeof value === 'string' && !message.includes('look-alike') && /NOT_FOUND$/.test(error?.code ?? '')
      ? lookAlikeHint(value)
      : '';
  return file.at(field, {
    code: error?.code ?? 'FAILED',
    message: `${message}${hint}`,
    ...(value === undefined ? {} : { value }),
    ...(error?.suggestions ? { suggestions: error.suggestions } : {}),
  });
}

/** A bulk warning as a single-target plan gives it: fields inside the intent (`licenses[0]`), not the item. */
function withoutItemPrefix(warning: PlanWarning): PlanWarning {
  if (!warning.field.startsWith('intent.')) return warning;
  const field = warning.field.slice('intent.'.length);
  const message = warning.message.startsWith(`${warning.field}: `)
    ? `${field}: ${warning.message.slice(warning.field.length + 2)}`
    : warning.message;
  return { ...warning, field, message };
}

export function describeTargetName(target: LicenseTarget, displayName: string | null | undefined): string {
  return displayName ? `${target.kind} ${displayName} (${target.id})` : `${target.kind} ${target.id}`;
}

export function summarize(entries: readonly { plan: LicensePlanJson }[]): PlanSummary {
  const summary = { targets: entries.length, changed: 0, add: 0, update: 0, remove: 0 };
  for (const { plan } of entries) {
    if (plan.hasChanges) summary.changed += 1;
    summary.add += plan.summary.add;
    summary.update += plan.summary.update;
    summary.remove += plan.summary.remove;
  }
  return summary;
}

/**
 * Plans the whole file: checks names, resolves each entry to one object id (two entries naming the same group or
 * user are refused), then plans every entry as a `set` (exactly these SKUs with exactly these disabled plans; other
 * SKUs kept unless `exclusive`) in ONE dry-run bulk run of the licensing service. Sends no write. Throws one
 * CliError with every problem found.
 */
export async function planFile(
  file: DesiredFile,
  connection: Connection,
  progress: Progress,
): Promise<FilePlan> {
  const { targets, problems } = await resolveEntryTargets(file, connection);
  if (problems.length > 0) throw new CliError(inFileOrder(problems));
  const intents: LicenseIntent[] = file.entries.map((entry) => ({
    action: 'set',
    licenses: entry.licenses,
    exclusive: entry.exclusive,
  }));
  progress.start(file.entries.length);
  let results: BulkItemResult[];
  try {
    const run = await connection.service.applyBulk(
      file.entries.map((entry, i) => ({
        target: targets[i] as LicenseTarget,
        intent: intents[i] as LicenseIntent,
        key: entry.field,
      })),
      {
        dryRun: true,
        onProgress: (event) => {
          if (event.type === 'target-done') progress.tick(`${event.target.kind} ${event.target.id}`);
        },
      },
    );
    results = run.results;
  } finally {
    progress.stop();
  }
  const planProblems: Problem[] = [];
  const entries: PlannedEntry[] = [];
  for (const [i, entry] of file.entries.entries()) {
    const result = results[i];
    const target = targets[i] as LicenseTarget;
    if (!result || result.status === 'failed' || result.status === 'skipped' || !result.plan) {
      planProblems.push(
        bulkProblem(
          file,
          entry,
          result?.error ?? { code: 'FAILED', message: result?.reason ?? 'no result.' },
        ),
      );
      continue;
    }
    const targetName = describeTargetName(target, result.displayName);
    entries.push({
      entry,
      target,
      targetName,
      intent: intents[i] as LicenseIntent,
      plan: { ...result.plan, target: targetName },
      warnings: result.warnings.map(withoutItemPrefix),
    });
  }
  if (planProblems.length > 0) throw new CliError(inFileOrder(planProblems));
  const changed = entries.filter((e) => e.plan.hasChanges);
  const impacts = await impactsOf(changed, connection);
  for (const [i, entry] of changed.entries()) entry.impact = impacts[i];
  return { file: file.file, entries, summary: summarize(entries) };
}

/** Reads the file (syntax and schema first, before signing in), signs in, plans it, and hands the plan on. */
export async function withFilePlan<T>(
  path: string,
  options: CommonOptions,
  context: CommandContext,
  fn: (plan: FilePlan, connection: Connection) => Promise<T>,
): Promise<T> {
  const file = loadDesiredFile(path);
  return withConnection(options, context, async (connection) =>
    fn(await planFile(file, connection, await createProgress(context.output, 'planning')), connection),
  );
}
