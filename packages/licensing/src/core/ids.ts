import { isGuid, isUserId, pathIdProblem } from '@entra-licensing/graph-client';
import { LicensingError, shownValue } from './licensing-error.js';
import { codePointName } from './text-match.js';

/** `U+0430` for a character that is not printable ASCII (look-alike letters, full-width digits, zero-width spaces). */
function oddCharacter(value: string): string | undefined {
  for (const [index, char] of [...value].entries()) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x21 || code > 0x7e) return `${codePointName(char)} at position ${index + 1}`;
  }
  return undefined;
}

/**
 * Why `id` cannot name a target of this kind, or undefined when it can: a group id must be a GUID (ASCII hex, any
 * case), a user id a GUID or a user principal name. Nothing is trimmed: surrounding whitespace is refused.
 */
export function targetIdProblem(kind: 'group' | 'user', id: unknown): string | undefined {
  const pathProblem = pathIdProblem(id);
  const odd = typeof id === 'string' ? oddCharacter(id) : undefined;
  if (kind === 'group') {
    if (isGuid(id)) return undefined;
    const detail = pathProblem ?? (odd ? `contains ${odd}` : undefined);
    return `must be a group object id (a GUID like 00000000-0000-0000-0000-000000000000)${detail ? `; it ${detail}` : ''}`;
  }
  if (isUserId(id)) return undefined;
  const detail = pathProblem ?? (odd ? `contains ${odd}` : undefined);
  return `must be a user object id (a GUID) or a user principal name (name@domain)${detail ? `; it ${detail}` : ''}`;
}

/** Checks a group or user id locally; the error names `field` and shows the value. Returns the id unchanged. */
export function checkTargetId(kind: 'group' | 'user', id: unknown, field: string): string {
  const problem = targetIdProblem(kind, id);
  if (problem) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field,
      value: id,
      message: `${field} ${shownValue(id)} ${problem}. Nothing was sent.`,
    });
  }
  return id as string;
}
