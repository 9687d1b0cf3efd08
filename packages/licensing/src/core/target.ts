import { targetIdProblem } from './ids.js';
import { LicensingError, shownValue } from './licensing-error.js';

/** Whose licenses: a group (group-based licensing) or a user (direct assignment). */
export interface LicenseTarget {
  kind: 'group' | 'user';
  /** Object id; for users also a user principal name. */
  id: string;
}

/** Checks a target locally (kind, id safe for a URL path); the error names the field and value. */
export function checkTarget(target: unknown, field = 'target'): LicenseTarget {
  const candidate = target as Partial<LicenseTarget> | null | undefined;
  if (!candidate || typeof candidate !== 'object') {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field,
      value: target,
      message: `${field} must be { kind: 'group' | 'user', id }, got ${shownValue(target)}.`,
    });
  }
  if (candidate.kind !== 'group' && candidate.kind !== 'user') {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field: `${field}.kind`,
      value: candidate.kind,
      message: `${field}.kind must be 'group' or 'user', got ${JSON.stringify(candidate.kind)}.`,
    });
  }
  const problem = targetIdProblem(candidate.kind, candidate.id);
  if (problem) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field: `${field}.id`,
      value: candidate.id,
      message: `${field}.id ${shownValue(candidate.id)} ${problem}.`,
    });
  }
  return { kind: candidate.kind, id: candidate.id as string };
}

export function targetKey(target: LicenseTarget): string {
  return `${target.kind}:${target.id.toLowerCase()}`;
}

export function describeTarget(target: LicenseTarget, displayName?: string | null): string {
  return displayName ? `${target.kind} ${displayName} (${target.id})` : `${target.kind} ${target.id}`;
}

/**
 * Graph's 404 on reading a target, as an error that names the field and the value the caller gave
 * (`Request_ResourceNotFound` alone does not tell a workflow author which input was wrong).
 */
export function targetNotFound(target: LicenseTarget, field = 'target.id', cause?: unknown): LicensingError {
  const what = target.kind === 'group' ? 'group' : 'user';
  const hint =
    target.kind === 'user'
      ? 'Check the object id or user principal name (a guest UPN contains #EXT#).'
      : 'Check the group object id (not its display name or mail).';
  return new LicensingError({
    code: 'TARGET_NOT_FOUND',
    field,
    value: target.id,
    message: `${field} ${JSON.stringify(target.id)}: no ${what} with this id exists in the tenant (Graph answered 404 Request_ResourceNotFound). ${hint}`,
    ...(cause === undefined ? {} : { cause }),
  });
}
