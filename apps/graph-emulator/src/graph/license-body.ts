import { graphErrors } from '../errors/graph-errors.js';
import { isGuid } from '../ids.js';
import type { AssignLicenseInput } from '../model/directory.js';

const notGuid = (value: unknown): Error =>
  graphErrors.badRequest(`Cannot convert the literal '${String(value)}' to the expected type 'Edm.Guid'.`);

/** Reads an assignLicense body: both `addLicenses` and `removeLicenses` are required (either may be empty). */
export function parseAssignLicenseBody(body: unknown): AssignLicenseInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw graphErrors.badRequest(
      'The request body must be a JSON object with addLicenses and removeLicenses.',
    );
  }
  const { addLicenses, removeLicenses } = body as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (key !== 'addLicenses' && key !== 'removeLicenses') {
      throw graphErrors.badRequest(
        `The parameter '${key}' in the request payload is not a valid parameter for the operation 'assignLicense'.`,
      );
    }
  }
  // Graph's (OData's) answer when a parameter is absent (msgraph-sdk-powershell #3201, #3361, #3231, #3245).
  const missing = (['addLicenses', 'removeLicenses'] as const).filter((name) => !(name in body));
  if (missing.length > 0) {
    throw graphErrors.badRequest(
      `One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.`,
    );
  }
  if (!Array.isArray(addLicenses)) {
    throw graphErrors.badRequest(
      "The parameter 'addLicenses' is required and must be a collection of assignedLicense (it can be empty).",
    );
  }
  if (!Array.isArray(removeLicenses)) {
    throw graphErrors.badRequest(
      "The parameter 'removeLicenses' is required and must be a collection of skuIds (it can be empty).",
    );
  }
  const add = addLicenses.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) {
      throw graphErrors.badRequest(`addLicenses[${i}] must be an assignedLicense object with a skuId.`);
    }
    const { skuId, disabledPlans } = item as Record<string, unknown>;
    if (skuId === undefined || skuId === null)
      throw graphErrors.badRequest(`addLicenses[${i}].skuId is required.`);
    if (!isGuid(skuId)) throw notGuid(skuId);
    if (disabledPlans !== undefined && !Array.isArray(disabledPlans)) {
      throw graphErrors.badRequest(`addLicenses[${i}].disabledPlans must be a collection of servicePlanIds.`);
    }
    const plans = (disabledPlans ?? []).map((plan: unknown) => {
      if (!isGuid(plan)) throw notGuid(plan);
      return String(plan).toLowerCase();
    });
    return { skuId: String(skuId).toLowerCase(), disabledPlans: [...new Set(plans)] };
  });
  const remove = removeLicenses.map((skuId: unknown) => {
    if (!isGuid(skuId)) throw notGuid(skuId);
    return String(skuId).toLowerCase();
  });
  return { addLicenses: add, removeLicenses: [...new Set(remove)] };
}
