/** Plain-language meaning of each per-member group-licensing error, with what to do about it. */
export interface LicenseErrorExplanation {
  code: string;
  explanation: string;
  remediation: string;
}

const EXPLANATIONS: Record<string, Omit<LicenseErrorExplanation, 'code'>> = {
  CountViolation: {
    explanation: 'There were not enough free seats of this product for every member of the group.',
    remediation:
      'Buy more seats or free some (remove the product from users who no longer need it), then reprocess the user.',
  },
  MutuallyExclusiveViolation: {
    explanation:
      'The user already has a service plan that cannot be combined with a plan of this product (for example two Exchange Online plans).',
    remediation:
      'Remove the conflicting license from the user, or disable one of the two plans in the group assignment, then reprocess the user.',
  },
  DependencyViolation: {
    explanation: 'A service plan of this product needs another plan that the user does not have enabled.',
    remediation:
      'Enable the required plan (in this group or another license of the user), or disable the dependent plan, then reprocess.',
  },
  ProhibitedInUsageLocationViolation: {
    explanation: "A service of this product is not available in the user's usage location (country).",
    remediation:
      "Correct the user's usageLocation, or disable the plans that are not offered there, then reprocess.",
  },
  UniquenessViolation: {
    explanation: "The user's proxy address (e-mail address) is already used by another object.",
    remediation:
      'Fix the duplicate proxy address in the directory (or on-premises for synced users), then reprocess.',
  },
  Other: {
    explanation:
      "Licensing failed for another reason; often another product of the same group failed for this user, and then none of the group's products are assigned.",
    remediation:
      "Look at the user's other license errors from this group, fix those first, then reprocess the user.",
  },
};

/** Decodes a `licenseAssignmentState.error` (Graph sends `Other`, older docs say `Others`). */
export function explainLicenseError(code: string): LicenseErrorExplanation {
  const key = code === 'Others' ? 'Other' : code;
  const known = EXPLANATIONS[key];
  if (known) return { code, ...known };
  return {
    code,
    explanation: `Microsoft Graph reported the licensing error "${code}".`,
    remediation:
      "Check the user's license details in the Entra admin center, fix the cause, then reprocess the user.",
  };
}

/** `null`, empty and `None` all mean "no error" (Microsoft's own samples use `None`). */
export function isLicenseError(error: string | null | undefined): error is string {
  return typeof error === 'string' && error.length > 0 && error !== 'None';
}
