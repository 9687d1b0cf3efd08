import { readFile } from 'node:fs/promises';
import { getCatalog } from '@entra-licensing/sku-catalog';
import { resolveCertificate } from '../identity/certificates.js';
import { isGuid, stableGuid } from '../ids.js';
import type { DirectorySnapshot } from '../model/directory.js';
import type { AssignedLicense, Group, SignInActivity, Sku, User, UserType } from '../model/types.js';
import { defaultSeed } from './default-seed.js';
import { type GeneratedSections, GeneratorError, generateSections } from './generate-seed.js';
import { isoDate, resolveProduct, resolveSkusAndSubscriptions, SeedError } from './resolve-skus.js';

export { SeedError } from './resolve-skus.js';

import type { Seed, SeedGroup, SeedLicense, SeedSignInActivity } from './seed-types.js';

export async function readSeedFile(path: string): Promise<Seed> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text) as Seed;
  } catch (error) {
    throw new SeedError(`Seed file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function resolvePlanId(ref: string, field: string): string {
  if (isGuid(ref)) return ref.toLowerCase();
  for (const plan of getCatalog().servicePlanById.values()) {
    if (plan.servicePlanNames.some((name) => name.toUpperCase() === ref.toUpperCase()))
      return plan.servicePlanId;
  }
  throw new SeedError(`${field}: '${ref}' is neither a service plan id nor a plan name of the catalog`);
}

function resolveLicense(license: SeedLicense, skus: Map<string, Sku>, field: string): AssignedLicense {
  const product = resolveProduct(license.sku, `${field}.sku`);
  const sku = skus.get(product.skuId);
  if (!sku) throw new SeedError(`${field}.sku: '${license.sku}' is not one of the seed's skus`);
  const disabledPlans = (license.disabledPlans ?? []).map((ref, i) => {
    const id = isGuid(ref)
      ? ref.toLowerCase()
      : sku.servicePlans.find((p) => p.servicePlanName.toUpperCase() === ref.toUpperCase())?.servicePlanId;
    if (!id)
      throw new SeedError(`${field}.disabledPlans[${i}]: '${ref}' is not a plan of ${sku.skuPartNumber}`);
    return id;
  });
  return { skuId: sku.skuId, disabledPlans };
}

function userTypeOf(value: unknown, field: string): UserType {
  if (value === undefined) return 'Member';
  if (value === 'Member' || value === 'Guest') return value;
  throw new SeedError(`${field}: '${String(value)}' is not Member or Guest`);
}

function signInActivityOf(
  value: SeedSignInActivity | null | undefined,
  field: string,
): SignInActivity | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') throw new SeedError(`${field}: '${String(value)}' is not an object`);
  const known = ['lastSignInDateTime', 'lastNonInteractiveSignInDateTime', 'lastSuccessfulSignInDateTime'];
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      throw new SeedError(`${field}.${key}: unknown field (expected ${known.join(', ')})`);
  }
  const date = (key: keyof SeedSignInActivity): string | null => {
    const v = value[key];
    return v === undefined || v === null ? null : isoDate(v, `${field}.${key}`);
  };
  return {
    lastSignInDateTime: date('lastSignInDateTime'),
    lastNonInteractiveSignInDateTime: date('lastNonInteractiveSignInDateTime'),
    lastSuccessfulSignInDateTime: date('lastSuccessfulSignInDateTime'),
  };
}

function groupShape(group: SeedGroup): Pick<Group, 'groupTypes' | 'mailEnabled' | 'securityEnabled'> {
  switch (group.kind) {
    case 'security':
      return { groupTypes: [], mailEnabled: false, securityEnabled: true };
    case 'mailEnabledSecurity':
      return { groupTypes: [], mailEnabled: true, securityEnabled: true };
    case 'microsoft365':
      return { groupTypes: ['Unified'], mailEnabled: true, securityEnabled: group.securityEnabled ?? false };
    case 'distribution':
      return { groupTypes: [], mailEnabled: true, securityEnabled: false };
    default:
      throw new SeedError(
        `groups: kind '${String(group.kind)}' of '${group.displayName}' is not one of security, mailEnabledSecurity, microsoft365, distribution`,
      );
  }
}

/** Appends the generated sections to the seed's own (which start empty when the seed omits them). */
function addGenerated(seed: Seed, input: Seed, domain: string): void {
  let generated: GeneratedSections;
  try {
    generated = generateSections(input.generate!, domain);
  } catch (error) {
    if (error instanceof GeneratorError) throw new SeedError(error.message);
    throw error;
  }
  const own = input.skus ?? [];
  // The seed's own entry wins over a generated one for the same product (named by part number or skuId).
  const ownSkus = new Set(own.map((s, i) => resolveProduct(s.sku, `skus[${i}].sku`).skuId));
  seed.skus = [
    ...own,
    ...generated.skus.filter((s) => !ownSkus.has(resolveProduct(s.sku, 'generate.skus').skuId)),
  ];
  seed.users = [...(input.users ?? []), ...generated.users];
  seed.groups = [...(input.groups ?? []), ...generated.groups];
}

/** Resolves a seed (missing sections taken from the default seed) against Microsoft's catalog. */
export function resolveSeed(input: Seed = defaultSeed): DirectorySnapshot {
  const seed: Seed = { ...defaultSeed, ...input, tenant: { ...defaultSeed.tenant, ...input.tenant } };
  const tenantId = (seed.tenant?.id ?? defaultSeed.ids.tenantId).toLowerCase();
  if (!isGuid(tenantId)) throw new SeedError(`tenant.id: '${tenantId}' is not a GUID`);
  const domain = seed.tenant?.domain ?? defaultSeed.ids.tenantDomain;
  if (input.generate !== undefined) addGenerated(seed, input, domain);
  const created = '2020-01-01T00:00:00Z';

  const resolved = resolveSkusAndSubscriptions(seed, tenantId, Date.now());
  const skus = new Map(resolved.skus.map((sku) => [sku.skuId, sku]));

  const users: User[] = (seed.users ?? []).map((u, i) => {
    const id = (u.id ?? stableGuid(`graph-emulator:user:${u.userPrincipalName}`)).toLowerCase();
    if (!isGuid(id)) throw new SeedError(`users[${i}].id: '${id}' is not a GUID`);
    if (u.usageLocation && !/^[A-Za-z]{2}$/.test(u.usageLocation)) {
      throw new SeedError(`users[${i}].usageLocation: '${u.usageLocation}' is not a two-letter country code`);
    }
    return {
      id,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
      givenName: u.givenName ?? null,
      surname: u.surname ?? null,
      jobTitle: u.jobTitle ?? null,
      mail: u.mail ?? null,
      usageLocation: u.usageLocation ? u.usageLocation.toUpperCase() : null,
      accountEnabled: u.accountEnabled ?? true,
      userType: userTypeOf(u.userType, `users[${i}].userType`),
      createdDateTime:
        u.createdDateTime === undefined ? created : isoDate(u.createdDateTime, `users[${i}].createdDateTime`),
      signInActivity: signInActivityOf(u.signInActivity, `users[${i}].signInActivity`),
      directLicenses: (u.licenses ?? []).map((l, j) => resolveLicense(l, skus, `users[${i}].licenses[${j}]`)),
      licenseAssignmentStates: [],
    };
  });
  const userIndex = new Map<string, string>();
  for (const u of users) {
    userIndex.set(u.id, u.id);
    userIndex.set(u.userPrincipalName.toLowerCase(), u.id);
  }
  const userRef = (ref: string, field: string): string => {
    const id = userIndex.get(ref.toLowerCase());
    if (!id) throw new SeedError(`${field}: '${ref}' is not a user of the seed`);
    return id;
  };

  const groupIdOf = (g: SeedGroup): string =>
    (g.id ?? stableGuid(`graph-emulator:group:${g.displayName}`)).toLowerCase();
  const groupIndex = new Map<string, string>();
  for (const g of seed.groups ?? []) {
    groupIndex.set(groupIdOf(g), groupIdOf(g));
    groupIndex.set(g.displayName.toLowerCase(), groupIdOf(g));
  }
  const groups: Group[] = (seed.groups ?? []).map((g, i) => {
    const id = groupIdOf(g);
    if (!isGuid(id)) throw new SeedError(`groups[${i}].id: '${id}' is not a GUID`);
    const shape = groupShape(g);
    if (g.membershipRule !== undefined) {
      if (typeof g.membershipRule !== 'string' || g.membershipRule.trim() === '') {
        throw new SeedError(
          `groups[${i}].membershipRule: '${String(g.membershipRule)}' must be a non-empty rule`,
        );
      }
      shape.groupTypes = [...shape.groupTypes, 'DynamicMembership'];
    }
    const mailNickname = g.mailNickname ?? g.displayName.replace(/[^A-Za-z0-9]/g, '');
    const assignedLicenses = (g.licenses ?? []).map((l, j) =>
      resolveLicense(l, skus, `groups[${i}].licenses[${j}]`),
    );
    return {
      id,
      displayName: g.displayName,
      description: g.description ?? null,
      mailNickname,
      mail: shape.mailEnabled ? `${mailNickname}@${domain}` : null,
      ...shape,
      visibility: shape.groupTypes.includes('Unified') ? 'Private' : null,
      createdDateTime: g.createdDateTime ?? created,
      memberIds: [
        ...new Set(
          (g.members ?? []).flatMap((m, j) =>
            userIndex.has(m.toLowerCase()) || !groupIndex.has(m.toLowerCase())
              ? [userRef(m, `groups[${i}].members[${j}]`)]
              : [],
          ),
        ),
      ],
      memberGroupIds: [
        ...new Set(
          (g.members ?? []).flatMap((m, j) => {
            if (userIndex.has(m.toLowerCase()) || !groupIndex.has(m.toLowerCase())) return [];
            const member = groupIndex.get(m.toLowerCase())!;
            if (member === id)
              throw new SeedError(`groups[${i}].members[${j}]: a group cannot be its own member`);
            return [member];
          }),
        ),
      ],
      membershipRule: g.membershipRule ?? null,
      assignedLicenses,
      appliedLicenses: [],
      everLicensed: assignedLicenses.length > 0,
    };
  });

  const catalog = getCatalog();
  const mutualExclusions = new Map<string, Set<string>>();
  const addExclusive = (ids: string[]): void => {
    for (const id of ids) {
      const set = mutualExclusions.get(id) ?? new Set<string>();
      for (const other of ids) if (other !== id) set.add(other);
      mutualExclusions.set(id, set);
    }
  };
  for (const group of catalog.mutualExclusionGroups) addExclusive(group.plans.map((p) => p.servicePlanId));
  for (const [i, set] of (seed.extraMutualExclusions ?? []).entries()) {
    addExclusive(set.map((ref, j) => resolvePlanId(ref, `extraMutualExclusions[${i}][${j}]`)));
  }
  const dependencies = new Map<string, string[]>();
  (seed.planDependencies ?? []).forEach((d, i) => {
    dependencies.set(
      resolvePlanId(d.servicePlan, `planDependencies[${i}].servicePlan`),
      d.requiresAnyOf.map((r, j) => resolvePlanId(r, `planDependencies[${i}].requiresAnyOf[${j}]`)),
    );
  });
  const prohibitedLocations = new Map<string, Set<string>>();
  (seed.prohibitedUsageLocations ?? []).forEach((p, i) => {
    prohibitedLocations.set(
      resolvePlanId(p.servicePlan, `prohibitedUsageLocations[${i}].servicePlan`),
      new Set(p.countries.map((c) => c.toUpperCase())),
    );
  });

  return {
    tenant: {
      id: tenantId,
      domain,
      displayName: seed.tenant?.displayName ?? 'Contoso',
      countryLetterCode: (seed.tenant?.countryLetterCode ?? 'US').toUpperCase(),
    },
    apps: (seed.apps ?? []).map((a, i) => ({
      name: a.name,
      clientId: a.clientId,
      clientSecret: a.clientSecret,
      roles: [...a.roles],
      certificates: (a.certificates ?? []).map((c, j) => {
        try {
          return resolveCertificate(c, `apps[${i}].certificates[${j}]`);
        } catch (error) {
          throw new SeedError((error as Error).message);
        }
      }),
    })),
    skus: resolved.skus,
    users,
    groups,
    subscriptions: resolved.subscriptions,
    rules: { mutualExclusions, dependencies, prohibitedLocations },
  };
}
