import { describe, expect, it } from 'vitest';
import { planIdOf, skuIdOf, tenantSku } from '../test-support/tenant-skus.js';
import {
  planAddLicenses,
  planRemoveLicenses,
  planSetLicenses,
  planSwapLicenses,
  planUpdateServicePlans,
} from './change-set.js';
import { LicensingError } from './licensing-error.js';
import { planLicenseChanges } from './plan.js';
import { planToJson, renderPlan } from './render.js';

const E3 = skuIdOf('SPE_E3');
const E5 = skuIdOf('SPE_E5');
const O365E3 = skuIdOf('ENTERPRISEPACK');
const TEAMS = planIdOf('SPE_E3', 'TEAMS1');
const SWAY = planIdOf('SPE_E3', 'SWAY');
const YAMMER = planIdOf('SPE_E3', 'YAMMER_ENTERPRISE');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof LicensingError) return `${error.code}@${error.field}`;
    throw error;
  }
  return 'no error';
}

describe('planLicenseChanges', () => {
  it('adds a SKU with both arrays present and leaves unmanaged SKUs alone', () => {
    const plan = planLicenseChanges(
      [{ skuId: O365E3, disabledPlans: [] }],
      [{ skuId: E3, disabledPlans: [TEAMS] }],
    );
    expect(plan.body).toEqual({ addLicenses: [{ skuId: E3, disabledPlans: [TEAMS] }], removeLicenses: [] });
    expect(plan.changes.map((c) => [c.skuId, c.action])).toEqual([
      [O365E3, 'kept'],
      [E3, 'add'],
    ]);
  });

  it('returns null when the desired state is already there, whatever the case or order of GUIDs', () => {
    const plan = planLicenseChanges(
      [{ skuId: E3.toUpperCase(), disabledPlans: [SWAY, TEAMS] }],
      [{ skuId: E3, disabledPlans: [TEAMS.toUpperCase(), SWAY] }],
    );
    expect(plan.body).toBeNull();
    expect(plan.changes[0]?.action).toBe('unchanged');
  });

  it('removes unlisted SKUs only with exclusive', () => {
    const current = [{ skuId: O365E3, disabledPlans: [] }];
    expect(planLicenseChanges(current, []).body).toBeNull();
    expect(planLicenseChanges(current, [], { exclusive: true }).body).toEqual({
      addLicenses: [],
      removeLicenses: [O365E3],
    });
  });

  it('re-sends a SKU whose disabled plans change and reports plans disabled and enabled', () => {
    const plan = planLicenseChanges(
      [{ skuId: E3, disabledPlans: [TEAMS] }],
      [{ skuId: E3, disabledPlans: [SWAY] }],
    );
    expect(plan.body?.addLicenses).toEqual([{ skuId: E3, disabledPlans: [SWAY] }]);
    expect(plan.changes[0]).toMatchObject({ action: 'update', plansDisabled: [SWAY], plansEnabled: [TEAMS] });
  });

  it('names the field and value of a malformed GUID or a contradictory duplicate', () => {
    expect(codeOf(() => planLicenseChanges([], [{ skuId: 'SPE_E3' }]))).toBe('INVALID_GUID@desired[0].skuId');
    expect(codeOf(() => planLicenseChanges([], [{ skuId: E3, disabledPlans: ['teams'] }]))).toBe(
      'INVALID_GUID@desired[0].disabledPlans[0]',
    );
    expect(
      codeOf(() =>
        planLicenseChanges(
          [],
          [
            { skuId: E3, disabledPlans: [] },
            { skuId: E3, disabledPlans: [TEAMS] },
          ],
        ),
      ),
    ).toBe('DUPLICATE_SKU@desired[1].skuId');
  });
});

describe('intent helpers', () => {
  const current = [
    { skuId: E3, disabledPlans: [YAMMER] },
    { skuId: O365E3, disabledPlans: [] },
  ];

  it('disables a plan while keeping the plans already disabled, and enables one back', () => {
    const plan = planUpdateServicePlans(current, { skuId: E3, disable: [TEAMS] });
    expect(plan.body?.addLicenses).toEqual([{ skuId: E3, disabledPlans: [TEAMS, YAMMER].sort() }]);
    expect(plan.body?.removeLicenses).toEqual([]);
    const enable = planUpdateServicePlans(current, { skuId: E3, enable: [YAMMER] });
    expect(enable.body?.addLicenses).toEqual([{ skuId: E3, disabledPlans: [] }]);
    expect(codeOf(() => planUpdateServicePlans(current, { skuId: E5, disable: [TEAMS] }))).toBe(
      'SKU_NOT_ASSIGNED@skuId',
    );
    expect(
      codeOf(() => planUpdateServicePlans(current, { skuId: E3, disable: [TEAMS], enable: [TEAMS] })),
    ).toBe('PLAN_DISABLE_AND_ENABLE@enable');
  });

  it('adds without re-enabling plans of a SKU already assigned', () => {
    expect(planAddLicenses(current, [{ skuId: E3 }]).body).toBeNull();
    expect(planAddLicenses(current, [{ skuId: E3, disabledPlans: [TEAMS] }]).body?.addLicenses).toEqual([
      { skuId: E3, disabledPlans: [TEAMS, YAMMER].sort() },
    ]);
  });

  it('swaps in one body, and refuses a SKU both added and removed', () => {
    const plan = planSwapLicenses(current, { remove: [O365E3], add: [{ skuId: E5 }] });
    expect(plan.body).toEqual({ addLicenses: [{ skuId: E5, disabledPlans: [] }], removeLicenses: [O365E3] });
    expect(codeOf(() => planSwapLicenses(current, { remove: [E5], add: [{ skuId: E5 }] }))).toBe(
      'SKU_ADD_AND_REMOVE@remove[0]',
    );
  });

  it('removes only what is asked, and warns about a SKU that is not assigned', () => {
    const plan = planRemoveLicenses(current, [O365E3, E5]);
    expect(plan.body).toEqual({ addLicenses: [], removeLicenses: [O365E3] });
    expect(plan.warnings.map((w) => w.code)).toEqual(['SKU_NOT_ASSIGNED']);
  });

  it('sets exactly, keeping unlisted SKUs unless exclusive', () => {
    const plan = planSetLicenses(current, [{ skuId: E3, disabledPlans: [] }]);
    expect(plan.body).toEqual({ addLicenses: [{ skuId: E3, disabledPlans: [] }], removeLicenses: [] });
    const exclusive = planSetLicenses(current, [{ skuId: E3, disabledPlans: [YAMMER] }], { exclusive: true });
    expect(exclusive.body).toEqual({ addLicenses: [], removeLicenses: [O365E3] });
  });
});

describe('rendering', () => {
  it('renders a plan in names like terraform plan, and as JSON', () => {
    const tenant = [tenantSku('SPE_E3'), tenantSku('ENTERPRISEPACK'), tenantSku('SPE_E5')];
    const plan = planSwapLicenses([{ skuId: O365E3, disabledPlans: [] }], {
      remove: [O365E3],
      add: [{ skuId: E3, disabledPlans: [TEAMS] }],
    });
    const text = renderPlan(plan, { tenantSkus: tenant, target: 'group Sales' });
    expect(text).toBe(
      [
        'License plan for group Sales:',
        '  - Office 365 E3 (ENTERPRISEPACK)',
        '  + Microsoft 365 E3 (SPE_E3)',
        '      disabled plans: Microsoft Teams (TEAMS1)',
        'Plan: 1 to add, 0 to change, 1 to remove.',
      ].join('\n'),
    );
    const json = planToJson(plan, { tenantSkus: tenant });
    expect(json.summary).toEqual({ add: 1, update: 0, remove: 1, unchanged: 0, kept: 0 });
    expect(json.changes[1]?.plansDisabled).toEqual([
      { servicePlanId: TEAMS, label: 'Microsoft Teams (TEAMS1)' },
    ]);
    const update = planUpdateServicePlans([{ skuId: E3, disabledPlans: [TEAMS] }], {
      skuId: E3,
      enable: [TEAMS],
    });
    expect(renderPlan(update)).toContain('      + enable Microsoft Teams (TEAMS1)');
    expect(renderPlan(planLicenseChanges([], []))).toBe(
      'No changes. The licenses already match the desired state.',
    );
  });
});
