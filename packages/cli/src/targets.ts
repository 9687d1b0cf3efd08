import { isGuid } from '@entra-licensing/graph-client';
import { isLicensingError, type LicenseTarget, mapLimit } from '@entra-licensing/licensing';
import type { DesiredEntry, DesiredFile } from './desired-file.js';
import { CliError, type Problem } from './problems.js';
import type { Connection } from './sign-in.js';

const CONCURRENCY = 4;

type Found = { target: LicenseTarget } | { problem: Omit<Problem, 'file' | 'line' | 'column' | 'field'> };

function problemOf(error: unknown, ref: string): Found {
  if (!isLicensingError(error)) throw error;
  const prefix = `${error.field} ${JSON.stringify(ref)}: `;
  return {
    problem: {
      code: error.code,
      value: ref,
      message: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message,
      ...(error.suggestions ? { suggestions: error.suggestions } : {}),
    },
  };
}

/**
 * An entry's target by object id, through the licensing service (its failure policy): a group by id or exact display
 * name (`resolveTarget`); a user by id, or by user principal name read once to learn its object id (so that two
 * spellings of one user are one target).
 */
async function lookUp(connection: Connection, entry: DesiredEntry): Promise<Found> {
  const field = `${entry.field}.${entry.kind}`;
  try {
    const found = await connection.service.resolveTarget(entry.kind, entry.ref, field);
    if (found.kind === 'group' || isGuid(found.id)) {
      return { target: { kind: found.kind, id: found.id.toLowerCase() } };
    }
    const user = await connection.service.getUserLicenses(String(found.id).normalize('NFC'));
    return { target: { kind: 'user', id: user.userId.toLowerCase() } };
  } catch (error) {
    return problemOf(error, entry.ref);
  }
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

/** One group by object id or display name (a command argument); a miss is a CliError naming the argument. */
export async function resolveGroupArgument(
  connection: Connection,
  ref: string,
  field: string,
): Promise<{ id: string; displayName: string | null }> {
  try {
    const found = await connection.service.resolveTarget('group', ref, field);
    return { id: found.id.toLowerCase(), displayName: found.displayName };
  } catch (error) {
    const found = problemOf(error, ref);
    if ('problem' in found) throw new CliError({ ...found.problem, field });
    throw error;
  }
}
