import { LicensingError } from './licensing-error.js';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A GUID as Graph JSON (a string) or as Kiota parses it (an object whose `toString()` is the GUID).
 * The pure parts accept both, so the generated client's models can be passed as they are.
 */
export type GuidValue = string | { toString(): string };

/** The trimmed, lower-cased text of a GUID value, or undefined when it is not a GUID. */
export function guidText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === 'string' ? value : typeof value === 'object' ? String(value) : undefined;
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  return GUID_PATTERN.test(trimmed) ? trimmed.toLowerCase() : undefined;
}

export function isGuid(value: unknown): boolean {
  return guidText(value) !== undefined;
}

/** Lower-cases a GUID after checking its shape; throws `INVALID_GUID` naming the field otherwise. */
export function normalizeGuid(value: unknown, field: string): string {
  const text = guidText(value);
  if (text === undefined) {
    const shown = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
    throw new LicensingError({
      code: 'INVALID_GUID',
      field,
      value,
      message: `${field} must be a GUID like 00000000-0000-0000-0000-000000000000, got ${shown}.`,
    });
  }
  return text;
}
