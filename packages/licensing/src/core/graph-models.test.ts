import type { AssignedLicense, LicenseAssignmentState, SubscribedSku } from '@entra-licensing/graph-client';
import { describe, expect, it } from 'vitest';
import { skuIdOf, tenantSku } from '../test-support/tenant-skus.js';
import type { AssignedLicenseLike, LicenseAssignmentStateLike, SubscribedSkuLike } from './graph-models.js';
import { planLicenseChanges } from './plan.js';
import { resolveSku } from './resolve.js';

// The generated client's models must be accepted as they are (checked by `check-types`).
const acceptsSku = (sku: SubscribedSku): SubscribedSkuLike => sku;
const acceptsLicense = (license: AssignedLicense): AssignedLicenseLike => license;
const acceptsState = (state: LicenseAssignmentState): LicenseAssignmentStateLike => state;

describe("the generated client's models", () => {
  it('resolve and plan as they come from Kiota', () => {
    const skus: SubscribedSku[] = [tenantSku('SPE_E3', { enabled: 3, consumed: 1 }) as SubscribedSku];
    expect(resolveSku('Microsoft 365 E3', skus.map(acceptsSku)).seats?.available).toBe(2);
    expect(resolveSku('Microsoft 365 E3', skus).skuPartNumber).toBe('SPE_E3');
    const current: AssignedLicense[] = [{ skuId: skuIdOf('SPE_E3'), disabledPlans: [] }];
    const plan = planLicenseChanges(current.map(acceptsLicense), [], { exclusive: true });
    expect(plan.body?.removeLicenses).toEqual([skuIdOf('SPE_E3')]);
    expect(acceptsState({ skuId: skuIdOf('SPE_E3'), assignedByGroup: null }).skuId).toBe(skuIdOf('SPE_E3'));
  });
});
