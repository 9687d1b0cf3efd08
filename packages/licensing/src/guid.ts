import { LicensingError } from './licensing-error.js';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID_PATTERN.test(value.trim());
}

/** Same test for a value already known to be a string (no type narrowing). */
export function looksLikeGuid(value: string): boolean {
  return GUID_PATTERN.test(value.trim());
}

/** Lower-cases a GUID after checking its shape; throws `INVALID_GUID` naming the field otherwise. */
export function normalizeGuid(value: unknown, field: string): string {
  if (!isGuid(value)) {
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    throw new LicensingError({
      code: 'INVALID_GUID',
      field,
      value,
      message: `${field} must be a GUID like 00000000-0000-0000-0000-000000000000, got ${shown}.`,
    });
  }
  return value.trim().toLowerCase();
}
