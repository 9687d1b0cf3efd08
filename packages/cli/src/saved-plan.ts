import { readFileSync, writeFileSync } from 'node:fs';
import type {
  BulkItem,
  DataLoss,
  LicenseIntent,
  LicensePlanJson,
  LicenseTarget,
  MemberImpact,
  NamedSkuChange,
  PlanWarning,
} from '@entra-licensing/licensing';
import type { DesiredEntry } from './desired-file.js';
import type { EntryImpact } from './member-impact.js';
import type { FilePlan, PlannedEntry, PlanSummary } from './plan-file.js';
import { CliError } from './problems.js';

export const SAVED_PLAN_FORMAT = 'entra-licensing-plan';
export const SAVED_PLAN_VERSION = 1;

/** One SKU a target held when the plan was computed. */
export interface HeldLicense {
  skuId: string;
  /** `Microsoft 365 E3 (SPE_E3)`. */
  sku: string;
  disabledPlans: string[];
}

export interface SavedTarget {
  /** Where the entry is in the desired file: `groups[0]`. */
  entry: string;
  /** As written in the file. */
  ref: string;
  target: LicenseTarget;
  targetName: string;
  exclusive: boolean;
  /** What the target held when planned: `apply` refuses the target when it holds anything else now. */
  state: HeldLicense[];
  hasChanges: boolean;
  plan: LicensePlanJson;
  warnings: PlanWarning[];
  /**
   * What the change did to each member when planned, as `plan --json` prints it; with the data-bearing plans taken
   * and the human lines, for `show`. `apply` computes it again before writing.
   */
  impact?: MemberImpact;
  dataLosses?: DataLoss[];
  impactLines?: string[];
}

/** What `plan --out FILE` writes and `apply FILE` applies: the exact changes per target and the state behind them. */
export interface SavedPlan {
  format: typeof SAVED_PLAN_FORMAT;
  formatVersion: typeof SAVED_PLAN_VERSION;
  createdAt: string;
  /** The desired file the plan was computed from. */
  file: string;
  /** The Graph origin and tenant the plan was computed against: applying it elsewhere is refused. */
  graphOrigin: string;
  tenant: string;
  hasChanges: boolean;
  summary: PlanSummary;
  targets: SavedTarget[];
}

/** The SKUs the target held, as the plan saw them (every change that had a "before"), in a stable order. */
export function heldLicenses(plan: LicensePlanJson): HeldLicense[] {
  return plan.changes
    .filter(
      (
        c,
      ): c is NamedSkuChange & { disabledPlansBefore: NonNullable<NamedSkuChange['disabledPlansBefore']> } =>
        Array.isArray(c.disabledPlansBefore),
    )
    .map((c) => ({
      skuId: c.skuId.toLowerCase(),
      sku: c.sku,
      disabledPlans: c.disabledPlansBefore.map((p) => p.servicePlanId.toLowerCase()).sort(),
    }))
    .sort((a, b) => a.skuId.localeCompare(b.skuId));
}

export function toSavedPlan(plan: FilePlan, where: { graphOrigin: string; tenant: string }): SavedPlan {
  return {
    format: SAVED_PLAN_FORMAT,
    formatVersion: SAVED_PLAN_VERSION,
    createdAt: new Date().toISOString(),
    file: plan.file,
    graphOrigin: where.graphOrigin,
    tenant: where.tenant,
    hasChanges: plan.summary.changed > 0,
    summary: plan.summary,
    targets: plan.entries.map((e) => ({
      entry: e.entry.field,
      ref: e.entry.ref,
      target: e.target,
      targetName: e.targetName,
      exclusive: e.entry.exclusive,
      state: heldLicenses(e.plan),
      hasChanges: e.plan.hasChanges,
      plan: e.plan,
      warnings: e.warnings,
      ...(e.impact
        ? { impact: e.impact.impact, dataLosses: e.impact.dataLosses, impactLines: e.impact.lines }
        : {}),
    })),
  };
}

/** The in-memory plan of a saved one (the entries `apply` works on). */
export function fromSavedPlan(saved: SavedPlan): FilePlan {
  const entries: PlannedEntry[] = saved.targets.map((t) => {
    const entry: DesiredEntry = {
      kind: t.target.kind,
      ref: t.ref,
      field: t.entry,
      licenses: [],
      exclusive: t.exclusive,
    };
    return {
      entry,
      target: t.target,
      targetName: t.targetName,
      intent: desiredIntent(t.plan, t.exclusive),
      plan: t.plan,
      warnings: t.warnings,
      ...(t.impact ? { impact: savedImpact(t.impact, t.dataLosses, t.impactLines) } : {}),
    };
  });
  return { file: saved.file, entries, summary: saved.summary };
}

function savedImpact(
  impact: MemberImpact,
  dataLosses: DataLoss[] | undefined,
  lines: string[] | undefined,
): EntryImpact {
  return { impact, dataLosses: dataLosses ?? [], lines: lines ?? [] };
}

export function writeSavedPlan(path: string, saved: SavedPlan): void {
  writeFileSync(path, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
}

function badPlan(path: string, why: string): CliError {
  return new CliError({
    code: 'SAVED_PLAN_INVALID',
    field: 'file',
    value: path,
    message: `is not a saved plan this version can apply: ${why} Make it again with: entra-licensing plan <licenses.yaml> --out ${path}`,
  });
}

/** True when the file's text is a saved plan (a desired file never has a top-level `format`). */
export function looksLikeSavedPlan(text: string): boolean {
  return /^\s*\{\s*"format"\s*:\s*"entra-licensing-plan"/.test(text);
}

/** Reads and checks a saved plan (shape only; the tenant is checked by `apply`). */
export function readSavedPlan(path: string, text = readFileSync(path, 'utf8')): SavedPlan {
  let data: Partial<SavedPlan>;
  try {
    data = JSON.parse(text) as Partial<SavedPlan>;
  } catch {
    throw badPlan(path, 'it is not JSON.');
  }
  if (data.format !== SAVED_PLAN_FORMAT) throw badPlan(path, `"format" is not "${SAVED_PLAN_FORMAT}".`);
  if (data.formatVersion !== SAVED_PLAN_VERSION)
    throw badPlan(
      path,
      `"formatVersion" is ${JSON.stringify(data.formatVersion)}, not ${SAVED_PLAN_VERSION}.`,
    );
  if (!Array.isArray(data.targets) || typeof data.tenant !== 'string' || typeof data.graphOrigin !== 'string')
    throw badPlan(path, '"targets", "tenant" or "graphOrigin" is missing.');
  for (const [i, t] of data.targets.entries()) {
    const ok =
      t &&
      typeof t.entry === 'string' &&
      (t.target?.kind === 'group' || t.target?.kind === 'user') &&
      typeof t.target.id === 'string' &&
      Array.isArray(t.state) &&
      Array.isArray(t.plan?.changes);
    if (!ok) throw badPlan(path, `targets[${i}] is incomplete.`);
  }
  return data as SavedPlan;
}

/**
 * The `set` intent a saved target was planned with: the SKUs the file listed (added, updated or unchanged) with
 * their disabled plans, and `exclusive`. Planning it again against an unchanged target gives the same plan.
 */
export function desiredIntent(plan: LicensePlanJson, exclusive: boolean): LicenseIntent {
  const licenses = plan.changes
    .filter(
      (c) =>
        (c.action === 'add' || c.action === 'update' || c.action === 'unchanged') && c.disabledPlansAfter,
    )
    .map((c) => ({ sku: c.skuId, disabledPlans: (c.disabledPlansAfter ?? []).map((p) => p.servicePlanId) }));
  return { action: 'set', licenses, exclusive };
}

/**
 * The bulk items that send exactly the approved changes of one target, each SKU by id: the added SKUs with exactly
 * their approved disabled plans (`assign`), each updated SKU's plans switched off and on as approved (`updatePlans`),
 * the approved removals (`remove`). The service merges them into one call for the target; none of them can touch a
 * SKU or a plan the plan did not name.
 */
export function exactItems(target: LicenseTarget, plan: LicensePlanJson, key: string): BulkItem[] {
  const ids = (refs: readonly { servicePlanId: string }[]) => refs.map((p) => p.servicePlanId);
  const added = plan.changes
    .filter((c) => c.action === 'add')
    .map((c) => ({ sku: c.skuId, disabledPlans: ids(c.disabledPlansAfter ?? []) }));
  const removed = plan.changes.filter((c) => c.action === 'remove').map((c) => c.skuId);
  // the engine enforces it too: this target may lose at most the SKUs its approved plan removes
  const options = { maxRemovals: removed.length };
  const items: BulkItem[] = [];
  if (added.length > 0) items.push({ target, key, intent: { action: 'assign', skus: added }, options });
  for (const c of plan.changes.filter((change) => change.action === 'update')) {
    items.push({
      target,
      key,
      intent: {
        action: 'updatePlans',
        sku: c.skuId,
        disable: ids(c.plansDisabled),
        enable: ids(c.plansEnabled),
      },
      options,
    });
  }
  if (removed.length > 0) items.push({ target, key, intent: { action: 'remove', skus: removed }, options });
  return items;
}

function sameState(a: readonly HeldLicense[], b: readonly HeldLicense[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return (
        y !== undefined && x.skuId === y.skuId && x.disabledPlans.join(',') === y.disabledPlans.join(',')
      );
    })
  );
}

function held(state: readonly HeldLicense[]): string {
  if (state.length === 0) return 'no license';
  return state
    .map((l) => (l.disabledPlans.length > 0 ? `${l.sku} (${l.disabledPlans.length} plan(s) off)` : l.sku))
    .join(', ');
}

/** Why a saved target is stale (undefined when it still holds what it held when planned). */
export function staleReason(saved: readonly HeldLicense[], now: readonly HeldLicense[]): string | undefined {
  if (sameState(saved, now)) return undefined;
  return `when planned it held ${held(saved)}; it now holds ${held(now)}`;
}
