import { getCatalog } from '@entra-licensing/sku-catalog';
import type { LicenseChangeSet } from './change-set.js';
import type { SubscribedSkuLike } from './graph-models.js';
import { LicensingError, shownValue } from './licensing-error.js';
import type { LicensePlan, PlanWarning } from './plan.js';
import { describePlanId, describeSkuId, type ResolvedSku, skuLabel, tenantSkuIndex } from './sku-index.js';

const BLOCKED_STATUSES = new Set(['suspended', 'lockedout', 'deleted']);

/** An enabled plan the target already has from a license the plan does not touch. */
export interface ExistingPlan {
  servicePlanId: string;
  /** Where it comes from, e.g. `Office 365 E3 (ENTERPRISEPACK)` or `group 1132b215-…`. */
  source: string;
}

export interface TargetValidationContext {
  kind: 'user' | 'group';
  tenantSkus: readonly SubscribedSkuLike[];
  /** For groups: per skuId, how many members do not hold that SKU yet (each would take a seat). */
  membersNeedingSeat?: ReadonlyMap<string, number>;
  /** Enabled plans the target holds outside the SKUs this plan changes (inherited or other licenses). */
  otherEnabledPlans?: readonly ExistingPlan[];
  /** Turn the group seat shortfall warning into an error. */
  strictSeats?: boolean;
  /** SKUs a user already holds through a group: a direct copy takes no extra seat. */
  seatsAlreadyHeld?: ReadonlySet<string>;
}

export interface ValidationResult {
  errors: LicensingError[];
  warnings: PlanWarning[];
}

/** Where a SKU of the plan came from: the field, and the reference as the caller typed it (else the skuId). */
function requestFor(
  changeSet: LicenseChangeSet | undefined,
  skuId: string,
): { field: string; typed: string } {
  const request = changeSet?.skus.find((r) => r.skuId === skuId);
  return { field: request?.field ?? `addLicenses[${skuId}]`, typed: request?.ref ?? skuId };
}

/**
 * `"E3" (Microsoft 365 E3 (SPE_E3))`, or the label alone when the caller typed what it already shows: the skuId,
 * the label, the product name or the part number (in any case).
 */
function asTyped(typed: string, skuId: string, name: string): string {
  const t = typed.trim().toLowerCase();
  const n = name.toLowerCase();
  const shown = t === skuId.toLowerCase() || t === n || n.startsWith(`${t} (`) || n.endsWith(`(${t})`);
  return shown ? name : `${shownValue(typed)} (${name})`;
}

/**
 * Checks a plan against the tenant before anything is sent: SKUs subscribed and assignable, plans of that SKU,
 * seats, and mutually exclusive plans. Returns every error and warning (nothing is thrown).
 */
export function validatePlan(
  plan: LicensePlan,
  context: TargetValidationContext,
  changeSet?: LicenseChangeSet,
): ValidationResult {
  const errors: LicensingError[] = [];
  const warnings: PlanWarning[] = [...plan.warnings];
  if (!plan.body) return { errors, warnings };
  const index = tenantSkuIndex(context.tenantSkus);
  const removed = new Set(plan.body.removeLicenses);
  for (const skuId of plan.body.removeLicenses) {
    if (plan.body.addLicenses.some((a) => a.skuId === skuId)) {
      const { field, typed } = requestFor(changeSet, skuId);
      const sku = index.bySkuId.get(skuId) ?? describeSkuId(skuId);
      errors.push(
        new LicensingError({
          code: 'SKU_ADD_AND_REMOVE',
          field,
          value: typed,
          resolvedId: skuId,
          message: `${field}: ${asTyped(typed, skuId, sku ? skuLabel(sku) : skuId)} is both added and removed [skuId ${skuId}].`,
        }),
      );
    }
  }
  const newlyEnabled: { planId: string; sku: ResolvedSku; field: string; typed: string }[] = [];
  for (const add of plan.body.addLicenses) {
    const { field, typed } = requestFor(changeSet, add.skuId);
    const change = plan.changes.find((c) => c.skuId === add.skuId);
    const isNew = change?.action === 'add';
    const sku = index.bySkuId.get(add.skuId);
    if (!sku) {
      const known = describeSkuId(add.skuId);
      errors.push(
        new LicensingError({
          code: 'SKU_NOT_IN_TENANT',
          field,
          value: typed,
          resolvedId: add.skuId,
          message: `${field}: the tenant has no subscription for ${asTyped(typed, add.skuId, known ? skuLabel(known) : add.skuId)} [skuId ${add.skuId}]; it cannot be assigned.`,
          suggestions: index.skus.map(skuLabel),
        }),
      );
      continue;
    }
    const label = asTyped(typed, add.skuId, skuLabel(sku));
    if (sku.appliesTo && sku.appliesTo.toLowerCase() === 'company') {
      errors.push(
        new LicensingError({
          code: 'SKU_NOT_ASSIGNABLE',
          field,
          value: typed,
          resolvedId: add.skuId,
          message: `${field}: ${label} applies to the company (appliesTo: Company) and cannot be assigned to users or groups.`,
        }),
      );
      continue;
    }
    if (isNew && sku.capabilityStatus && BLOCKED_STATUSES.has(sku.capabilityStatus.toLowerCase())) {
      errors.push(
        new LicensingError({
          code: 'SKU_NOT_ASSIGNABLE',
          field,
          value: typed,
          resolvedId: add.skuId,
          message: `${field}: the subscription for ${label} is ${sku.capabilityStatus}; it cannot be assigned.`,
        }),
      );
      continue;
    }
    const ownPlans = new Set(sku.servicePlans.map((p) => p.servicePlanId));
    add.disabledPlans.forEach((planId) => {
      if (!ownPlans.has(planId)) {
        errors.push(
          new LicensingError({
            code: 'PLAN_NOT_IN_SKU',
            field: `${field}.disabledPlans`,
            value: planId,
            message: `${field}.disabledPlans: ${describePlanId(planId)} [${planId}] is not a plan of ${label}.`,
            suggestions: sku.servicePlans.map((p) => p.servicePlanName),
          }),
        );
      }
    });
    if (isNew) {
      const seats = sku.seats?.available ?? 0;
      const noSeats = (message: string) =>
        new LicensingError({ code: 'SEATS_EXHAUSTED', field, value: typed, resolvedId: add.skuId, message });
      if (context.kind === 'user' && seats < 1 && !context.seatsAlreadyHeld?.has(add.skuId)) {
        errors.push(
          noSeats(
            `${field}: ${label} has no free seat (${sku.seats?.consumed ?? 0} of ${sku.seats?.enabled ?? 0} used).`,
          ),
        );
      }
      const needed = context.membersNeedingSeat?.get(add.skuId);
      if (context.kind === 'group' && needed !== undefined && needed > seats) {
        const message = `${field}: ${label} has ${seats} free seat(s) but ${needed} member(s) of the group do not hold it yet; ${needed - seats} member(s) would fail with CountViolation.`;
        if (context.strictSeats) {
          errors.push(noSeats(message));
        } else {
          warnings.push({ code: 'SEAT_SHORTFALL', skuId: add.skuId, field, message });
        }
      }
    }
    const previouslyEnabled = new Set(
      isNew
        ? []
        : sku.servicePlans
            .map((p) => p.servicePlanId)
            .filter((p) => !change?.disabledPlansBefore?.includes(p)),
    );
    const disabled = new Set(add.disabledPlans);
    for (const plan of sku.servicePlans) {
      if (!disabled.has(plan.servicePlanId) && !previouslyEnabled.has(plan.servicePlanId)) {
        newlyEnabled.push({ planId: plan.servicePlanId, sku, field, typed });
      }
    }
  }
  errors.push(...mutualExclusionErrors(newlyEnabled, context, plan, removed));
  return { errors, warnings };
}

function mutualExclusionErrors(
  newlyEnabled: readonly { planId: string; sku: ResolvedSku; field: string; typed: string }[],
  context: TargetValidationContext,
  plan: LicensePlan,
  removed: ReadonlySet<string>,
): LicensingError[] {
  const exclusive = getCatalog().mutuallyExclusivePlans;
  const index = tenantSkuIndex(context.tenantSkus);
  const existing: (ExistingPlan & { skuId?: string })[] = [...(context.otherEnabledPlans ?? [])];
  // Plans that stay enabled on the target after this call, from its other SKUs (kept, unchanged or updated).
  for (const change of plan.changes) {
    if (change.action === 'add' || change.action === 'remove' || removed.has(change.skuId)) continue;
    const sku = index.bySkuId.get(change.skuId);
    for (const p of sku?.servicePlans ?? []) {
      if (!change.disabledPlansAfter?.includes(p.servicePlanId)) {
        existing.push({
          servicePlanId: p.servicePlanId,
          source: sku ? skuLabel(sku) : change.skuId,
          skuId: change.skuId,
        });
      }
    }
  }
  for (const added of newlyEnabled) {
    existing.push({
      servicePlanId: added.planId,
      source: `${skuLabel(added.sku)}, added by this same call`,
      skuId: added.sku.skuId,
    });
  }
  const errors: LicensingError[] = [];
  for (const candidate of newlyEnabled) {
    const others = exclusive.get(candidate.planId);
    if (!others) continue;
    const clash = existing.find((e) => e.skuId !== candidate.sku.skuId && others.includes(e.servicePlanId));
    if (clash) {
      errors.push(
        new LicensingError({
          code: 'MUTUALLY_EXCLUSIVE_PLANS',
          field: candidate.field,
          value: candidate.typed,
          resolvedId: candidate.sku.skuId,
          message: `${candidate.field}: ${describePlanId(candidate.planId, candidate.sku)} of ${skuLabel(candidate.sku)} cannot be combined with ${describePlanId(clash.servicePlanId)} that the target already has from ${clash.source}. Disable one of the two plans.`,
          suggestions: [describePlanId(candidate.planId, candidate.sku)],
        }),
      );
    }
  }
  return errors;
}
