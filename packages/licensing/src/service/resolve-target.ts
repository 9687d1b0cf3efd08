import { escapeODataString, isGuid } from '@entra-licensing/graph-client';
import { checkTargetId } from '../core/ids.js';
import { LicensingError, shownValue } from '../core/licensing-error.js';
import type { LicenseTarget } from '../core/target.js';
import { lookAlikeHint, suggest } from '../core/text-match.js';
import { graphCall } from '../engine/graph-call.js';
import type { ServiceContext } from './service-context.js';

/** A target as `resolveTarget` found it: its id, and its display name when a lookup read it (else null). */
export interface ResolvedTarget extends LicenseTarget {
  displayName: string | null;
}

/** Groups listed in an ambiguity error (Graph is asked for one more, to know there are more). */
const LISTED_MATCHES = 10;

type GroupRow = { id?: string | null; displayName?: string | null };

async function groupsNamed(context: ServiceContext, name: string): Promise<GroupRow[]> {
  const page = await graphCall(
    ({ options }) =>
      context.client.groups.get({
        queryParameters: {
          filter: `displayName eq '${escapeODataString(name)}'`,
          select: ['id', 'displayName'],
          top: LISTED_MATCHES + 1,
        },
        options,
      }),
    context.reads,
  );
  return (page?.value ?? []).filter((g) => typeof g.id === 'string' && g.id.length > 0);
}

/** Display names close to `name` among the groups starting with its first letter, closest first. */
async function similarGroupNames(context: ServiceContext, name: string): Promise<string[]> {
  const first = [...name.trim()][0];
  if (!first) return [];
  const page = await graphCall(
    ({ options }) =>
      context.client.groups.get({
        queryParameters: {
          filter: `startswith(displayName,'${escapeODataString(first)}')`,
          select: ['id', 'displayName'],
          top: 999,
        },
        options,
      }),
    context.reads,
  );
  const names = (page?.value ?? []).flatMap((g) => (g.displayName ? [g.displayName] : []));
  return suggest(
    name,
    names.map((n) => ({ label: n, names: [n] })),
  );
}

function invalid(field: string, value: unknown, message: string): LicensingError {
  return new LicensingError({ code: 'INVALID_INPUT', field, value, message });
}

/**
 * A group by object id or exact display name, a user by object id or user principal name. Ids are checked locally
 * and not read (the run that uses the target reads it); a name is looked up through the engine's failure policy
 * (429 waits its Retry-After, transient answers are retried) and must match exactly one group (Graph compares it
 * case-insensitively; an NFD-typed name is tried again in NFC). No match: `GROUP_NOT_FOUND` with close names as
 * suggestions; several: `GROUP_AMBIGUOUS` listing them (ids as suggestions). Errors name `field` and the value.
 */
export async function resolveTarget(
  context: ServiceContext,
  kind: unknown,
  ref: unknown,
  field = 'ref',
): Promise<ResolvedTarget> {
  if (kind !== 'group' && kind !== 'user') {
    throw invalid('kind', kind, `kind must be 'group' or 'user', got ${shownValue(kind)}. Nothing was sent.`);
  }
  if (typeof ref !== 'string' || ref.trim().length === 0) {
    throw invalid(
      field,
      ref,
      `${field} must name a ${kind} (${kind === 'group' ? 'its object id or display name' : 'its object id or user principal name'}), got ${shownValue(ref)}. Nothing was sent.`,
    );
  }
  if (kind === 'user') return { kind, id: checkTargetId('user', ref, field), displayName: null };
  const nfc = ref.normalize('NFC');
  if (isGuid(ref)) return { kind, id: ref, displayName: null };
  let matches = await groupsNamed(context, ref);
  if (matches.length === 0 && nfc !== ref) matches = await groupsNamed(context, nfc);
  const [only] = matches;
  if (matches.length === 1 && only?.id) return { kind, id: only.id, displayName: only.displayName ?? null };
  if (matches.length > 1) {
    const listed = matches.slice(0, LISTED_MATCHES);
    const more = matches.length > LISTED_MATCHES ? ' and more' : '';
    throw new LicensingError({
      code: 'GROUP_AMBIGUOUS',
      field,
      value: ref,
      message: `${field} ${shownValue(ref)}: ${listed.length}${more} groups have this display name (${listed.map((g) => `${g.id} ${shownValue(g.displayName ?? null)}`).join(', ')}${more}); give the object id of the one you mean. Nothing was sent.`,
      suggestions: listed.map((g) => g.id as string),
    });
  }
  const suggestions = await similarGroupNames(context, ref);
  throw new LicensingError({
    code: 'GROUP_NOT_FOUND',
    field,
    value: ref,
    message: `${field} ${shownValue(ref)}: no group has this display name in the tenant (give its exact display name or its object id).${suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => JSON.stringify(s)).join(', ')}?` : ''}${lookAlikeHint(ref)} Nothing was sent.`,
    suggestions,
  });
}
