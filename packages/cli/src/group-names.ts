import { escapeODataString, type GraphClient, isGuid } from '@entra-licensing/graph-client';
import { distance } from 'fastest-levenshtein';
import { lookAlikeHint } from './look-alike.js';

export type GroupLookup =
  | { found: true; id: string; displayName: string | null }
  | { found: false; code: 'GROUP_NOT_FOUND' | 'GROUP_AMBIGUOUS'; message: string; suggestions: string[] };

/** Close display names for "did you mean": groups starting like the name, nearest first. */
async function similarGroupNames(client: GraphClient, name: string): Promise<string[]> {
  const prefix = name.trim().slice(0, 1);
  if (prefix.length === 0) return [];
  const page = await client.groups.get({
    queryParameters: {
      filter: `startswith(displayName,'${escapeODataString(prefix)}')`,
      select: ['id', 'displayName'],
      top: 999,
    },
  });
  const wanted = name.toLowerCase();
  const allowed = Math.max(2, Math.floor(wanted.length * 0.34));
  return (page?.value ?? [])
    .map((g) => g.displayName ?? '')
    .filter((n) => n.length > 0)
    .map((n) => ({ n, d: distance(wanted, n.toLowerCase()) }))
    .filter(({ n, d }) => d <= allowed || n.toLowerCase().includes(wanted))
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .map(({ n }) => n)
    .filter((n, i, all) => all.indexOf(n) === i)
    .slice(0, 5);
}

/**
 * A group by object id or display name. A name must match exactly one group (Graph compares it case-insensitively);
 * two groups with the name are ambiguous and must be named by id.
 */
export async function lookUpGroup(client: GraphClient, typed: string): Promise<GroupLookup> {
  if (isGuid(typed)) return { found: true, id: String(typed).toLowerCase(), displayName: null };
  // A name typed decomposed (E + U+0301) finds its composed twin; the name as typed is tried when that finds none.
  const nfc = String(typed).normalize('NFC');
  const first = await byName(client, nfc);
  if (first.found || first.code === 'GROUP_AMBIGUOUS' || nfc === typed) return first;
  return byName(client, typed);
}

async function byName(client: GraphClient, ref: string): Promise<GroupLookup> {
  const page = await client.groups.get({
    queryParameters: {
      filter: `displayName eq '${escapeODataString(ref)}'`,
      select: ['id', 'displayName'],
      top: 5,
    },
  });
  const groups = (page?.value ?? []).filter((g) => typeof g.id === 'string');
  const [only] = groups;
  if (groups.length === 1 && only) {
    return { found: true, id: String(only.id).toLowerCase(), displayName: only.displayName ?? null };
  }
  if (groups.length > 1) {
    return {
      found: false,
      code: 'GROUP_AMBIGUOUS',
      message: `${groups.length} groups are named ${JSON.stringify(ref)}; name the one you mean by its object id.`,
      suggestions: groups.map((g) => g.id as string),
    };
  }
  const suggestions = await similarGroupNames(client, ref);
  return {
    found: false,
    code: 'GROUP_NOT_FOUND',
    message: `no group is named ${JSON.stringify(ref)} in the tenant (give its display name or object id).${lookAlikeHint(ref)}`,
    suggestions,
  };
}
