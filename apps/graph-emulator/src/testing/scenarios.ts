/**
 * Ready-made tenants for the scenarios the licensing features are tested on, with their well-known ids (the same
 * seed the emulator's own tests use, so front-ends and library can be driven on one scenario).
 */
import { getCatalog } from '@entra-licensing/sku-catalog';
import { stableGuid } from '../ids.js';
import type { Seed } from '../seed/seed-types.js';

const domain = 'contoso.onmicrosoft.com';
const upn = (name: string): string => `${name}@${domain}`;
const userId = (name: string): string => stableGuid(`graph-emulator:user:${upn(name)}`);
const groupId = (name: string): string => stableGuid(`graph-emulator:group:${name}`);

const catalog = getCatalog();
const product = (partNumber: string) => catalog.productsByPartNumber.get(partNumber)![0]!;
const e3 = product('ENTERPRISEPACK');
const p1 = product('AAD_PREMIUM');
const planId = (name: string): string =>
  e3.servicePlans.find((p) => p.servicePlanName === name)!.servicePlanId;

/**
 * One SKU (Office 365 E3, ENTERPRISEPACK) by several paths — what a change to a group does to each member:
 *
 * - **Ann** is in Sales (E3 without TEAMS1, SWAY) and Support (E3 without TEAMS1, EXCHANGE_S_ENTERPRISE): she has
 *   E3 without TEAMS1 only. Leaving Sales takes her mailbox plan (Support disables it) but not the SKU; leaving
 *   Support takes SWAY.
 * - **Bob** holds E3 (and AAD_PREMIUM) directly and through Sales: Sales changes nothing for him.
 * - **Cat** has E3 through Sales only: removing E3 from Sales takes everything (the mailbox too).
 * - **Dan** is a member of Inner, which is a member of Outer (E3): nested members get nothing.
 * - **Eve** is a guest with sign-in blocked, licensed through Sales.
 *
 * No plan dependencies or location rules, 10 seats of each SKU.
 */
export const memberImpactScenario = {
  seed: {
    skus: [
      { sku: 'ENTERPRISEPACK', enabled: 10 },
      { sku: 'AAD_PREMIUM', enabled: 10 },
    ],
    planDependencies: [],
    prohibitedUsageLocations: [],
    users: [
      { userPrincipalName: upn('ann'), displayName: 'Ann', usageLocation: 'DE' },
      {
        userPrincipalName: upn('bob'),
        displayName: 'Bob',
        usageLocation: 'US',
        licenses: [{ sku: 'ENTERPRISEPACK' }, { sku: 'AAD_PREMIUM' }],
      },
      { userPrincipalName: upn('cat'), displayName: 'Cat', usageLocation: 'US' },
      { userPrincipalName: upn('dan'), displayName: 'Dan', usageLocation: 'US' },
      {
        userPrincipalName: upn('eve'),
        displayName: 'Eve',
        usageLocation: 'FR',
        userType: 'Guest',
        accountEnabled: false,
      },
    ],
    groups: [
      {
        displayName: 'Sales',
        kind: 'security',
        members: ['ann', 'bob', 'cat', 'eve'].map(upn),
        licenses: [{ sku: 'ENTERPRISEPACK', disabledPlans: ['TEAMS1', 'SWAY'] }],
      },
      {
        displayName: 'Support',
        kind: 'security',
        members: [upn('ann')],
        licenses: [{ sku: 'ENTERPRISEPACK', disabledPlans: ['TEAMS1', 'EXCHANGE_S_ENTERPRISE'] }],
      },
      { displayName: 'Inner', kind: 'security', members: [upn('dan')] },
      { displayName: 'Outer', kind: 'security', members: ['Inner'], licenses: [{ sku: 'ENTERPRISEPACK' }] },
    ],
  } satisfies Seed,
  ids: {
    users: {
      ann: userId('ann'),
      bob: userId('bob'),
      cat: userId('cat'),
      dan: userId('dan'),
      eve: userId('eve'),
    },
    upns: { ann: upn('ann'), bob: upn('bob'), cat: upn('cat'), dan: upn('dan'), eve: upn('eve') },
    groups: {
      sales: groupId('Sales'),
      support: groupId('Support'),
      inner: groupId('Inner'),
      outer: groupId('Outer'),
    },
    skus: { ENTERPRISEPACK: e3.skuId, AAD_PREMIUM: p1.skuId },
    plans: {
      TEAMS1: planId('TEAMS1'),
      SWAY: planId('SWAY'),
      EXCHANGE_S_ENTERPRISE: planId('EXCHANGE_S_ENTERPRISE'),
    },
  },
} as const;
