import { isGraphError, isGuid, isUserId } from '@entra-licensing/graph-client';
import type { LicenseTarget } from '@entra-licensing/licensing';
import type { DesiredEntry, DesiredFile } from './desired-file.js';
import { lookUpGroup } from './group-names.js';
import { mapLimit } from './map-limit.js';
import type { Problem } from './problems.js';
import type { Connection } from './sign-in.js';

const CONCURRENCY = 4;

type Found = { target: LicenseTarget } | { problem: Omit<Problem, 'file' | 'line' | 'column' | 'field'> };

/** A user by object id or user principal name, as its object id (so that two spellings are one user). */
async function lookUpUser(connection: Connection, ref: string): Promise<Found> {
  if (!isUserId(ref)) {
    return {
      problem: {
        code: 'INVALID_USER',
        value: ref,
        message: 'must be a user principal name (adele@contoso.com) or an object id.',
      },
    };
  }
  if (isGuid(ref)) return { target: { kind: 'user', id: ref.toLowerCase() } };
  try {
    const user = await connection.client.users
      .byUserId(String(ref).normalize('NFC'))
      .get({ queryParameters: { select: ['id', 'userPrincipalName'] } });
    if (typeof user?.id === 'string') return { target: { kind: 'user', id: user.id.toLowerCase() } };
  } catch (error) {
    if (!(isGraphError(error) && error.status === 404)) throw error;
  }
  return {
    problem: {
      code: 'USER_NOT_FOUND',
      value: ref,
      message: 'no user has this user principal name in the tenant (a guest UPN contains #EXT#).',
    },
  };
}

async function lookUp(connection: Connection, entry: DesiredEntry): Promise<Found> {
  if (entry.kind === 'user') return lookUpUser(connection, entry.ref);
  const found = await lookUpGroup(connection.client, entry.ref);
  if (found.found) return { target: { kind: 'group', id: found.id } };
  return {
    problem: { code: found.code, value: entry.ref, message: found.message, suggestions: found.suggestions },
  };
}

/**
 * Each entry's target by object id (group names and user principal names looked up). Two entries that name the
 * same group or user — by name and by id, in any casing or Unicode normalization — are refused before any write.
 */
export async function resolveEntryTargets(
  file: DesiredFile,
  connection: Connection,
): Promise<{ targets: (LicenseTarget | undefined)[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const found = await mapLimit(file.entries, CONCURRENCY, (entry) => lookUp(connection, entry));
  const targets = found.map((f, i): LicenseTarget | undefined => {
    if ('target' in f) return f.target;
    const entry = file.entries[i] as DesiredEntry;
    problems.push(file.at(`${entry.field}.${entry.kind}`, f.problem));
    return undefined;
  });
  const firstAt = new Map<string, DesiredEntry>();
  file.entries.forEach((entry, i) => {
    const target = targets[i];
    if (!target) return;
    const key = `${target.kind}:${target.id.toLowerCase()}`;
    const first = firstAt.get(key);
    if (!first) {
      firstAt.set(key, entry);
      return;
    }
    const other = file.at(`${first.field}.${first.kind}`, { code: 'DUPLICATE', message: '' });
    problems.push(
      file.at(`${entry.field}.${entry.kind}`, {
        code: 'DUPLICATE_TARGET',
        value: entry.ref,
        message: `names the same ${entry.kind} as ${first.field} (line ${other.line}, ${JSON.stringify(first.ref)}: object id ${target.id}); list each ${entry.kind} once.`,
      }),
    );
    targets[i] = undefined;
  });
  return { targets, problems };
}
