import { describe, expect, it } from 'vitest';
import { caught } from '../test-support/caught.js';
import { planIdOf, skuIdOf, tenantSku } from '../test-support/tenant-skus.js';
import { mergeChangeSets, planChangeSet } from './change-set.js';
import { type LicenseIntent, resolveIntent } from './intent.js';
import { type TargetValidationContext, validatePlan } from './validate.js';

const tenant = [
  tenantSku('SPE_E3', { enabled: 10, consumed: 4 }),
  tenantSku('SPE_E5', { enabled: 5, consumed: 5 }),
  tenantSku('ENTERPRISEPACK', { capabilityStatus: 'Suspended' }),
  tenantSku('EXCHANGESTANDARD', { enabled: 10 }),
  tenantSku('O365_BUSINESS_ESSENTIALS', { enabled: 10 }),
  tenantSku('AAD_PREMIUM', { appliesTo: 'Company' }),
];

function check(
  intent: LicenseIntent,
  current: { skuId: string; disabledPlans: string[] }[],
  context: Partial<TargetValidationContext> = {},
) {
  const changeSet = resolveIntent(intent, tenant);
  const plan = planChangeSet(current, changeSet);
  return validatePlan(plan, { kind: 'user', tenantSkus: tenant, ...context }, changeSet);
}

describe('resolveIntent', () => {
  it('resolves names into GUIDs with plans by friendly name', () => {
    const set = resolveIntent(
      { action: 'assign', skus: [{ sku: 'Microsoft 365 E3', disabledPlans: ['Microsoft Teams'] }] },
      tenant,
    );
    expect(set.skus[0]).toMatchObject({ skuId: skuIdOf('SPE_E3'), disable: [planIdOf('SPE_E3', 'TEAMS1')] });
  });

  it('names the field inside the intent for each bad input', () => {
    expect(caught(() => resolveIntent({ action: 'assign', skus: ['SPE_E3', 'Nope E9'] }, tenant)).field).toBe(
      'skus[1]',
    );
    const plan = caught(() =>
      resolveIntent(
        { action: 'assign', skus: [{ sku: 'SPE_E3', disabledPlans: ['TEAMS1', 'NOT_A_PLAN'] }] },
        tenant,
      ),
    );
    expect([plan.code, plan.field, plan.value]).toEqual([
      'PLAN_NOT_FOUND',
      'skus[0].disabledPlans[1]',
      'NOT_A_PLAN',
    ]);
    const both = caught(() => resolveIntent({ action: 'swap', add: ['SPE_E5'], remove: ['spe_e5'] }, tenant));
    expect([both.code, both.field]).toEqual(['SKU_ADD_AND_REMOVE', 'remove[0]']);
    expect(caught(() => resolveIntent({ action: 'assign', skus: [] }, tenant)).code).toBe('INVALID_INPUT');
    expect(caught(() => resolveIntent({ action: 'explode' } as unknown as LicenseIntent, tenant)).field).toBe(
      'action',
    );
    const toggle = caught(() =>
      resolveIntent(
        { action: 'updatePlans', sku: 'SPE_E3', disable: ['TEAMS1'], enable: ['Microsoft Teams'] },
        tenant,
      ),
    );
    expect(toggle.code).toBe('PLAN_DISABLE_AND_ENABLE');
  });

  it('refuses to merge contradictory intents for one target', () => {
    const add = resolveIntent({ action: 'assign', skus: ['SPE_E3'] }, tenant);
    const remove = resolveIntent({ action: 'remove', skus: ['SPE_E3'] }, tenant);
    expect(caught(() => mergeChangeSets([add, remove])).code).toBe('CONFLICTING_INTENTS');
    const set = resolveIntent({ action: 'set', licenses: ['SPE_E3'] }, tenant);
    expect(caught(() => mergeChangeSets([add, set])).code).toBe('CONFLICTING_INTENTS');
    const disable = resolveIntent({ action: 'updatePlans', sku: 'SPE_E3', disable: ['TEAMS1'] }, tenant);
    const enable = resolveIntent({ action: 'updatePlans', sku: 'SPE_E3', enable: ['TEAMS1'] }, tenant);
    expect(caught(() => mergeChangeSets([disable, enable])).code).toBe('CONFLICTING_INTENTS');
    expect(mergeChangeSets([add, disable]).skus).toHaveLength(1);
  });
});

describe('validatePlan', () => {
  it('accepts a valid assignment', () => {
    expect(check({ action: 'assign', skus: ['SPE_E3'] }, []).errors).toEqual([]);
  });

  it('refuses a SKU without seats for a user, and warns or refuses for a group shortfall', () => {
    const user = check({ action: 'assign', skus: ['SPE_E5'] }, []);
    // `value` is what the caller typed; the GUID it resolved to is beside it.
    expect(user.errors.map((e) => [e.code, e.field, e.value, e.resolvedId])).toEqual([
      ['SEATS_EXHAUSTED', 'skus[0]', 'SPE_E5', skuIdOf('SPE_E5')],
    ]);
    const seats = new Map([[skuIdOf('SPE_E3'), 9]]);
    const group = check({ action: 'assign', skus: ['SPE_E3'] }, [], {
      kind: 'group',
      membersNeedingSeat: seats,
    });
    expect(group.errors).toEqual([]);
    expect(group.warnings[0]?.message).toContain('3 member(s) would fail with CountViolation');
    const strict = check({ action: 'assign', skus: ['SPE_E3'] }, [], {
      kind: 'group',
      membersNeedingSeat: seats,
      strictSeats: true,
    });
    expect(strict.errors[0]?.code).toBe('SEATS_EXHAUSTED');
  });

  it('refuses suspended, company-wide and unsubscribed SKUs', () => {
    expect(check({ action: 'assign', skus: ['ENTERPRISEPACK'] }, []).errors[0]?.message).toContain(
      'Suspended',
    );
    expect(check({ action: 'assign', skus: ['AAD_PREMIUM'] }, []).errors[0]?.code).toBe('SKU_NOT_ASSIGNABLE');
    const missing = check({ action: 'assign', skus: ['SPB'] }, []).errors[0];
    expect([missing?.code, missing?.field]).toEqual(['SKU_NOT_IN_TENANT', 'skus[0]']);
  });

  it('refuses plans mutually exclusive with plans the target already has', () => {
    const current = [{ skuId: skuIdOf('O365_BUSINESS_ESSENTIALS'), disabledPlans: [] }];
    const result = check({ action: 'assign', skus: ['SPE_E3'] }, current);
    expect(result.errors[0]?.code).toBe('MUTUALLY_EXCLUSIVE_PLANS');
    expect(result.errors[0]?.message).toContain('SHAREPOINTSTANDARD');
    expect(result.errors[0]?.message).toContain('(O365_BUSINESS_ESSENTIALS)');
    const inherited = check({ action: 'assign', skus: ['SPE_E3'] }, [], {
      otherEnabledPlans: [
        { servicePlanId: planIdOf('O365_BUSINESS_ESSENTIALS', 'SHAREPOINTSTANDARD'), source: 'group Sales' },
      ],
    });
    expect(inherited.errors[0]?.message).toContain('group Sales');
    const disabledFirst = check(
      {
        action: 'assign',
        skus: [
          { sku: 'SPE_E3', disabledPlans: ['SHAREPOINTENTERPRISE', 'YAMMER_ENTERPRISE', 'MCOSTANDARD'] },
        ],
      },
      current,
    );
    expect(disabledFirst.errors).toEqual([]);
    const alongside = check({ action: 'assign', skus: ['SPE_E3', 'O365_BUSINESS_ESSENTIALS'] }, []);
    expect(alongside.errors.map((e) => e.code)).toContain('MUTUALLY_EXCLUSIVE_PLANS');
    const unchangedToo = check({ action: 'set', licenses: ['O365_BUSINESS_ESSENTIALS', 'SPE_E3'] }, current);
    expect(unchangedToo.errors[0]?.code).toBe('MUTUALLY_EXCLUSIVE_PLANS');
    const swapped = check({ action: 'swap', remove: ['O365_BUSINESS_ESSENTIALS'], add: ['SPE_E3'] }, current);
    expect(swapped.errors).toEqual([]);
  });
});
