/**
 * The seed's `generate` section: a large tenant (50,000 users, 2,000 groups, 30 SKUs) described by a few numbers,
 * drawn from a seeded random source, so that the same section always gives the same tenant.
 */
import { getCatalog } from '@entra-licensing/sku-catalog';
import { createRandomSource, type RandomSource } from '../random.js';
import { defaultSeed } from './default-seed.js';
import type { SeedGenerator, SeedGroup, SeedLicense, SeedSku, SeedUser } from './seed-types.js';

/** Common products first (a tenant's biggest SKUs), then the rest of the catalog in its order. */
const COMMON_PRODUCTS = [
  'SPE_E3',
  'SPE_E5',
  'ENTERPRISEPACK',
  'ENTERPRISEPREMIUM',
  'STANDARDPACK',
  'EMS',
  'EMSPREMIUM',
  'AAD_PREMIUM',
  'AAD_PREMIUM_P2',
  'POWER_BI_PRO',
  'POWER_BI_STANDARD',
  'EXCHANGESTANDARD',
  'EXCHANGEENTERPRISE',
  'EXCHANGEDESKLESS',
  'SPE_F1',
  'M365_F1',
  'DESKLESSPACK',
  'VISIOCLIENT',
  'PROJECTPROFESSIONAL',
  'PROJECTPREMIUM',
  'PROJECT_P1',
  'O365_BUSINESS_PREMIUM',
  'O365_BUSINESS_ESSENTIALS',
  'SPB',
  'OFFICESUBSCRIPTION',
  'MCOEV',
  'MCOMEETADV',
  'WIN10_VDA_E3',
  'ATP_ENTERPRISE',
  'THREAT_INTELLIGENCE',
  'RIGHTSMANAGEMENT',
  'INTUNE_A',
  'STREAM',
  'FLOW_FREE',
  'TEAMS_EXPLORATORY',
];

/** Plans other plans depend on in the default rules: the generator never disables them (no DependencyViolation). */
const NEVER_DISABLED =
  /^(SHAREPOINT(ENTERPRISE|STANDARD|DESKLESS)|MCOSTANDARD|AAD_PREMIUM|EXCHANGE_S_FOUNDATION)$/;

const LOCATIONS = ['US', 'US', 'US', 'DE', 'GB', 'FR', 'NL', 'IN', 'CA', 'AU', 'JP', 'BR'];

const DAY = 86_400_000;

export interface GeneratedSections {
  skus: SeedSku[];
  users: SeedUser[];
  groups: SeedGroup[];
}

/** A generator section with every default filled in, checked. */
interface Settings {
  randomSeed: number;
  users: number;
  groups: number;
  skus: string[];
  licensedGroups: number;
  maxGroupsPerUser: number;
  directLicenses: number;
  guests: number;
  disabledAccounts: number;
  nestedGroups: number;
  shortSkus: number;
  conflicts: number;
  referenceMs: number;
}

export class GeneratorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeneratorError';
  }
}

function count(value: unknown, field: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new GeneratorError(`generate.${field}: '${String(value)}' is not a non-negative integer`);
  }
  return value;
}

function fraction(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new GeneratorError(`generate.${field}: '${String(value)}' is not a fraction between 0 and 1`);
  }
  return value;
}

function settings(input: SeedGenerator): Settings {
  const catalog = getCatalog();
  let skus: string[];
  if (Array.isArray(input.skus)) {
    skus = input.skus.map((ref, i) => {
      const product =
        catalog.productBySkuId.get(String(ref).toLowerCase()) ??
        catalog.productsByPartNumber.get(String(ref).toUpperCase())?.[0];
      if (!product) throw new GeneratorError(`generate.skus[${i}]: '${ref}' is not a product of the catalog`);
      return product.skuPartNumber;
    });
  } else {
    const wanted = count(input.skus, 'skus', 30);
    const names = [...COMMON_PRODUCTS];
    for (const product of catalog.products) {
      if (names.length >= wanted) break;
      if (!names.includes(product.skuPartNumber) && product.servicePlans.length > 0) {
        names.push(product.skuPartNumber);
      }
    }
    skus = names.slice(0, wanted);
  }
  const reference =
    input.referenceDate === undefined
      ? Math.floor(Date.now() / DAY) * DAY
      : Date.parse(String(input.referenceDate));
  if (Number.isNaN(reference)) {
    throw new GeneratorError(`generate.referenceDate: '${input.referenceDate}' is not an ISO 8601 date`);
  }
  return {
    randomSeed: count(input.randomSeed, 'randomSeed', 1),
    users: count(input.users, 'users'),
    groups: count(input.groups, 'groups'),
    skus,
    licensedGroups: fraction(input.licensedGroups, 'licensedGroups', 0.6),
    maxGroupsPerUser: count(input.maxGroupsPerUser, 'maxGroupsPerUser', 4),
    directLicenses: fraction(input.directLicenses, 'directLicenses', 0.1),
    guests: fraction(input.guests, 'guests', 0.02),
    disabledAccounts: fraction(input.disabledAccounts, 'disabledAccounts', 0.03),
    nestedGroups: fraction(input.nestedGroups, 'nestedGroups', 0.01),
    shortSkus: count(input.shortSkus, 'shortSkus', 1),
    conflicts: fraction(input.conflicts, 'conflicts', 0.02),
    referenceMs: reference,
  };
}

const iso = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** An index in [0, n) that favours the first ones (a few big groups and popular SKUs, many small ones). */
function skewed(random: RandomSource, n: number): number {
  const r = random.next();
  return Math.min(n - 1, Math.floor(n * r * r));
}

/** The sections a generator section stands for; `domain` is the tenant's. */
export function generateSections(input: SeedGenerator, domain: string): GeneratedSections {
  const s = settings(input);
  const random = createRandomSource(s.randomSeed);
  const catalog = getCatalog();
  const products = s.skus.map((name) => catalog.productsByPartNumber.get(name.toUpperCase())![0]!);
  const optionalPlans = products.map((p) =>
    [...new Set(p.servicePlans.map((plan) => plan.servicePlanName))].filter((n) => !NEVER_DISABLED.test(n)),
  );

  const license = (): { index: number; license: SeedLicense } => {
    const index = skewed(random, products.length);
    const plans = optionalPlans[index]!;
    const disabledPlans: string[] = [];
    if (plans.length > 1 && random.next() < 0.5) {
      const wanted = 1 + Math.floor(random.next() * Math.min(3, plans.length - 1));
      while (disabledPlans.length < wanted) {
        const name = plans[Math.floor(random.next() * plans.length)]!;
        if (!disabledPlans.includes(name)) disabledPlans.push(name);
      }
    }
    return { index, license: { sku: products[index]!.skuPartNumber, disabledPlans } };
  };

  const fits = compatibility(products.map((p) => p.servicePlans));
  /** Whether a user holding `held` may also get `adding` without a plan conflict or a missing prerequisite. */
  const allowed = (held: readonly number[], adding: readonly number[]): boolean =>
    fits(held, adding) || random.next() < s.conflicts;

  // Who may hold each SKU (every path), to give each SKU enough seats (or, for a few, too few).
  const holders = products.map(() => new Set<number>());

  const groups: SeedGroup[] = [];
  const groupSkus: number[][] = [];
  for (let g = 0; g < s.groups; g++) {
    const licenses: SeedLicense[] = [];
    const indexes: number[] = [];
    if (products.length > 0 && random.next() < s.licensedGroups) {
      const wanted = random.next() < 0.7 ? 1 : 2;
      for (let attempt = 0; licenses.length < wanted && attempt < 4; attempt++) {
        const pick = license();
        if (indexes.includes(pick.index)) continue;
        if (indexes.length > 0 && !fits(indexes, [pick.index]) && !fits([pick.index], indexes)) continue;
        indexes.push(pick.index);
        licenses.push(pick.license);
      }
    }
    groupSkus.push(indexes);
    groups.push({
      displayName: `Generated Group ${pad(g, 4)}`,
      kind: 'security',
      createdDateTime: iso(s.referenceMs - (1 + Math.floor(random.next() * 1500)) * DAY),
      members: [],
      licenses,
    });
  }

  const memberSets = groups.map(() => new Set<number>());
  const users: SeedUser[] = [];
  for (let u = 0; u < s.users; u++) {
    const guest = random.next() < s.guests;
    const name = `gen-user${pad(u, 5)}`;
    const userPrincipalName = guest ? `${name}_example.com#EXT#@${domain}` : `${name}@${domain}`;
    const createdAgo = random.next() < 0.02 ? random.next() * 20 : 20 + random.next() * 1500;
    const created = s.referenceMs - createdAgo * DAY;
    const user: SeedUser = {
      userPrincipalName,
      displayName: `Generated User ${pad(u, 5)}`,
      givenName: 'Generated',
      surname: `User ${pad(u, 5)}`,
      usageLocation: random.next() < 0.02 ? null : LOCATIONS[Math.floor(random.next() * LOCATIONS.length)]!,
      accountEnabled: random.next() >= s.disabledAccounts,
      userType: guest ? 'Guest' : 'Member',
      createdDateTime: iso(created),
      signInActivity: signIns(random, created, s.referenceMs),
    };
    const held: number[] = [];
    if (products.length > 0 && random.next() < s.directLicenses) {
      const pick = license();
      if (allowed([], [pick.index])) {
        user.licenses = [pick.license];
        holders[pick.index]!.add(u);
        held.push(pick.index);
      }
    }
    users.push(user);
    const memberships = Math.floor(random.next() * (s.maxGroupsPerUser + 1));
    for (let m = 0; m < memberships && s.groups > 0; m++) {
      const g = skewed(random, s.groups);
      if (memberSets[g]!.has(u)) continue;
      const adding = groupSkus[g]!;
      if (adding.length > 0 && !allowed(held, adding)) continue;
      memberSets[g]!.add(u);
      groups[g]!.members!.push(userPrincipalName);
      for (const index of adding) {
        holders[index]!.add(u);
        if (!held.includes(index)) held.push(index);
      }
    }
  }

  // Nested groups: a later group inside an earlier one (never a cycle); its members inherit nothing from it.
  for (let g = 1; g < s.groups; g++) {
    if (random.next() < s.nestedGroups) {
      groups[Math.floor(random.next() * g)]!.members!.push(groups[g]!.displayName);
    }
  }

  const short = new Set<number>();
  const candidates = products.map((_, i) => i).filter((i) => holders[i]!.size >= 10);
  while (short.size < Math.min(s.shortSkus, candidates.length)) {
    short.add(candidates[Math.floor(random.next() * candidates.length)]!);
  }
  const skus: SeedSku[] = products.map((product, i) => {
    const wanted = holders[i]!.size;
    const enabled = short.has(i) ? Math.floor(wanted * 0.95) : wanted + Math.max(5, Math.ceil(wanted * 0.05));
    return { sku: product.skuPartNumber, enabled };
  });
  return { skus, users, groups };
}

/** Sign-in dates: most users recently, some long ago (dormant), a few never; never before the account existed. */
function signIns(random: RandomSource, created: number, reference: number): SeedUser['signInActivity'] {
  const roll = random.next();
  if (roll < 0.05) return null;
  const since = (maxDays: number, minDays = 0): number =>
    Math.max(created, reference - (minDays + random.next() * (maxDays - minDays)) * DAY);
  const recent = roll < 0.85;
  const interactive = recent ? since(30) : since(400, 90);
  const nonInteractive = random.next() < (recent ? 0.9 : 0.5) ? (recent ? since(10) : since(400, 90)) : null;
  const successful = nonInteractive === null ? interactive : Math.max(interactive, nonInteractive);
  return {
    lastSignInDateTime: iso(interactive),
    lastNonInteractiveSignInDateTime: nonInteractive === null ? null : iso(nonInteractive),
    lastSuccessfulSignInDateTime: iso(successful),
  };
}

/**
 * Which products a user may hold together: none of the new ones' plans is mutually exclusive with a plan already
 * held (Microsoft's list), and each plan's prerequisite (the default tenant's rules) is held or comes along.
 */
function compatibility(
  plans: readonly (readonly { servicePlanId: string; servicePlanName: string }[])[],
): (held: readonly number[], adding: readonly number[]) => boolean {
  const catalog = getCatalog();
  const ids = plans.map((list) => new Set(list.map((p) => p.servicePlanId)));
  const names = plans.map((list) => new Set(list.map((p) => p.servicePlanName.toUpperCase())));
  const excludes = plans.map((list) => {
    const out = new Set<string>();
    for (const plan of list)
      for (const other of catalog.mutuallyExclusivePlans.get(plan.servicePlanId) ?? []) out.add(other);
    return out;
  });
  const rules = (defaultSeed.planDependencies ?? []).map((d) => ({
    plan: d.servicePlan.toUpperCase(),
    anyOf: d.requiresAnyOf.map((r) => r.toUpperCase()),
  }));
  return (held, adding) => {
    const all = [...held, ...adding];
    for (const a of adding) {
      for (const b of all) {
        if (a === b) continue;
        for (const id of ids[b]!) if (excludes[a]!.has(id)) return false;
      }
      for (const rule of rules) {
        if (!names[a]!.has(rule.plan)) continue;
        if (!all.some((b) => rule.anyOf.some((r) => names[b]!.has(r)))) return false;
      }
    }
    return true;
  };
}
