import { readFileSync, writeFileSync } from 'node:fs';
import type {
  ReclaimActionResult,
  ReclaimApplyRun,
  ReclaimExceptionList,
  ReclaimPlan,
} from '@entra-licensing/licensing';
import type { Command } from 'commander';
import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import { type CommandDefinition, wholeNumber } from '../command-definition.js';
import { confirmApply } from '../confirm.js';
import { checkWritableDestination } from '../destination.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Colors } from '../output.js';
import { CliError, type Problem, problemJson } from '../problems.js';
import { createProgress } from '../progress.js';
import { safeText } from '../safe-text.js';

export interface ReclaimCommandOptions extends CommonOptions {
  inactiveDays?: number;
  graceDays?: number;
  except?: string;
  sku?: string[];
  out?: string;
  prices?: string;
  autoApprove?: boolean;
  allowDataLoss?: boolean;
  maxActions?: number;
}

/** The plan file: the library's plan, and where it was made (applying it to another tenant is refused). */
export interface ReclaimPlanFile extends ReclaimPlan {
  tenant: string;
  graphOrigin: string;
}

function problem(code: string, field: string, value: unknown, message: string): CliError {
  return new CliError({ code, field, value, message });
}

/** The exceptions file (YAML or JSON): `users:` (UPNs or ids) and `groups:` (display names or ids). */
export async function readExceptions(path: string): Promise<ReclaimExceptionList> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw problem('FILE_UNREADABLE', '--except', path, `cannot read ${path}: ${(error as Error).message}`);
  }
  const { parse } = await import('yaml');
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw problem(
      'EXCEPTIONS_INVALID',
      '--except',
      path,
      `${path} is not YAML or JSON: ${(error as Error).message}`,
    );
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw problem('EXCEPTIONS_INVALID', path, doc, `${path} must be a map with users: and groups: lists.`);
  }
  const record = doc as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((k) => k !== 'users' && k !== 'groups');
  if (unknownKeys.length > 0) {
    throw problem(
      'EXCEPTIONS_INVALID',
      `${path}: ${unknownKeys[0]}`,
      unknownKeys[0],
      `${path} may list only users: and groups:, not ${unknownKeys.map((k) => JSON.stringify(k)).join(', ')}.`,
    );
  }
  const list = (key: 'users' | 'groups'): string[] | undefined => {
    const value = record[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      throw problem(
        'EXCEPTIONS_INVALID',
        `${path}: ${key}`,
        value,
        `${key}: must be a list, got ${JSON.stringify(value)}.`,
      );
    }
    return value.map((v, i) => {
      if (typeof v !== 'string' || v.trim() === '') {
        throw problem(
          'EXCEPTIONS_INVALID',
          `${path}: ${key}[${i}]`,
          v,
          `${key}[${i}] must be a user principal name, a display name or an object id, got ${JSON.stringify(v)}.`,
        );
      }
      return v.trim();
    });
  };
  const users = list('users');
  const groups = list('groups');
  return { ...(users ? { users } : {}), ...(groups ? { groups } : {}) };
}

function readPlanFile(path: string): ReclaimPlanFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw problem('FILE_UNREADABLE', 'file', path, `cannot read ${path}: ${(error as Error).message}`);
  }
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (error) {
    throw problem(
      'PLAN_INVALID',
      'file',
      path,
      `${path} is not JSON (a file written by reclaim --out): ${(error as Error).message}`,
    );
  }
  const p = plan as Partial<ReclaimPlanFile> | null;
  if (
    p?.kind !== 'entra-licensing.reclaim-plan' ||
    typeof p.tenant !== 'string' ||
    typeof p.graphOrigin !== 'string'
  ) {
    throw problem(
      'PLAN_INVALID',
      'file',
      path,
      `${path} is not a reclaim plan (write one with reclaim --out).`,
    );
  }
  return p as ReclaimPlanFile;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const BUCKET_TITLE = {
  never: 'Never signed in since the account was created',
  dormant: 'No successful sign-in of either kind for the inactive period',
  disabled: 'Sign-in blocked',
} as const;

/** The plan for people: candidates by bucket, with their evidence and actions, then the seats each SKU gets back. */
export function renderReclaimPlan(plan: ReclaimPlan, color: Colors): string {
  const lines: string[] = [];
  if (!plan.signInActivity.available) lines.push(color.yellow(`! ${plan.signInActivity.message}`), '');
  for (const bucket of ['never', 'dormant', 'disabled'] as const) {
    const list = plan.candidates.filter((c) => c.bucket === bucket);
    if (list.length === 0) continue;
    lines.push(color.bold(`${BUCKET_TITLE[bucket]} (${bucket}): ${plural(list.length, 'user')}`));
    for (const c of list) {
      const e = c.evidence;
      const last =
        e.lastSuccessfulSignInDateTime ?? e.lastNonInteractiveSignInDateTime ?? e.lastSignInDateTime;
      lines.push(
        `  ${safeText(c.userPrincipalName)}  created ${e.createdDateTime ?? 'unknown'}, last sign-in ${last ?? 'none recorded'}`,
      );
      for (const a of c.actions) {
        const how =
          a.kind === 'removeGroupMember'
            ? `leave group ${safeText(a.groupName ?? a.groupId ?? '')}`
            : 'remove the direct license';
        const loses = a.impact.losing.flatMap((l) => l.dataBearing);
        lines.push(
          `    ${color.red('-')} ${a.skuPartNumber}: ${how}${loses.length > 0 ? color.yellow(` (takes ${loses.join(', ')}: mailbox or files)`) : ''}`,
        );
      }
    }
    lines.push('');
  }
  if (plan.candidates.length === 0) lines.push('No licenses to reclaim.', '');
  if (plan.seats.length > 0) {
    lines.push(color.bold('Seats freed:'));
    const spend = new Map((plan.spend?.lines ?? []).map((l) => [l.skuPartNumber, l]));
    for (const s of plan.seats) {
      const line = spend.get(s.skuPartNumber);
      const cost =
        line?.price && line.amount !== null
          ? ` (${line.amount} ${line.price.currency} a ${line.price.period})`
          : '';
      lines.push(`  ${s.skuPartNumber}: ${s.freed}${cost}`);
    }
    for (const t of plan.spend?.totals ?? [])
      lines.push(color.bold(`Spend freed: ${t.amount} ${t.currency} a ${t.period}`));
  }
  const kept = plan.excluded.filter((e) => e.reason !== 'active');
  if (kept.length > 0) {
    const counts = new Map<string, number>();
    for (const e of kept) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
    lines.push(
      color.dim(
        `Not candidates: ${[...counts.entries()].map(([reason, n]) => `${n} ${reason}`).join(', ')}.`,
      ),
    );
  }
  return lines.join('\n');
}

async function runFind(options: ReclaimCommandOptions, context: CommandContext): Promise<ExitCode> {
  const { output } = context;
  if (options.inactiveDays === undefined) {
    throw problem(
      'OPTION_MISSING',
      '--inactive-days',
      undefined,
      'reclaim needs --inactive-days N (for example 90).',
    );
  }
  if (options.graceDays === undefined) {
    throw problem(
      'OPTION_MISSING',
      '--grace-days',
      undefined,
      'reclaim needs --grace-days N (for example 30).',
    );
  }
  if (options.out) checkWritableDestination(options.out, '--out');
  // Local input first: a bad --except or --prices fails before any request.
  const exceptions = options.except ? await readExceptions(options.except) : {};
  const prices = options.prices
    ? await (await import('../report/report-inputs.js')).loadPrices(options.prices)
    : undefined;
  return withConnection(options, context, async (connection) => {
    const plan = await connection.service.findReclaimable({
      inactiveDays: options.inactiveDays as number,
      graceDays: options.graceDays as number,
      exceptions,
      ...(options.sku && options.sku.length > 0 ? { skus: options.sku } : {}),
      ...(prices ? { prices } : {}),
    });
    const file: ReclaimPlanFile = {
      ...plan,
      tenant: connection.tenant,
      graphOrigin: connection.client.graphOrigin,
    };
    if (options.out) writeFileSync(options.out, `${JSON.stringify(file, null, 2)}\n`);
    if (options.json) output.json(file);
    else {
      output.out(renderReclaimPlan(plan, output.color));
      if (options.out)
        output.err(
          `Plan written to ${options.out}; apply it with: entra-licensing reclaim apply ${options.out}`,
        );
    }
    return EXIT.ok;
  });
}

function resultLine(r: ReclaimActionResult, color: Colors): string {
  const what = r.kind === 'removeGroupMember' ? `leave ${r.groupName ?? r.groupId}` : 'remove direct license';
  const mark =
    r.status === 'applied'
      ? color.green('applied')
      : r.status === 'unchanged' || r.status === 'planned'
        ? color.dim(r.status)
        : color.red(r.status);
  return `${safeText(r.userPrincipalName)} ${r.skuPartNumber} (${safeText(what)}): ${mark}${r.reason ? ` — ${safeText(r.reason)}` : ''}`;
}

async function runApplyPlan(
  path: string,
  options: ReclaimCommandOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const { output } = context;
  const plan = readPlanFile(path);
  return withConnection(options, context, async (connection) => {
    if (
      plan.tenant.toLowerCase() !== connection.tenant.toLowerCase() ||
      plan.graphOrigin !== connection.client.graphOrigin
    ) {
      throw problem(
        'SAVED_PLAN_OTHER_TENANT',
        'file',
        path,
        `the plan was made for tenant ${plan.tenant} at ${plan.graphOrigin}; this run signs in to ${connection.tenant} at ${connection.client.graphOrigin}. Nothing was written.`,
      );
    }
    const common = {
      ...(options.allowDataLoss ? { allowDataLoss: true } : {}),
      ...(options.maxActions === undefined ? {} : { maxActions: options.maxActions }),
    };
    // Re-check first (reads only): what still holds, what is refused, and the guards, before asking.
    const check = await connection.service.applyReclaimPlan(plan, { ...common, dryRun: true });
    if (!options.json) {
      output.out(check.results.map((r) => resultLine(r, output.color)).join('\n'));
      output.out(
        `${plural(check.summary.planned, 'action')} to apply, ${check.summary.refused} refused (evidence no longer holds).`,
      );
    }
    let run: ReclaimApplyRun = check;
    if (check.summary.planned > 0) {
      if (!options.autoApprove && !(await confirmApply(context.stdin, output.streams.stderr))) {
        throw new CliError({ code: 'CANCELLED', message: 'Reclaim cancelled; nothing was changed.' });
      }
      const progress = await createProgress(output, 'reclaiming');
      progress.start(check.summary.planned);
      try {
        run = await connection.service.applyReclaimPlan(plan, {
          ...common,
          onProgress: (event) => {
            if (event.type === 'target-done') progress.tick(`${event.target.kind} ${event.target.id}`);
          },
        });
      } finally {
        progress.stop();
      }
      if (!options.json) output.out(run.results.map((r) => resultLine(r, output.color)).join('\n'));
    }
    const failed: Problem[] = run.results
      .filter((r) => r.status === 'failed')
      .map((r) => ({
        code: r.error?.code ?? 'FAILED',
        message: `${r.userPrincipalName} ${r.skuPartNumber}: ${r.error?.message ?? r.reason ?? 'failed'}`,
      }));
    if (options.json) {
      output.json({ ...run, ...(failed.length > 0 ? { errors: failed.map(problemJson) } : {}) });
      return failed.length > 0 ? EXIT.error : EXIT.ok;
    }
    output.out(
      output.color.bold(
        `Reclaim complete: ${run.summary.applied} applied, ${run.summary.unchanged} unchanged, ${run.summary.refused} refused, ${run.summary.failed} failed.`,
      ),
    );
    if (failed.length > 0) throw new CliError(failed);
    return EXIT.ok;
  });
}

/** `reclaim …` finds the candidates (and `--out` saves the plan); `reclaim apply FILE` re-checks and applies it. */
export async function runReclaim(
  args: readonly string[],
  options: ReclaimCommandOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const [action, file] = args;
  if (action === undefined) return runFind(options, context);
  if (action !== 'apply') {
    throw problem(
      'UNKNOWN_ACTION',
      'action',
      action,
      `reclaim takes no argument, or 'apply FILE'; got ${JSON.stringify(action)}.`,
    );
  }
  if (!file)
    throw problem(
      'ARGUMENT_MISSING',
      'file',
      undefined,
      'reclaim apply needs the plan file written by reclaim --out.',
    );
  return runApplyPlan(file, options, context);
}

function days(value: string): number {
  return wholeNumber(value);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export const definition: CommandDefinition = {
  name: 'reclaim',
  description:
    'find licenses held by people who do not use them (never signed in, dormant, sign-in blocked) with a grace period and exceptions; save the plan, then apply it after review',
  examples: `  $ entra-licensing reclaim --inactive-days 90 --grace-days 30 --except exceptions.yaml --out reclaim-plan.json
  $ entra-licensing reclaim --inactive-days 90 --grace-days 30 --sku SPE_E5 --json
  $ entra-licensing reclaim apply reclaim-plan.json --max-actions 50
  exceptions.yaml:  users: [ceo@contoso.com]   groups: [On leave]`,
  declare: (command: Command) =>
    command
      .argument('[action]', "'apply' to apply a saved reclaim plan")
      .argument('[file]', 'with apply: the plan written by --out')
      .option('--inactive-days <n>', 'dormant: no successful sign-in of either kind for n days', days)
      .option(
        '--grace-days <n>',
        'never a candidate: accounts created, or licenses changed, within n days',
        days,
      )
      .option('--except <file>', 'exceptions (YAML or JSON): users: [UPN or id], groups: [name or id]')
      .option('--sku <sku>', 'only this SKU (product name, part number or skuId); repeatable', collect)
      .option('-o, --out <file>', 'write the plan to this file, for reclaim apply')
      .option(
        '--prices <file>',
        'seat prices (YAML or JSON, schema/prices.schema.json, as report takes): the spend freed',
      )
      .option('--auto-approve', 'apply: do not ask (pipelines)')
      .option(
        '--allow-data-loss',
        'apply: also take mailboxes or files from people who keep them through no other path',
      )
      .option(
        '--max-actions <n>',
        'apply: refuse, before any write, a plan with more than n actions',
        wholeNumber,
      ),
  run: (args, options, context) => runReclaim(args, options as ReclaimCommandOptions, context),
};
