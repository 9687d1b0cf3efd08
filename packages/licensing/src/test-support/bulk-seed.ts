import { defaultSeed, type Seed } from '@entra-licensing/graph-emulator';

/** A GUID for the n-th generated group (stable across runs). */
export function bulkGroupId(n: number): string {
  return `b0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** The default tenant plus `count` empty security groups, half of them already holding AAD_PREMIUM. */
export function seedWithGroups(count: number): Seed {
  const groups = Array.from({ length: count }, (_, n) => ({
    id: bulkGroupId(n),
    displayName: `Bulk ${n}`,
    kind: 'security' as const,
    members: [],
    ...(n % 2 === 0 ? { licenses: [{ sku: 'AAD_PREMIUM' }] } : {}),
  }));
  const { ids: _ids, ...seed } = defaultSeed;
  return { ...seed, groups: [...(seed.groups ?? []), ...groups] };
}
