/** Machine-readable codes of every error this package raises on its own (before or instead of a Graph call). */
export type LicensingErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_GUID'
  | 'SKU_NOT_FOUND'
  | 'SKU_AMBIGUOUS'
  | 'SKU_NOT_IN_TENANT'
  | 'SKU_NOT_ASSIGNABLE'
  | 'SKU_NOT_ASSIGNED'
  | 'SKU_ADD_AND_REMOVE'
  | 'DUPLICATE_SKU'
  | 'PLAN_NOT_FOUND'
  | 'PLAN_NOT_IN_SKU'
  | 'PLAN_AMBIGUOUS'
  | 'PLAN_DISABLE_AND_ENABLE'
  | 'MUTUALLY_EXCLUSIVE_PLANS'
  | 'SEATS_EXHAUSTED'
  | 'MAX_REMOVALS_EXCEEDED'
  | 'INHERITED_LICENSE'
  | 'USAGE_LOCATION_MISSING'
  | 'GROUP_NOT_ELIGIBLE'
  | 'TARGET_NOT_FOUND'
  | 'CONFLICTING_INTENTS'
  | 'GRAPH_ERROR';

export interface LicensingErrorOptions {
  code: LicensingErrorCode;
  /** The input field at fault, as a path the caller recognises (`sku`, `disabledPlans[1]`, `intents[3].target.id`). */
  field: string;
  /** The offending value, exactly as the caller gave it. */
  value: unknown;
  message: string;
  /** "Did you mean" candidates or the allowed values, most likely first. */
  suggestions?: readonly string[];
  cause?: unknown;
}

/** The one error type of this package: every problem names the field and the value at fault. */
export class LicensingError extends Error {
  readonly code: LicensingErrorCode;
  readonly field: string;
  readonly value: unknown;
  readonly suggestions: readonly string[];

  constructor(options: LicensingErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LicensingError';
    this.code = options.code;
    this.field = options.field;
    this.value = options.value;
    this.suggestions = options.suggestions ?? [];
  }

  /** A copy of this error whose field is prefixed, e.g. `sku` → `intents[2].sku`. */
  withFieldPrefix(prefix: string): LicensingError {
    if (this.field === prefix || this.field.startsWith(`${prefix}.`) || this.field.startsWith(`${prefix}[`)) {
      return this;
    }
    const field = this.field.startsWith('[') ? `${prefix}${this.field}` : `${prefix}.${this.field}`;
    return new LicensingError({
      code: this.code,
      field,
      value: this.value,
      message: this.message,
      suggestions: this.suggestions,
      cause: this.cause,
    });
  }

  toJSON(): { code: string; field: string; value: unknown; message: string; suggestions: readonly string[] } {
    return {
      code: this.code,
      field: this.field,
      value: this.value,
      message: this.message,
      suggestions: this.suggestions,
    };
  }
}

export function isLicensingError(error: unknown): error is LicensingError {
  return error instanceof LicensingError;
}
