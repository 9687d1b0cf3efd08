import { isGuid as isGuidText } from '@entra-licensing/graph-client';
import { LicensingError, shownValue } from './licensing-error.js';

/**
 * A GUID as Graph JSON (a string) or as Kiota parses it (an object whose `toString()` is the GUID).
 * The pure parts accept both, so the generated client's models can be passed as they are.
 */
export type GuidValue = string | { toString(): string };

/**
 * The lower-cased text of a GUID value, or undefined when it is not a GUID. The shape check is graph-client's
 * `isGuid` (the one home of id shapes): ASCII hex only, and nothing is trimmed — `" 05e9…"` is not a GUID.
 */
export function guidText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === 'string' ? value : typeof value === 'object' ? String(value) : undefined;
  return isGuidText(text) ? text.toLowerCase() : undefined;
}

/** Whether a value (a string or a Kiota Guid) is a GUID; the string check is graph-client's `isGuid`. */
export function isGuid(value: unknown): boolean {
  return guidText(value) !== undefined;
}

/** Lower-cases a GUID after checking its shape; throws `INVALID_GUID` naming the field otherwise. */
export function normalizeGuid(value: unknown, field: string): string {
  const text = guidText(value);
  if (text === undefined) {
    throw new LicensingError({
      code: 'INVALID_GUID',
      field,
      value,
      message: `${field} must be a GUID like 00000000-0000-0000-0000-000000000000, got ${shownValue(value)}.`,
    });
  }
  return text;
}
