import { GraphError } from './errors.js';
import type { AssignedLicense } from './generated/models/index.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LicenseToAdd {
  skuId: string;
  /** Service plan ids to switch off; replaces the SKU's previous list. Default []. */
  disabledPlans?: string[];
}

export interface AssignLicenseInput {
  addLicenses?: LicenseToAdd[];
  /** skuIds to remove. */
  removeLicenses?: string[];
}

/** The body of `assignLicense` with both arrays always present (Kiota omits an undefined array). */
export interface AssignLicenseBody {
  addLicenses: AssignedLicense[];
  removeLicenses: string[];
}

function guid(field: string, value: unknown): string {
  if (typeof value !== 'string' || !GUID.test(value)) {
    throw new GraphError({
      kind: 'refused',
      code: 'InvalidRequestBody',
      message: `${field} must be a GUID, got ${JSON.stringify(value)}`,
    });
  }
  return value;
}

function list<T>(field: string, value: T[] | undefined): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new GraphError({
      kind: 'refused',
      code: 'InvalidRequestBody',
      message: `${field} must be an array`,
    });
  }
  return value;
}

/**
 * Builds the assignLicense body for groups and users: validates every GUID locally (the error names the
 * field and value) and writes `addLicenses`, `removeLicenses` and each `disabledPlans` even when empty,
 * with no other keys.
 */
export function assignLicenseBody(input: AssignLicenseInput): AssignLicenseBody {
  const addLicenses = list('addLicenses', input.addLicenses).map((license, i) => ({
    disabledPlans: list(`addLicenses[${i}].disabledPlans`, license.disabledPlans).map((plan, j) =>
      guid(`addLicenses[${i}].disabledPlans[${j}]`, plan),
    ),
    skuId: guid(`addLicenses[${i}].skuId`, license?.skuId),
  }));
  const removeLicenses = list('removeLicenses', input.removeLicenses).map((sku, i) =>
    guid(`removeLicenses[${i}]`, sku),
  );
  return { addLicenses, removeLicenses };
}
