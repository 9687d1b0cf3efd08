import { defaultSeed, type Seed } from '@entra-licensing/graph-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { rejection } from '../test-support/caught.js';
import { type EmulatorHarness, seedIds, startHarness } from '../test-support/emulator.js';

const G = seedIds.groups;
let h: EmulatorHarness | undefined;

afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

const TWIN_A = 'a0000000-0000-4000-8000-00000000000a';
const TWIN_B = 'a0000000-0000-4000-8000-00000000000b';

/** The default tenant plus two groups with one display name. */
function seedWithTwins(): Seed {
  const { ids: _ids, ...seed } = defaultSeed;
  const twin = (id: string) => ({ id, displayName: 'Twins', kind: 'security' as const, members: [] });
  return { ...seed, groups: [...(seed.groups ?? []), twin(TWIN_A), twin(TWIN_B)] };
}

const groupReads = (harness: EmulatorHarness) =>
  harness.emulator.requests().filter((r) => r.method === 'GET' && r.path === '/v1.0/groups');

describe('service.resolveTarget against the emulator', () => {
  it('a group by exact display name (any case), by id without a request; a user by id or UPN', async () => {
    h = await startHarness();
    expect(await h.service.resolveTarget('group', 'Sales')).toEqual({
      kind: 'group',
      id: G.sales,
      displayName: 'Sales',
    });
    expect(await h.service.resolveTarget('group', 'licensing pilot')).toEqual({
      kind: 'group',
      id: G.licensingPilot,
      displayName: 'Licensing Pilot',
    });
    const reads = groupReads(h).length;
    expect(reads).toBe(2);
    expect(await h.service.resolveTarget('group', G.sales.toUpperCase())).toEqual({
      kind: 'group',
      id: G.sales.toUpperCase(),
      displayName: null,
    });
    const dana = seedIds.users.dana ?? '';
    expect(await h.service.resolveTarget('user', dana)).toEqual({
      kind: 'user',
      id: dana,
      displayName: null,
    });
    expect(await h.service.resolveTarget('user', 'adele@contoso.onmicrosoft.com')).toEqual({
      kind: 'user',
      id: 'adele@contoso.onmicrosoft.com',
      displayName: null,
    });
    expect(h.emulator.requests().filter((r) => r.path !== '/v1.0/groups' || r.method !== 'GET').length).toBe(
      h.emulator.requests().length - reads,
    );
    expect(groupReads(h).length).toBe(reads);
  });

  it('an NFD-typed name finds its NFC twin', async () => {
    h = await startHarness();
    const { ids: _ids, ...seed } = defaultSeed;
    await h.emulator.stop();
    const id = 'a0000000-0000-4000-8000-0000000000e1';
    h = await startHarness({
      seed: {
        ...seed,
        groups: [...(seed.groups ?? []), { id, displayName: 'Équipe', kind: 'security', members: [] }],
      },
    });
    expect(await h.service.resolveTarget('group', 'E\u0301quipe')).toEqual({
      kind: 'group',
      id,
      displayName: 'Équipe',
    });
  });

  it('two groups with the name: GROUP_AMBIGUOUS listing both, their ids as suggestions', async () => {
    h = await startHarness({ seed: seedWithTwins() });
    const e = await rejection(h.service.resolveTarget('group', 'Twins', 'groups[3].group'));
    expect({ code: e.code, field: e.field, value: e.value, suggestions: [...e.suggestions].sort() }).toEqual({
      code: 'GROUP_AMBIGUOUS',
      field: 'groups[3].group',
      value: 'Twins',
      suggestions: [TWIN_A, TWIN_B],
    });
    expect(e.message).toBe(
      `groups[3].group "Twins": 2 groups have this display name (${e.suggestions.map((id) => `${id} "Twins"`).join(', ')}); give the object id of the one you mean. Nothing was sent.`,
    );
  });

  it('no group with the name: GROUP_NOT_FOUND with close names, and a look-alike named', async () => {
    h = await startHarness();
    const e = await rejection(h.service.resolveTarget('group', 'Sales Team'));
    expect({ code: e.code, field: e.field, value: e.value }).toEqual({
      code: 'GROUP_NOT_FOUND',
      field: 'ref',
      value: 'Sales Team',
    });
    expect(e.suggestions[0]).toBe('Sales');
    const cyrillic = await rejection(h.service.resolveTarget('group', 'S\u0430les'));
    expect(cyrillic.code).toBe('GROUP_NOT_FOUND');
    expect(cyrillic.message).toBe(
      `ref "S\u0430les": no group has this display name in the tenant (give its exact display name or its object id). Did you mean "Sales"? It contains characters outside ASCII ("\u0430" U+0430): is one a look-alike of a Latin letter? Nothing was sent.`,
    );
  });

  it('bad input is refused before any request, naming the field and the value', async () => {
    h = await startHarness();
    const before = h.emulator.requests().length;
    const cases: [unknown, unknown, string, string][] = [
      ['team', 'Sales', 'kind', 'INVALID_INPUT'],
      ['group', '', 'ref', 'INVALID_INPUT'],
      ['group', '   ', 'ref', 'INVALID_INPUT'],
      ['group', 42, 'ref', 'INVALID_INPUT'],
      ['user', 'not a user', 'ref', 'INVALID_INPUT'],
    ];
    for (const [kind, ref, field, code] of cases) {
      const e = await rejection(h.service.resolveTarget(kind as 'group', ref as string));
      expect({ code: e.code, field: e.field, value: e.value }).toEqual({
        code,
        field,
        value: field === 'kind' ? kind : ref,
      });
    }
    expect(h.emulator.requests().length).toBe(before);
  });

  it('a lookup Graph throttles waits its Retry-After and retries (the engine’s failure policy)', async () => {
    // one resource unit per 3 s (30 s ÷ time scale 10): the second lookup in a row is refused once
    h = await startHarness({ timeScale: 10, throttle: 'off,appRu=1/30s' });
    expect((await h.service.resolveTarget('group', 'Marketing')).id).toBe(G.marketing);
    expect(await h.service.resolveTarget('group', 'Sales')).toEqual({
      kind: 'group',
      id: G.sales,
      displayName: 'Sales',
    });
    const reads = groupReads(h);
    expect(reads.map((r) => r.status)).toEqual([200, 429, 200]);
    const [, refused, retried] = reads;
    // the retry was sent only once the refusal's Retry-After had passed
    expect(retried?.timeMs).toBeGreaterThanOrEqual(
      (refused?.completedMs ?? 0) + (refused?.retryAfter ?? 0) * 1000 - 1,
    );
  });
});
