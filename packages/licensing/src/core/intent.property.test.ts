import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tenantSku } from '../test-support/tenant-skus.js';
import { mergeChangeSets, planChangeSet } from './change-set.js';
import { type LicenseIntent, resolveIntent } from './intent.js';
import { LicensingError } from './licensing-error.js';
import { applyAssignLicenseBody, type NormalizedLicense } from './plan.js';

const PARTS = ['SPE_E3', 'SPE_E5', 'EMSPREMIUM', 'AAD_PREMIUM'] as const;
const tenant = PARTS.map((p) => tenantSku(p, { enabled: 100 }));
const plansOf = (part: string) =>
  (tenant[PARTS.indexOf(part as (typeof PARTS)[number])]?.servicePlans ?? []).slice(0, 5);

const planName = (part: string) => fc.constantFrom(...plansOf(part).map((p) => p.servicePlanName ?? ''));
const part = fc.constantFrom(...PARTS);
const intent: fc.Arbitrary<LicenseIntent> = fc.oneof(
  part.chain((p) =>
    fc
      .uniqueArray(planName(p), { maxLength: 2 })
      .map((disabledPlans) => ({ action: 'assign', skus: [{ sku: p, disabledPlans }] }) as LicenseIntent),
  ),
  part.map((p) => ({ action: 'remove', skus: [p] }) as LicenseIntent),
  part.chain((p) =>
    fc
      .tuple(fc.uniqueArray(planName(p), { maxLength: 2 }), fc.uniqueArray(planName(p), { maxLength: 2 }))
      .filter(([d, e]) => d.length + e.length > 0 && !d.some((x) => e.includes(x)))
      .map(([disable, enable]) => ({ action: 'updatePlans', sku: p, disable, enable }) as LicenseIntent),
  ),
);
const current = fc.subarray([...PARTS]).chain((parts) =>
  fc.tuple(
    ...parts.map((p) =>
      fc.subarray(plansOf(p).map((x) => String(x.servicePlanId))).map((disabledPlans) => ({
        skuId: String(tenant[PARTS.indexOf(p)]?.skuId),
        disabledPlans: [...disabledPlans].sort(),
      })),
    ),
  ),
);

function key(licenses: readonly NormalizedLicense[]): string[] {
  return licenses.map((l) => `${l.skuId}:${[...l.disabledPlans].sort().join('+')}`).sort();
}

describe('merging intents for one target (property-based)', () => {
  it('when the merge is accepted, one merged call equals applying the intents one after another', () => {
    let compared = 0;
    fc.assert(
      fc.property(current, fc.array(intent, { minLength: 2, maxLength: 4 }), (start, intents) => {
        const sets = intents.map((i) => resolveIntent(i, tenant));
        let merged: ReturnType<typeof mergeChangeSets>;
        let mergedPlan: ReturnType<typeof planChangeSet>;
        try {
          merged = mergeChangeSets(sets);
          mergedPlan = planChangeSet(start, merged);
        } catch (error) {
          expect(error).toBeInstanceOf(LicensingError);
          return; // contradictions are refused, never half-applied
        }
        let sequential: NormalizedLicense[] = start;
        for (const set of sets) {
          try {
            sequential = applyAssignLicenseBody(sequential, planChangeSet(sequential, set).body);
          } catch {
            return; // e.g. updatePlans before the assign that adds the SKU: only the merged order is meaningful
          }
        }
        expect(key(applyAssignLicenseBody(start, mergedPlan.body))).toEqual(key(sequential));
        compared += 1;
        const body = mergedPlan.body;
        if (body)
          for (const id of body.removeLicenses)
            expect(body.addLicenses.some((a) => a.skuId === id)).toBe(false);
      }),
      { numRuns: 1000 },
    );
    // The property must not pass by refusing everything.
    expect(compared).toBeGreaterThan(300);
  });
});
