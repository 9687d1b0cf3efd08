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
  | 'GROUP_NOT_FOUND'
  | 'GROUP_AMBIGUOUS'
  | 'CONFLICTING_INTENTS'
  | 'RETRIES_EXHAUSTED'
  | 'PERMISSION_DENIED'
  | 'GRAPH_ERROR'
  | 'DATA_LOSS';

export interface LicensingErrorOptions {
  code: LicensingErrorCode;
  /** The input field at fault, as a path the caller recognises (`sku`, `disabledPlans[1]`, `intents[3].target.id`). */
  field: string;
  /** The offending value, exactly as the caller gave it. */
  value: unknown;
  message: string;
  /** "Did you mean" candidates or the allowed values, most likely first. */
  suggestions?: readonly string[];
  /** The GUID a name resolved to, when `value` is a name the caller typed (`value: 'SPE_E3'`, `resolvedId: '05e9…'`). */
  resolvedId?: string;
  /** For a refusal from Graph: its HTTP status and error code. */
  status?: number;
  graphCode?: string;
  cause?: unknown;
}

const SHOWN_MAX = 80;

/**
 * The one way a value is shown in a message: JSON-like text, shortened to about 80 characters with the length
 * named (`"aaaa…" (100000 characters)`), so that a huge input never makes a huge message.
 */
export function shownValue(value: unknown, max = SHOWN_MAX): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (typeof value === 'function') text = 'a function';
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'number') text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  if (text.length <= max) return text;
  if (typeof value === 'string')
    return `${JSON.stringify(value.slice(0, max))}… (${value.length} characters)`;
  return `${text.slice(0, max)}… (${text.length} characters)`;
}

/** The one error type of this package: every problem names the field and the value at fault. */
export class LicensingError extends Error {
  readonly code: LicensingErrorCode;
  readonly field: string;
  readonly value: unknown;
  readonly suggestions: readonly string[];
  readonly resolvedId?: string;
  readonly status?: number;
  readonly graphCode?: string;

  constructor(options: LicensingErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LicensingError';
    this.code = options.code;
    this.field = options.field;
    this.value = options.value;
    this.suggestions = options.suggestions ?? [];
    if (options.resolvedId !== undefined) this.resolvedId = options.resolvedId;
    if (options.status !== undefined) this.status = options.status;
    if (options.graphCode !== undefined) this.graphCode = options.graphCode;
  }

  private extras(): Pick<LicensingErrorOptions, 'resolvedId' | 'status' | 'graphCode'> {
    return {
      ...(this.resolvedId === undefined ? {} : { resolvedId: this.resolvedId }),
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.graphCode === undefined ? {} : { graphCode: this.graphCode }),
    };
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
      ...this.extras(),
      cause: this.cause,
    });
  }

  toJSON(): {
    code: string;
    field: string;
    value: unknown;
    message: string;
    suggestions: readonly string[];
    resolvedId?: string;
    status?: number;
    graphCode?: string;
  } {
    return {
      code: this.code,
      field: this.field,
      value: this.value,
      message: this.message,
      suggestions: this.suggestions,
      ...this.extras(),
    };
  }
}

export function isLicensingError(error: unknown): error is LicensingError {
  return error instanceof LicensingError;
}
