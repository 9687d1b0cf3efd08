import { planLicenseChanges, resolveSku, type SubscribedSkuLike } from '@entra-licensing/licensing';
import { getCatalog } from '@entra-licensing/sku-catalog';
import type { Benchmark } from '../lib/options.js';
import { createRandom, type Random } from '../lib/random.js';
import { formatNumber, formatSummary, summarize } from '../lib/stats.js';

interface License {
  skuId: string;
  disabledPlans: string[];
}

interface GroupCase {
  current: License[];
  desired: License[];
  exclusive: boolean;
}

const TARGET_MS = 100;

function randomLicense(random: Random, skuId: string, planIds: readonly string[]): License {
  return { skuId, disabledPlans: random.sample(planIds, random.int(0, Math.min(4, planIds.length))) };
}

/** Random current and desired states over the catalog: adds, removals, plan changes, no-ops, unmanaged SKUs. */
function groupCases(random: Random, count: number): GroupCase[] {
  const products = getCatalog().products.filter((p) => p.servicePlans.length > 0);
  const plansOf = new Map(products.map((p) => [p.skuId, p.servicePlans.map((s) => s.servicePlanId)]));
  const cases: GroupCase[] = [];
  for (let i = 0; i < count; i++) {
    const skus = random.sample(products, random.int(1, 5)).map((p) => p.skuId);
    const current = skus
      .filter(() => random.chance(0.6))
      .map((skuId) => randomLicense(random, skuId, plansOf.get(skuId)!));
    const desired = skus
      .filter(() => random.chance(0.6))
      .map((skuId) => {
        const same = current.find((c) => c.skuId === skuId);
        return same && random.chance(0.5) ? same : randomLicense(random, skuId, plansOf.get(skuId)!);
      });
    cases.push({ current, desired, exclusive: random.chance(0.2) });
  }
  return cases;
}

/** Display names as people type them: other case, extra spaces, punctuation dropped. */
function typedNames(random: Random, count: number, tenantSkus: readonly SubscribedSkuLike[]): string[] {
  const catalog = getCatalog();
  const pool: string[] = [];
  for (const product of catalog.products) {
    // Only names that designate one SKU: an ambiguous name rightly throws, which is not what is timed here.
    try {
      if (resolveSku(product.displayName, tenantSkus).skuId === product.skuId) pool.push(product.displayName);
    } catch {
      // ambiguous or unknown under the tenant's SKUs: skip
    }
  }
  const variants = [
    (s: string) => s,
    (s: string) => s.toLowerCase(),
    (s: string) => s.toUpperCase(),
    (s: string) => ` ${s.replaceAll(' ', '  ')} `,
    (s: string) => s.replaceAll(/[()\-–,.]/g, ''),
  ];
  return Array.from({ length: count }, () => random.pick(variants)(random.pick(pool)));
}

function tenantSkusFrom(random: Random, count: number): SubscribedSkuLike[] {
  return random.sample(getCatalog().products, count).map((p) => ({
    skuId: p.skuId,
    skuPartNumber: p.skuPartNumber,
    appliesTo: 'User',
    capabilityStatus: 'Enabled',
    consumedUnits: 10,
    prepaidUnits: { enabled: 100, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: p.servicePlans.map((s) => ({
      servicePlanId: s.servicePlanId,
      servicePlanName: s.servicePlanName,
      appliesTo: 'User',
      provisioningStatus: 'Success',
    })),
  }));
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export const plan: Benchmark = {
  name: 'plan',
  describe: 'plan 10,000 groups and resolve 10,000 SKU display names (pure, in process)',
  async run(options) {
    const runs = options.runs ?? 7;
    const count = 10_000;
    const random = createRandom(options.seed);
    const cases = groupCases(random, count);
    const tenantSkus = tenantSkusFrom(random, 30);
    const namesCatalog = typedNames(random, count, []);
    const namesTenant = typedNames(random, count, tenantSkus);

    let changed = 0;
    const planOnce = () => {
      changed = 0;
      for (const c of cases) {
        if (planLicenseChanges(c.current, c.desired, { exclusive: c.exclusive }).body !== null) changed++;
      }
    };
    const resolveAll = (names: readonly string[], tenant?: readonly SubscribedSkuLike[]) => () => {
      for (const name of names) resolveSku(name, tenant);
    };
    // The first call of each builds its indexes: measured on its own, then the steady state over `runs`.
    const firstPlan = time(planOnce);
    const firstCatalog = time(resolveAll(namesCatalog));
    const firstTenant = time(resolveAll(namesTenant, tenantSkus));
    const planMs: number[] = [];
    const catalogMs: number[] = [];
    const tenantMs: number[] = [];
    for (let r = 0; r < runs; r++) {
      planMs.push(time(planOnce));
      catalogMs.push(time(resolveAll(namesCatalog)));
      tenantMs.push(time(resolveAll(namesTenant, tenantSkus)));
    }
    const rows = [
      {
        label: `planLicenseChanges × ${count} groups (${changed} with a change)`,
        first: firstPlan,
        s: summarize(planMs),
      },
      {
        label: `resolveSku × ${count} display names, catalog only`,
        first: firstCatalog,
        s: summarize(catalogMs),
      },
      {
        label: `resolveSku × ${count} display names, tenant of 30 SKUs first`,
        first: firstTenant,
        s: summarize(tenantMs),
      },
    ];
    return {
      name: 'plan',
      title: 'Planning and SKU resolution',
      method: `${count} random groups (1–5 catalog SKUs each, random disabled plans, 20 % exclusive) and ${count} display names typed with random case, spacing and punctuation; seeded PRNG (seed ${options.seed}).`,
      settings: { runs, count, seed: options.seed },
      tables: [
        {
          title: `Time for the whole batch (median (min–max) of ${runs} runs, after a first run shown apart)`,
          columns: ['operation', 'first run ms', 'ms', 'µs per item'],
          rows: rows.map((r) => [
            r.label,
            formatNumber(r.first, 1),
            formatSummary(r.s, 1),
            formatNumber((r.s.median * 1000) / count, 2),
          ]),
        },
      ],
      checks: rows.flatMap((r) => [
        {
          label: `${r.label}, steady state (median)`,
          measured: `${formatNumber(r.s.median, 1)} ms`,
          target: `< ${TARGET_MS} ms`,
          pass: r.s.median < TARGET_MS,
        },
        {
          label: `${r.label}, first call in the process (indexes built, code not yet optimised)`,
          measured: `${formatNumber(r.first, 1)} ms`,
          target: `< ${TARGET_MS} ms`,
          pass: r.first < TARGET_MS,
        },
      ]),
      notes: [],
      data: {
        planMs: summarize(planMs),
        catalogMs: summarize(catalogMs),
        tenantMs: summarize(tenantMs),
        firstPlan,
        firstCatalog,
        firstTenant,
        changed,
      },
    };
  },
};
