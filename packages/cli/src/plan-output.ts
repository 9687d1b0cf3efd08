import type { NamedPlanRef, NamedSkuChange, SkuChangeAction } from '@entra-licensing/licensing';
import { impactLines } from './member-impact.js';
import type { Colors } from './output.js';
import type { FilePlan, PlannedEntry } from './plan-file.js';
import { safeText } from './safe-text.js';
import type { SavedPlan } from './saved-plan.js';

const SYMBOL: Record<SkuChangeAction, string> = {
  add: '+',
  update: '~',
  remove: '-',
  unchanged: '=',
  kept: ' ',
};

/** Terraform's legend: the symbols of the changes shown below it. */
export const PLAN_LEGEND = 'License changes are shown with these symbols:\n  + add\n  ~ change\n  - remove';

function labels(refs: readonly NamedPlanRef[]): string {
  return refs.map((r) => safeText(r.label)).join(', ');
}

function paint(action: SkuChangeAction, c: Colors): (text: string) => string {
  if (action === 'add') return c.green;
  if (action === 'remove') return c.red;
  if (action === 'update') return c.yellow;
  return (text) => text;
}

/** One SKU change, coloured by its action as it is rendered (never re-parsed from text). */
function changeLines(change: NamedSkuChange, c: Colors): string[] {
  const color = paint(change.action, c);
  const sku = safeText(change.sku);
  if (change.action === 'unchanged' && change.disabledPlansBefore === null) {
    // a removal asked for a SKU the target does not hold: nothing to do, and not "unchanged" either
    return [c.dim(`    ${sku}  (not held: nothing to remove)`)];
  }
  const suffix =
    change.action === 'unchanged' ? '  (unchanged)' : change.action === 'kept' ? '  (not managed, kept)' : '';
  const lines = [color(`  ${SYMBOL[change.action]} ${sku}${suffix}`)];
  if (change.action === 'add' && change.plansDisabled.length > 0) {
    lines.push(`      disabled plans: ${labels(change.plansDisabled)}`);
  }
  if (change.action === 'update') {
    for (const p of change.plansDisabled) lines.push(c.red(`      - disable ${safeText(p.label)}`));
    for (const p of change.plansEnabled) lines.push(c.green(`      + enable ${safeText(p.label)}`));
  }
  return lines;
}

/** One target with changes, in full. */
export function renderEntry(
  entry: Pick<PlannedEntry, 'targetName' | 'plan' | 'warnings' | 'impact'>,
  c: Colors,
): string[] {
  const lines = [c.bold(`License plan for ${safeText(entry.targetName)}:`)];
  for (const change of entry.plan.changes) lines.push(...changeLines(change, c));
  lines.push(...impactLines(entry.impact, c));
  for (const warning of entry.warnings) lines.push(c.yellow(`  ! ${safeText(warning.message)}`));
  return lines;
}

/** The plan of a whole file, terraform style: the legend, each target with changes in full, the others on one line. */
export function renderFilePlan(plan: FilePlan, c: Colors): string {
  const lines: string[] = [];
  if (plan.summary.changed > 0) lines.push(PLAN_LEGEND);
  for (const entry of plan.entries) {
    if (!entry.plan.hasChanges) {
      lines.push(c.dim(`${safeText(entry.targetName)}: no changes (${entry.entry.field})`));
      continue;
    }
    lines.push('', ...renderEntry(entry, c));
  }
  for (const entry of plan.entries) {
    if (entry.plan.hasChanges) continue;
    for (const warning of entry.warnings)
      lines.push(c.yellow(`  ! ${safeText(entry.targetName)}: ${safeText(warning.message)}`));
  }
  lines.push('');
  const { add, update, remove, changed, targets } = plan.summary;
  if (plan.entries.length === 0) {
    lines.push(c.bold(`No targets: ${plan.file} names no group and no user, so nothing is managed.`));
  } else {
    lines.push(
      changed === 0
        ? c.bold(`No changes. ${targets} target(s) already match ${plan.file}.`)
        : c.bold(
            `Plan: ${add} to add, ${update} to change, ${remove} to remove, on ${changed} of ${targets} target(s).`,
          ),
    );
  }
  return lines.join('\n');
}

/** The plan for `--json`: per target the plan in names, the state it was computed from, and the raw body. */
export function filePlanJson(plan: FilePlan) {
  return {
    file: plan.file,
    hasChanges: plan.summary.changed > 0,
    summary: plan.summary,
    targets: plan.entries.map(({ entry, target, targetName, plan: targetPlan, warnings, impact }) => ({
      entry: entry.field,
      ref: entry.ref,
      target,
      targetName,
      exclusive: entry.exclusive,
      hasChanges: targetPlan.hasChanges,
      plan: targetPlan,
      warnings,
      ...(impact ? { impact: impact.impact } : {}),
    })),
  };
}

/** A saved plan for `--json`: the same shape as `plan --json`, plus the state each target was planned from. */
export function savedPlanJson(saved: SavedPlan) {
  return {
    file: saved.file,
    hasChanges: saved.hasChanges,
    summary: saved.summary,
    createdAt: saved.createdAt,
    tenant: saved.tenant,
    graphOrigin: saved.graphOrigin,
    targets: saved.targets.map((t) => ({
      entry: t.entry,
      ref: t.ref,
      target: t.target,
      targetName: t.targetName,
      exclusive: t.exclusive,
      hasChanges: t.hasChanges,
      state: t.state,
      plan: t.plan,
      warnings: t.warnings,
      ...(t.impact ? { impact: t.impact } : {}),
    })),
  };
}
