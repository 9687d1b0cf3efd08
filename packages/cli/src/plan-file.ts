import { isGraphError, isUserId } from '@entra-licensing/graph-client';
import {
  type ApplyResult,
  isLicensingError,
  type LicenseIntent,
  type LicenseTarget,
  type ResolvedSku,
  resolveServicePlan,
} from '@entra-licensing/licensing';
import { type CommandContext, type CommonOptions, withConnection } from './command-context.js';
import { type DesiredEntry, type DesiredFile, loadDesiredFile } from './desired-file.js';
import { within } from './field-path.js';
import { lookUpGroup } from './group-names.js';
import { lookAlikeHint } from './look-alike.js';
import { mapLimit } from './map-limit.js';
import { CliError, inFileOrder, type Problem } from './problems.js';
import { createProgress, type Progress } from './progress.js';
import type { Connection } from './sign-in.js';

/** One entry of the file with its target and its plan. */
export interface PlannedEntry {
  entry: DesiredEntry;
  target: LicenseTarget;
  intent: LicenseIntent;
  result: ApplyResult;
}

export interface FilePlan {
  file: string;
  entries: PlannedEntry[];
  summary: { targets: number; changed: number; add: number; update: number; remove: number };
}

const CONCURRENCY = 4;

/** A licensing message without its leading `field: ` (the problem names the field in the file already). */
function bare(message: string, field: string): string {
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

/** The entry's field for a licensing error's field (`licenses[0].sku` → `groups[2].licenses[0].sku`). */
function entryField(entry: DesiredEntry, field: string | undefined): string {
  if (field?.startsWith('licenses')) return within(entry.field, field);
  if (field && /^(target|groupId|userId)\b/.test(field)) return `${entry.field}.${entry.kind}`;
  return entry.field;
}

/** A thrown licensing or Graph error as a problem located in the file. */
export function entryProblem(file: DesiredFile, entry: DesiredEntry, error: unknown): Problem {
  if (isLicensingError(error)) {
    return file.at(entryField(entry, error.field), {
      code: error.code,
      message: bare(error.message, error.field),
      value: error.value,
      suggestions: error.suggestions,
    });
  }
  if (isGraphError(error) && error.kind === 'graph') {
    return file.at(entry.field, {
      code: error.code,
      message: `Graph refused (HTTP ${error.status ?? '?'} ${error.code}): ${error.message}`,
      value: entry.ref,
    });
  }
  throw error;
}

/** A name the resolver refused, at its place in the file (other errors are rethrown). */
function nameProblem(file: DesiredFile, field: string, value: string, error: unknown): Problem {
  if (!isLicensingError(error)) throw error;
  return file.at(field, {
    code: error.code,
    message: `${bare(error.message, error.field)}${lookAlikeHint(value)}`,
    value,
    suggestions: error.suggestions,
  });
}

/** Every SKU and plan name of the file, checked against the tenant (all problems at once, with suggestions). */
async function checkNames(file: DesiredFile, connection: Connection): Promise<Problem[]> {
  const problems: Problem[] = [];
  const skus = new Map<string, Promise<ResolvedSku>>();
  for (const entry of file.entries) {
    for (const [i, license] of entry.licenses.entries()) {
      const ref = typeof license === 'string' ? license : license.sku;
      const skuField = `${entry.field}.licenses[${i}]${typeof license === 'string' ? '' : '.sku'}`;
      let pending = skus.get(ref);
      if (!pending) {
        pending = connection.service.getSku(ref);
        pending.catch(() => {});
        skus.set(ref, pending);
      }
      let sku: ResolvedSku;
      try {
        sku = await pending;
      } catch (error) {
        problems.push(nameProblem(file, skuField, ref, error));
        continue;
      }
      if (typeof license === 'string') continue;
      for (const [j, plan] of (license.disabledPlans ?? []).entries()) {
        const field = `${entry.field}.licenses[${i}].disabledPlans[${j}]`;
        try {
          resolveServicePlan(sku, plan, { field });
        } catch (error) {
          problems.push(nameProblem(file, field, plan, error));
        }
      }
    }
  }
  return problems;
}

/** Resolves each entry to a target (group names looked up); duplicates and unknown names are problems. */
async function resolveTargets(
  file: DesiredFile,
  connection: Connection,
): Promise<{ targets: (LicenseTarget | undefined)[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const targets = await mapLimit(file.entries, CONCURRENCY, async (entry) => {
    const field = `${entry.field}.${entry.kind}`;
    if (entry.kind === 'user') {
      if (isUserId(entry.ref)) return { kind: 'user', id: entry.ref } as LicenseTarget;
      problems.push(
        file.at(field, {
          code: 'INVALID_USER',
          value: entry.ref,
          message: 'must be a user principal name (adele@contoso.com) or an object id.',
        }),
      );
      return undefined;
    }
    const found = await lookUpGroup(connection.client, entry.ref);
    if (found.found) return { kind: 'group', id: found.id } as LicenseTarget;
    problems.push(
      file.at(field, {
        code: found.code,
        value: entry.ref,
        message: found.message,
        suggestions: found.suggestions,
      }),
    );
    return undefined;
  });
  const firstAt = new Map<string, DesiredEntry>();
  file.entries.forEach((entry, i) => {
    const target = targets[i];
    if (!target) return;
    const key = `${target.kind}:${target.id.toLowerCase()}`;
    const first = firstAt.get(key);
    if (!first) {
      firstAt.set(key, entry);
      return;
    }
    const other = file.at(`${first.field}.${first.kind}`, { code: 'DUPLICATE', message: '' });
    problems.push(
      file.at(`${entry.field}.${entry.kind}`, {
        code: 'DUPLICATE_TARGET',
        value: entry.ref,
        message: `names the same ${entry.kind} as ${first.field} (line ${other.line}); list each ${entry.kind} once.`,
      }),
    );
    targets[i] = undefined;
  });
  return { targets, problems };
}

/**
 * Plans the whole file: checks names, resolves targets, then plans each entry as a `set` (exactly these SKUs with
 * exactly these disabled plans; other SKUs kept unless `exclusive`). Sends no write. Throws one CliError with every
 * problem found.
 */
export async function planFile(
  file: DesiredFile,
  connection: Connection,
  progress: Progress,
): Promise<FilePlan> {
  const [nameProblems, { targets, problems: targetProblems }] = await Promise.all([
    checkNames(file, connection),
    resolveTargets(file, connection),
  ]);
  const problems = [...nameProblems, ...targetProblems];
  if (problems.length > 0) throw new CliError(inFileOrder(problems));
  progress.start(file.entries.length);
  const planProblems: Problem[] = [];
  const planned = await mapLimit(
    file.entries,
    CONCURRENCY,
    async (entry, i): Promise<PlannedEntry | undefined> => {
      const target = targets[i] as LicenseTarget;
      const intent: LicenseIntent = { action: 'set', licenses: entry.licenses, exclusive: entry.exclusive };
      try {
        const result = await connection.service.plan(target, intent);
        return { entry, target, intent, result };
      } catch (error) {
        planProblems.push(entryProblem(file, entry, error));
        return undefined;
      } finally {
        progress.tick(`${entry.kind} ${entry.ref}`);
      }
    },
  );
  progress.stop();
  if (planProblems.length > 0) throw new CliError(inFileOrder(planProblems));
  const entries = planned.filter((p): p is PlannedEntry => p !== undefined);
  const summary = { targets: entries.length, changed: 0, add: 0, update: 0, remove: 0 };
  for (const { result } of entries) {
    if (result.planJson.hasChanges) summary.changed += 1;
    summary.add += result.planJson.summary.add;
    summary.update += result.planJson.summary.update;
    summary.remove += result.planJson.summary.remove;
  }
  return { file: file.file, entries, summary };
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
