import type { SubscribedSkuLike } from './graph-models.js';
import type { LicensePlan, SkuChange, SkuChangeAction } from './plan.js';
import { describePlanId, describeSkuId, type ResolvedSku, skuLabel } from './sku-index.js';

export interface NamedPlanRef {
  servicePlanId: string;
  label: string;
}

/** One SKU change in names, for display and for JSON output. */
export interface NamedSkuChange {
  skuId: string;
  sku: string;
  skuPartNumber: string;
  action: SkuChangeAction;
  disabledPlansBefore: NamedPlanRef[] | null;
  disabledPlansAfter: NamedPlanRef[] | null;
  plansDisabled: NamedPlanRef[];
  plansEnabled: NamedPlanRef[];
}

export interface LicensePlanJson {
  target?: string;
  hasChanges: boolean;
  summary: { add: number; update: number; remove: number; unchanged: number; kept: number };
  changes: NamedSkuChange[];
  warnings: LicensePlan['warnings'];
  body: LicensePlan['body'];
}

function named(ids: readonly string[] | null, sku?: ResolvedSku): NamedPlanRef[] | null {
  return ids === null ? null : ids.map((id) => ({ servicePlanId: id, label: describePlanId(id, sku) }));
}

function nameChange(change: SkuChange, tenantSkus?: readonly SubscribedSkuLike[]): NamedSkuChange {
  const sku = describeSkuId(change.skuId, tenantSkus);
  return {
    skuId: change.skuId,
    sku: sku ? skuLabel(sku) : change.skuId,
    skuPartNumber: sku?.skuPartNumber ?? change.skuId,
    action: change.action,
    disabledPlansBefore: named(change.disabledPlansBefore, sku),
    disabledPlansAfter: named(change.disabledPlansAfter, sku),
    plansDisabled: named(change.plansDisabled, sku) ?? [],
    plansEnabled: named(change.plansEnabled, sku) ?? [],
  };
}

/** The plan in names, ready for JSON output (the n8n node returns this). */
export function planToJson(
  plan: LicensePlan,
  options: { tenantSkus?: readonly SubscribedSkuLike[]; target?: string } = {},
): LicensePlanJson {
  const changes = plan.changes.map((c) => nameChange(c, options.tenantSkus));
  const countOf = (action: SkuChangeAction) => changes.filter((c) => c.action === action).length;
  return {
    ...(options.target ? { target: options.target } : {}),
    hasChanges: plan.body !== null,
    summary: {
      add: countOf('add'),
      update: countOf('update'),
      remove: countOf('remove'),
      unchanged: countOf('unchanged'),
      kept: countOf('kept'),
    },
    changes,
    warnings: plan.warnings,
    body: plan.body,
  };
}

const SYMBOL: Record<SkuChangeAction, string> = {
  add: '+',
  remove: '-',
  update: '~',
  unchanged: '=',
  kept: ' ',
};

function labels(refs: readonly NamedPlanRef[] | null): string {
  return refs && refs.length > 0 ? refs.map((r) => r.label).join(', ') : 'none';
}

/**
 * A human-readable plan, like `terraform plan`:
 * ```
 *   + Microsoft 365 E3 (SPE_E3)
 *       disabled plans: Microsoft Teams (TEAMS1)
 *   ~ Office 365 E5 (ENTERPRISEPREMIUM)
 *       - disable Yammer Enterprise (YAMMER_ENTERPRISE)
 *   - Office 365 E3 (ENTERPRISEPACK)
 * Plan: 1 to add, 1 to change, 1 to remove.
 * ```
 */
export function renderPlan(
  plan: LicensePlan,
  options: { tenantSkus?: readonly SubscribedSkuLike[]; target?: string } = {},
): string {
  const json = planToJson(plan, options);
  const lines: string[] = [];
  if (options.target) lines.push(`License plan for ${options.target}:`);
  for (const change of json.changes) {
    const suffix =
      change.action === 'unchanged'
        ? '  (unchanged)'
        : change.action === 'kept'
          ? '  (not managed, kept)'
          : '';
    lines.push(`  ${SYMBOL[change.action]} ${change.sku}${suffix}`);
    if (change.action === 'add' && change.plansDisabled.length > 0) {
      lines.push(`      disabled plans: ${labels(change.plansDisabled)}`);
    }
    if (change.action === 'update') {
      for (const p of change.plansDisabled) lines.push(`      - disable ${p.label}`);
      for (const p of change.plansEnabled) lines.push(`      + enable ${p.label}`);
    }
  }
  for (const warning of json.warnings) lines.push(`  ! ${warning.message}`);
  const { add, update, remove } = json.summary;
  lines.push(
    json.hasChanges
      ? `Plan: ${add} to add, ${update} to change, ${remove} to remove.`
      : 'No changes. The licenses already match the desired state.',
  );
  return lines.join('\n');
}
