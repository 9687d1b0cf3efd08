import { APPLY_FIX, directPath, removeDirectSku } from './fixes.js';
import {
  enabledPlans,
  type Holding,
  listInSentence,
  partNumberOf,
  planNameOf,
  plural,
  pushTo,
  type TenantView,
  userRef,
  verb,
} from './holdings.js';
import type { Finding, ReportUser } from './types.js';

const paidCache = new WeakMap<Set<string>, string[]>();

/** The paid plans of an enabled set (shared sets: computed once each). */
function paidPlans(view: TenantView, h: Holding): string[] {
  const enabled = enabledPlans(view, h);
  let paid = paidCache.get(enabled);
  if (!paid) {
    const ids = view.paidPlanIds.get(h.skuId);
    paid = [...enabled].filter((id) => ids?.has(id));
    paidCache.set(enabled, paid);
  }
  return paid;
}

const sharedCache = new WeakMap<Set<string>, WeakMap<Set<string>, string[]>>();

/**
 * The plans two holdings both enable, when they are at least half of the smaller one's (foundation plans left out):
 * one shared add-on plan (Mobile Device Management for Office 365 rides along with dozens of products) is not two
 * SKUs paying for the same thing; EMS E3 inside Microsoft 365 E3 is.
 */
export function sharedPlans(view: TenantView, a: Holding, b: Holding): string[] {
  const setA = enabledPlans(view, a);
  const setB = enabledPlans(view, b);
  let inner = sharedCache.get(setA);
  if (!inner) {
    inner = new WeakMap();
    sharedCache.set(setA, inner);
  }
  const known = inner.get(setB);
  if (known) return known;
  const paidA = paidPlans(view, a);
  const paidB = paidPlans(view, b);
  const shared = paidA.filter((id) => setB.has(id));
  const smaller = Math.min(paidA.length, paidB.length);
  const result = smaller > 0 && shared.length * 2 >= smaller ? shared : [];
  inner.set(setB, result);
  return result;
}

interface OverlapPair {
  a: string;
  b: string;
  users: ReportUser[];
  /** Names of the shared plans. */
  plans: Set<string>;
  /** Per SKU: users for whom that SKU adds nothing and is held directly only. */
  redundant: Map<string, ReportUser[]>;
}

/**
 * `overlappingSkus`: users holding two SKUs that both enable the same (paid) service plans, one finding per SKU
 * pair. Where one SKU adds nothing to the other for a user and is held directly, the fix removes that direct copy.
 */
export function overlapFindings(view: TenantView): Finding[] {
  const pairs = new Map<string, OverlapPair>();
  for (const perSku of view.holdings.values()) {
    const held = [...perSku.values()].filter((h) => h.held).sort((x, y) => x.skuId.localeCompare(y.skuId));
    for (let i = 0; i < held.length; i++) {
      for (let j = i + 1; j < held.length; j++) {
        const a = held[i] as Holding;
        const b = held[j] as Holding;
        const shared = sharedPlans(view, a, b);
        if (shared.length === 0) continue;
        const key = `${a.skuId}|${b.skuId}`;
        const pair: OverlapPair = pairs.get(key) ?? {
          a: a.skuId,
          b: b.skuId,
          users: [],
          plans: new Set(),
          redundant: new Map(),
        };
        pair.users.push(a.user);
        for (const id of shared) pair.plans.add(planNameOf(view, a.skuId, id));
        for (const [inner, outer] of [
          [a, b],
          [b, a],
        ] as const) {
          const outerPlans = enabledPlans(view, outer);
          const covered = paidPlans(view, inner).every((id) => outerPlans.has(id));
          if (
            covered &&
            directPath(inner)?.active &&
            inner.paths.every((p) => p.groupId === null || !p.active)
          ) {
            pushTo(pair.redundant, inner.skuId, inner.user);
            break;
          }
        }
        pairs.set(key, pair);
      }
    }
  }
  const findings: Finding[] = [];
  for (const pair of pairs.values()) {
    const a = partNumberOf(view, pair.a);
    const b = partNumberOf(view, pair.b);
    const plans = [...pair.plans].sort();
    const [removable] = [...pair.redundant].sort((x, y) => y[1].length - x[1].length);
    const fix = removable
      ? {
          summary: `Remove the direct ${partNumberOf(view, removable[0])} from ${plural(removable[1].length, 'user')}: the other SKU already gives them every plan of it.`,
          command: APPLY_FIX,
          desiredState: removeDirectSku(view, removable[1], removable[0]),
        }
      : {
          summary: `Disable ${listInSentence(plans)} in one of the two SKUs' assignments, or move these users to a single SKU.`,
        };
    findings.push({
      kind: 'overlappingSkus',
      severity: 'warning',
      users: pair.users.map(userRef),
      count: pair.users.length,
      skuPartNumber: a,
      message: `${plural(pair.users.length, 'user')} ${verb(pair.users.length, 'holds', 'hold')} both ${a} and ${b}, which both pay for ${listInSentence(plans)}.`,
      fix,
    });
  }
  return findings;
}
