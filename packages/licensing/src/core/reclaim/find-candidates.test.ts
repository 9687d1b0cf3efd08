import { describe, expect, it } from 'vitest';
import { isLicensingError } from '../licensing-error.js';
import { DAY_MS } from './bucket.js';
import { findCandidates } from './find-candidates.js';
import type { ReclaimLicensePath, ReclaimUserFacts } from './types.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const daysAgo = (days: number): string => new Date(NOW - days * DAY_MS).toISOString();
const E3 = { skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965', skuPartNumber: 'SPE_E3' };
const BI = { skuId: 'a403ebcc-fae0-4ca2-8c8c-7a907fd6c235', skuPartNumber: 'POWER_BI_STANDARD' };
const SALES = '11111111-1111-1111-1111-111111111111';
const OLD = daysAgo(300);

function path(sku: typeof E3, groupId: string | null, lastUpdatedDateTime = OLD): ReclaimLicensePath {
  return { ...sku, groupId, groupName: groupId ? 'Sales' : null, state: 'Active', lastUpdatedDateTime };
}

function dormantUser(id: string, licenses: ReclaimLicensePath[], extra: Partial<ReclaimUserFacts> = {}) {
  return {
    id,
    userPrincipalName: `${id}@contoso.onmicrosoft.com`,
    accountEnabled: true,
    createdDateTime: daysAgo(400),
    signInActivity: {
      lastSignInDateTime: daysAgo(200),
      lastNonInteractiveSignInDateTime: daysAgo(150),
      lastSuccessfulSignInDateTime: daysAgo(150),
    },
    licenses,
    ...extra,
  } satisfies ReclaimUserFacts;
}

const base = { inactiveDays: 90, graceDays: 30, now: NOW, impactOf: () => ({ members: 1 }) };

describe('findCandidates', () => {
  it('gives each license the action that frees its seat, with its impact', () => {
    const search = findCandidates([dormantUser('a', [path(E3, SALES), path(BI, null)])], base);
    expect(search.candidates).toEqual([
      {
        id: 'a',
        userPrincipalName: 'a@contoso.onmicrosoft.com',
        bucket: 'dormant',
        evidence: {
          createdDateTime: daysAgo(400),
          lastSignInDateTime: daysAgo(200),
          lastNonInteractiveSignInDateTime: daysAgo(150),
          lastSuccessfulSignInDateTime: daysAgo(150),
        },
        actions: [
          {
            kind: 'removeGroupMember',
            ...E3,
            groupId: SALES,
            groupName: 'Sales',
            impact: { members: 1 },
          },
          { kind: 'removeDirectLicense', ...BI, impact: { members: 1 } },
        ],
      },
    ]);
    expect(search.excluded).toEqual([]);
  });

  it('keeps a license whose path changed within the grace period, and every path of that SKU', () => {
    const user = dormantUser('b', [path(E3, SALES), path(E3, null, daysAgo(29)), path(BI, null)]);
    const search = findCandidates([user], base);
    expect(search.candidates.map((c) => c.actions.map((a) => a.skuPartNumber))).toEqual([
      ['POWER_BI_STANDARD'],
    ]);
    expect(search.excluded).toEqual([
      {
        id: 'b',
        userPrincipalName: 'b@contoso.onmicrosoft.com',
        reason: 'licenseChangedInGracePeriod',
        skuPartNumbers: ['SPE_E3'],
      },
    ]);
  });

  it('a path changed exactly graceDays ago may be reclaimed', () => {
    const search = findCandidates([dormantUser('c', [path(E3, null, daysAgo(30))])], base);
    expect(search.candidates.map((c) => c.id)).toEqual(['c']);
  });

  it('does not take a user out of a group that also grants a SKU outside the selection', () => {
    const user = dormantUser('d', [path(E3, SALES), path(BI, SALES)]);
    const search = findCandidates([user], { ...base, skus: [E3.skuId] });
    expect(search.candidates).toEqual([]);
    expect(search.excluded).toEqual([
      {
        id: 'd',
        userPrincipalName: 'd@contoso.onmicrosoft.com',
        reason: 'groupGrantsKeptLicense',
        skuPartNumbers: ['SPE_E3'],
      },
    ]);
  });

  it('exempts users by id or UPN (any case) and members of exempt groups', () => {
    const users = ['e', 'f', 'g', 'h'].map((id) => dormantUser(id, [path(BI, null)]));
    const search = findCandidates(users, {
      ...base,
      exceptions: { users: ['E@CONTOSO.onmicrosoft.com', 'f'] },
      exemptGroupMembers: new Set(['g']),
    });
    expect(search.candidates.map((c) => c.id)).toEqual(['h']);
    expect(search.excluded.map((e) => [e.id, e.reason])).toEqual([
      ['e', 'excepted'],
      ['f', 'excepted'],
      ['g', 'excepted'],
    ]);
  });

  it('skips failed paths (no seat) and users without licenses in the selection', () => {
    const failed = { ...path(E3, SALES), state: 'Error' };
    const search = findCandidates([dormantUser('i', [failed]), dormantUser('j', [])], base);
    expect(search).toEqual({ candidates: [], excluded: [] });
  });

  it('refuses bad criteria naming the field and the value', () => {
    for (const [field, value] of [
      ['inactiveDays', 0],
      ['inactiveDays', 1.5],
      ['graceDays', -1],
      ['graceDays', '30'],
    ] as const) {
      let caught: unknown;
      try {
        findCandidates([], { ...base, [field]: value });
      } catch (error) {
        caught = error;
      }
      expect(isLicensingError(caught)).toBe(true);
      expect(caught).toMatchObject({ code: 'INVALID_INPUT', field, value });
    }
  });
});
