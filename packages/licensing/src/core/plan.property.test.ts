import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mergeChangeSets,
  planAddLicenses,
  planChangeSet,
  planRemoveLicenses,
  planSwapLicenses,
  planUpdateServicePlans,
} from './change-set.js';
import { applyAssignLicenseBody, type NormalizedLicense, planLicenseChanges } from './plan.js';

const RUNS = 2000;
const guid = fc.uuid().map((u) => u.toLowerCase());
const skuPool = fc.uniqueArray(guid, { minLength: 1, maxLength: 8 });
const planPool = fc.uniqueArray(guid, { minLength: 0, maxLength: 6 });

/** current and desired over a shared pool of SKUs and plans, so they overlap often. */
const states = fc.tuple(skuPool, planPool).chain(([skus, plans]) => {
  const license = (skuId: string) =>
    fc.subarray(plans).map((disabledPlans) => ({ skuId, disabledPlans }) as NormalizedLicense);
  const licenses = fc.subarray(skus).chain((ids) => fc.tuple(...ids.map(license)));
  return fc.record({
    current: licenses,
    desired: licenses,
    exclusive: fc.boolean(),
    plans: fc.constant(plans),
  });
});

function asMap(licenses: readonly NormalizedLicense[]): Map<string, string> {
  return new Map(licenses.map((l) => [l.skuId, [...l.disabledPlans].sort().join()]));
}

function shuffleCase(licenses: readonly NormalizedLicense[]): NormalizedLicense[] {
  return [...licenses]
    .reverse()
    .map((l) => ({ skuId: l.skuId.toUpperCase(), disabledPlans: [...l.disabledPlans].reverse() }));
}

describe('planLicenseChanges (property-based)', () => {
  it('applying the body with Graph semantics yields desired on managed SKUs and leaves the others', () => {
    fc.assert(
      fc.property(states, ({ current, desired, exclusive }) => {
        const plan = planLicenseChanges(current, desired, { exclusive });
        const after = asMap(applyAssignLicenseBody(current, plan.body));
        const wanted = asMap(desired);
        for (const [skuId, plans] of wanted) expect(after.get(skuId)).toBe(plans);
        for (const [skuId, plans] of asMap(current)) {
          if (wanted.has(skuId)) continue;
          if (exclusive) expect(after.has(skuId)).toBe(false);
          else expect(after.get(skuId)).toBe(plans);
        }
        for (const skuId of after.keys()) expect(wanted.has(skuId) || asMap(current).has(skuId)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('a body, when present, has both arrays, no SKU in both, and no redundant entry', () => {
    fc.assert(
      fc.property(states, ({ current, desired, exclusive }) => {
        const { body } = planLicenseChanges(current, desired, { exclusive });
        if (body === null) {
          expect(asMap(applyAssignLicenseBody(current, null))).toEqual(
            asMap(applyAssignLicenseBody(current, planLicenseChanges(current, desired, { exclusive }).body)),
          );
          return;
        }
        expect(Array.isArray(body.addLicenses) && Array.isArray(body.removeLicenses)).toBe(true);
        expect(body.addLicenses.length + body.removeLicenses.length).toBeGreaterThan(0);
        const added = new Set(body.addLicenses.map((a) => a.skuId));
        for (const skuId of body.removeLicenses) expect(added.has(skuId)).toBe(false);
        const before = asMap(current);
        for (const add of body.addLicenses)
          expect(before.get(add.skuId)).not.toBe([...add.disabledPlans].sort().join());
        for (const skuId of body.removeLicenses) expect(before.has(skuId)).toBe(true);
        if (!exclusive) expect(body.removeLicenses).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('planning a state against itself (any order, any case) gives null', () => {
    fc.assert(
      fc.property(states, fc.boolean(), ({ current }, exclusive) => {
        expect(planLicenseChanges(current, current, { exclusive }).body).toBeNull();
        expect(planLicenseChanges(current, shuffleCase(current), { exclusive }).body).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('planning again after applying gives null (idempotent)', () => {
    fc.assert(
      fc.property(states, ({ current, desired, exclusive }) => {
        const after = applyAssignLicenseBody(
          current,
          planLicenseChanges(current, desired, { exclusive }).body,
        );
        expect(planLicenseChanges(after, desired, { exclusive }).body).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});

describe('intent helpers (property-based)', () => {
  it('add never removes and never re-enables a plan', () => {
    fc.assert(
      fc.property(states, ({ current, desired }) => {
        fc.pre(desired.length > 0);
        const plan = planAddLicenses(current, desired);
        expect(plan.body?.removeLicenses ?? []).toEqual([]);
        const after = applyAssignLicenseBody(current, plan.body);
        for (const license of current) {
          const now = after.find((l) => l.skuId === license.skuId);
          expect(now).toBeDefined();
          for (const p of license.disabledPlans) expect(now?.disabledPlans).toContain(p);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('updating plans keeps every other disabled plan and touches no other SKU', () => {
    fc.assert(
      fc.property(states, fc.nat(), ({ current, plans }, pick) => {
        fc.pre(current.length > 0 && plans.length > 0);
        const target = current[pick % current.length] as NormalizedLicense;
        const disable = plans.filter((_, i) => i % 2 === 0);
        const enable = plans.filter((_, i) => i % 2 === 1);
        const plan = planUpdateServicePlans(current, { skuId: target.skuId, disable, enable });
        const after = asMap(applyAssignLicenseBody(current, plan.body));
        const expected = [...new Set([...target.disabledPlans, ...disable])]
          .filter((p) => !enable.includes(p))
          .sort();
        expect(after.get(target.skuId)).toBe(expected.join());
        for (const [skuId, value] of asMap(current))
          if (skuId !== target.skuId) expect(after.get(skuId)).toBe(value);
      }),
      { numRuns: RUNS },
    );
  });

  it('a swap is one body that removes and adds, leaving other SKUs', () => {
    fc.assert(
      fc.property(states, guid, ({ current }, newSku) => {
        fc.pre(current.length > 0 && !current.some((l) => l.skuId === newSku));
        const removed = (current[0] as NormalizedLicense).skuId;
        const plan = planSwapLicenses(current, { remove: [removed], add: [{ skuId: newSku }] });
        expect(plan.body?.removeLicenses).toEqual([removed]);
        expect(plan.body?.addLicenses).toEqual([{ skuId: newSku, disabledPlans: [] }]);
        const after = asMap(applyAssignLicenseBody(current, plan.body));
        for (const license of current.slice(1)) expect(after.has(license.skuId)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('merging add and remove intents for one target equals applying them one after another', () => {
    fc.assert(
      fc.property(states, ({ current, desired }) => {
        const currentIds = new Set(current.map((l) => l.skuId));
        const adds = desired.filter((l) => !currentIds.has(l.skuId));
        const removes = current.filter((_, i) => i % 2 === 0).map((l) => l.skuId);
        fc.pre(adds.length > 0 && removes.length > 0);
        const addSet = { skus: adds.map((l, i) => toRequest(l, true, i)), exclusive: false, fromSet: false };
        const removeSet = {
          skus: removes.map((s, i) => toRequest({ skuId: s, disabledPlans: [] }, false, i)),
          exclusive: false,
          fromSet: false,
        };
        const merged = planChangeSet(current, mergeChangeSets([addSet, removeSet]));
        const sequential = applyAssignLicenseBody(
          applyAssignLicenseBody(current, planAddLicenses(current, adds).body),
          planRemoveLicenses(applyAssignLicenseBody(current, planAddLicenses(current, adds).body), removes)
            .body,
        );
        expect(asMap(applyAssignLicenseBody(current, merged.body))).toEqual(asMap(sequential));
      }),
      { numRuns: RUNS },
    );
  });
});

function toRequest(license: NormalizedLicense, present: boolean, i: number) {
  return {
    skuId: license.skuId,
    present,
    disable: present ? license.disabledPlans : [],
    enable: [],
    mustBeAssigned: false,
    field: `intents[${i}]`,
  };
}
