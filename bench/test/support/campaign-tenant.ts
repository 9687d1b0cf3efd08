import { defaultSeed } from '@entra-licensing/graph-emulator';
import { getCatalog } from '@entra-licensing/sku-catalog';
import { createRandom } from '../../src/lib/random.js';
import { randomGuid } from '../../src/lib/seed.js';

export interface DesiredLicense {
  skuId: string;
  disabledPlans: string[];
}

export interface CampaignTarget {
  kind: 'group' | 'user';
  id: string;
  /** What the item asks for, in the library's intent form. */
  intent:
    | { action: 'set'; licenses: { sku: string; disabledPlans: string[] }[] }
    | { action: 'assign'; skus: { sku: string; disabledPlans: string[] }[] };
  /** Licenses the target must hold at the end (SKUs it holds but that are not listed here are checked apart). */
  desired: DesiredLicense[];
  /** Licenses it held before that the intent does not manage: they must still be there at the end. */
  untouched: DesiredLicense[];
}

export interface CampaignTenant {
  seed: Record<string, unknown>;
  targets: CampaignTarget[];
  app: { name: string; clientId: string; clientSecret: string; roles: string[] };
}

function product(partNumber: string) {
  const p = getCatalog().productsByPartNumber.get(partNumber)?.[0];
  if (!p) throw new Error(`catalog has no ${partNumber}`);
  return p;
}

/**
 * A tenant of `groups` security groups and `users` users with a mix of starting states, one item per target:
 * new assignments (set), plan changes of an assigned SKU (set), additions next to an unmanaged SKU (assign), and
 * direct user assignments. The only app has a distinctive secret, so that the secret campaign can look for it.
 */
export function campaignTenant(options: {
  groups: number;
  users: number;
  randomSeed: number;
  secret: string;
}): CampaignTenant {
  const random = createRandom(options.randomSeed);
  const e3 = product('SPE_E3');
  const ems = product('EMSPREMIUM');
  const e3Plans = e3.servicePlans.map((p) => p.servicePlanId);
  const app = {
    name: 'campaign-writer',
    clientId: randomGuid(random),
    clientSecret: options.secret,
    roles: [...(defaultSeed.apps?.[0]?.roles ?? [])],
  };
  const targets: CampaignTarget[] = [];
  const groups: Record<string, unknown>[] = [];
  for (let i = 0; i < options.groups; i++) {
    const id = randomGuid(random);
    const wanted = random.sample(e3Plans, random.int(0, 3)).sort();
    const variant = i % 3;
    const seedGroup: Record<string, unknown> = {
      id,
      displayName: `Campaign group ${i + 1}`,
      kind: 'security',
    };
    if (variant === 0) {
      targets.push({
        kind: 'group',
        id,
        intent: { action: 'set', licenses: [{ sku: e3.skuId, disabledPlans: wanted }] },
        desired: [{ skuId: e3.skuId, disabledPlans: wanted }],
        untouched: [],
      });
    } else if (variant === 1) {
      const before = random.sample(e3Plans, 2);
      seedGroup.licenses = [{ sku: 'SPE_E3', disabledPlans: before }];
      const after = [...before].sort().join() === wanted.join() ? [] : wanted;
      targets.push({
        kind: 'group',
        id,
        intent: { action: 'set', licenses: [{ sku: e3.skuId, disabledPlans: after }] },
        desired: [{ skuId: e3.skuId, disabledPlans: after }],
        untouched: [],
      });
    } else {
      seedGroup.licenses = [{ sku: 'EMSPREMIUM' }];
      targets.push({
        kind: 'group',
        id,
        intent: { action: 'assign', skus: [{ sku: 'Microsoft 365 E3', disabledPlans: wanted }] },
        desired: [{ skuId: e3.skuId, disabledPlans: wanted }],
        untouched: [{ skuId: ems.skuId, disabledPlans: [] }],
      });
    }
    groups.push(seedGroup);
  }
  const users: Record<string, unknown>[] = [];
  for (let i = 0; i < options.users; i++) {
    const id = randomGuid(random);
    users.push({
      id,
      userPrincipalName: `campaign.user${i + 1}@contoso.onmicrosoft.com`,
      displayName: `Campaign User ${i + 1}`,
      usageLocation: 'US',
    });
    targets.push({
      kind: 'user',
      id,
      intent: { action: 'assign', skus: [{ sku: 'SPE_E3', disabledPlans: [] }] },
      desired: [{ skuId: e3.skuId, disabledPlans: [] }],
      untouched: [],
    });
  }
  const seed = {
    apps: [app],
    skus: [
      { sku: 'SPE_E3', enabled: Math.max(100, options.users * 2) },
      { sku: 'EMSPREMIUM', enabled: 100 },
    ],
    users,
    groups,
    planDependencies: [],
    prohibitedUsageLocations: [],
  };
  return { seed, targets, app };
}
