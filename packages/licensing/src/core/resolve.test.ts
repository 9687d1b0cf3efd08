import { getCatalog } from '@entra-licensing/sku-catalog';
import { describe, expect, it } from 'vitest';
import { caught } from '../test-support/caught.js';
import { skuIdOf, tenantSku } from '../test-support/tenant-skus.js';
import { resolveServicePlan, resolveSku } from './resolve.js';

describe('resolveSku', () => {
  const tenant = [tenantSku('SPE_E3', { enabled: 100, consumed: 40 }), tenantSku('ENTERPRISEPACK')];

  it('resolves a skuId, a part number in any case and a display name ignoring case, spaces and punctuation', () => {
    const e3 = skuIdOf('SPE_E3');
    expect(resolveSku(e3).skuPartNumber).toBe('SPE_E3');
    expect(resolveSku(e3.toUpperCase()).skuId).toBe(e3);
    expect(resolveSku('spe_e3').skuId).toBe(e3);
    expect(resolveSku('Microsoft 365 E3').skuId).toBe(e3);
    expect(resolveSku('  microsoft-365   e3 ').skuId).toBe(e3);
    expect(resolveSku('OFFICE 365 E3').skuPartNumber).toBe('ENTERPRISEPACK');
  });

  it('adds seats and capability status from the tenant', () => {
    const sku = resolveSku('SPE_E3', tenant);
    expect(sku.inTenant).toBe(true);
    expect(sku.seats).toMatchObject({ enabled: 100, consumed: 40, available: 60 });
    expect(sku.capabilityStatus).toBe('Enabled');
    expect(sku.servicePlans.find((p) => p.servicePlanName === 'TEAMS1')?.friendlyName).toBe(
      'Microsoft Teams',
    );
    const notSubscribed = resolveSku('SPE_E5', tenant);
    expect(notSubscribed.inTenant).toBe(false);
    expect(notSubscribed.seats).toBeUndefined();
  });

  it('resolves a tenant SKU the catalog lacks by its part number and skuId', () => {
    const custom = {
      skuId: '11111111-2222-4333-8444-555555555555',
      skuPartNumber: 'CONTOSO_SPECIAL',
      consumedUnits: 1,
      prepaidUnits: { enabled: 3 },
      servicePlans: [
        { servicePlanId: '99999999-2222-4333-8444-555555555555', servicePlanName: 'CONTOSO_PLAN' },
      ],
    };
    const sku = resolveSku('contoso_special', [custom]);
    expect(sku.skuId).toBe(custom.skuId);
    expect(sku.inCatalog).toBe(false);
    expect(sku.displayName).toBe('CONTOSO_SPECIAL');
    expect(sku.seats?.available).toBe(2);
    expect(resolveSku(custom.skuId, [custom]).skuPartNumber).toBe('CONTOSO_SPECIAL');
    expect(caught(() => resolveSku('contoso_special')).code).toBe('SKU_NOT_FOUND');
  });

  it('prefers an exact part number over a display name of another SKU', () => {
    // A tenant SKU whose name key equals the catalog part number SPE_E3 ("spe-e3" → "spee3").
    const tricky = {
      skuId: '21111111-2222-4333-8444-555555555555',
      skuPartNumber: 'SPE-E3',
      servicePlans: [],
    };
    expect(resolveSku('SPE_E3', [tricky]).skuId).toBe(skuIdOf('SPE_E3'));
    expect(resolveSku('spe-e3', [tricky]).skuId).toBe(tricky.skuId);
  });

  it('groups the catalog by GUID: a product with two names resolves by either to one SKU', () => {
    const product = getCatalog().products.find((p) => p.displayNames.length > 1);
    expect(product).toBeDefined();
    if (!product) return;
    for (const name of product.displayNames) expect(resolveSku(name).skuId).toBe(product.skuId);
  });

  it('reports SKU_AMBIGUOUS when a part number names two catalog SKUs, and the tenant breaks the tie', () => {
    const error = caught(() => resolveSku('MCOPSTN5'));
    expect(error.code).toBe('SKU_AMBIGUOUS');
    expect(error.field).toBe('sku');
    expect(error.value).toBe('MCOPSTN5');
    expect(error.suggestions.length).toBe(2);
    const [first] = getCatalog().productsByPartNumber.get('MCOPSTN5') ?? [];
    const inTenant = [{ skuId: first?.skuId, skuPartNumber: 'MCOPSTN5', servicePlans: [] }];
    expect(resolveSku('MCOPSTN5', inTenant).skuId).toBe(first?.skuId);
  });

  it('reports SKU_NOT_FOUND with did-you-mean suggestions naming the field and value', () => {
    const error = caught(() => resolveSku('Microsoft 365 E33', undefined, { field: 'skus[2]' }));
    expect(error.code).toBe('SKU_NOT_FOUND');
    expect(error.field).toBe('skus[2]');
    expect(error.value).toBe('Microsoft 365 E33');
    expect(error.suggestions).toContain('Microsoft 365 E3 (SPE_E3)');
    expect(error.message).toContain('Did you mean');
    expect(error.message).toContain('skus[2]');
    expect(caught(() => resolveSku('SPE_E33')).suggestions).toContain('Microsoft 365 E3 (SPE_E3)');
  });

  it('puts tenant SKUs first in suggestions and refuses an unknown GUID and empty input', () => {
    expect(caught(() => resolveSku('Office 365 E', tenant)).suggestions[0]).toBe(
      'Office 365 E3 (ENTERPRISEPACK)',
    );
    const unknown = caught(() => resolveSku('00000000-0000-4000-8000-000000000000', tenant));
    expect(unknown.code).toBe('SKU_NOT_FOUND');
    expect(caught(() => resolveSku('   ')).code).toBe('INVALID_INPUT');
  });
});

describe('resolveServicePlan', () => {
  const e3 = resolveSku('SPE_E3');

  it('resolves by id, plan name (any case) and friendly name', () => {
    const teams = e3.servicePlans.find((p) => p.servicePlanName === 'TEAMS1');
    expect(teams).toBeDefined();
    expect(resolveServicePlan(e3, teams?.servicePlanId ?? '').servicePlanName).toBe('TEAMS1');
    expect(resolveServicePlan(e3, 'teams1').servicePlanId).toBe(teams?.servicePlanId);
    expect(resolveServicePlan(e3, 'Microsoft Teams').servicePlanId).toBe(teams?.servicePlanId);
    expect(resolveServicePlan(e3, 'microsoft   teams').servicePlanId).toBe(teams?.servicePlanId);
  });

  it('refuses a plan of another SKU, naming the SKU and listing its plans', () => {
    const e5Only = resolveSku('SPE_E5').servicePlans.find(
      (p) => !e3.servicePlans.some((q) => q.servicePlanId === p.servicePlanId),
    );
    expect(e5Only).toBeDefined();
    const error = caught(() =>
      resolveServicePlan(e3, e5Only?.servicePlanId ?? '', { field: 'disabledPlans[0]' }),
    );
    expect(error.code).toBe('PLAN_NOT_IN_SKU');
    expect(error.field).toBe('disabledPlans[0]');
    expect(error.message).toContain('Microsoft 365 E3 (SPE_E3)');
    // Every plan of the SKU is in suggestions; the message names a few and says how many more.
    expect(error.suggestions).toContain('TEAMS1');
    expect(error.message).toMatch(/ and \d+ more\.$/);
    const byName = caught(() => resolveServicePlan(e3, 'TEAMS2'));
    expect(byName.code).toBe('PLAN_NOT_FOUND');
    expect(byName.suggestions).toContain('TEAMS1');
  });
});
