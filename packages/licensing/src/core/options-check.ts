import { LicensingError, shownValue } from './licensing-error.js';

/**
 * A tiny typed checker for option objects. Each rule returns the expectation it failed (e.g. "a whole number from
 * 0 to 1000"), or undefined when the value is fine. `undefined` always passes: every option is optional and its
 * default applies. Nothing is coerced: `'5'` is not 5, `'true'` is not true, NaN and Infinity are not numbers.
 */
export type Rule = (value: unknown) => string | undefined;

/** A schema lists a rule for every option of an options type: adding an option without a rule does not compile. */
export type Schema<T> = { readonly [K in keyof Required<T>]: Rule };

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function range(min: number, max: number): string {
  return `from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
}

/** A whole number in [min, max]. */
export function integer(min: number, max: number): Rule {
  const expected = `a whole number ${range(min, max)}`;
  return (value) =>
    isNumber(value) && Number.isInteger(value) && value >= min && value <= max ? undefined : expected;
}

/** A finite number in [min, max]. */
export function number(min: number, max: number): Rule {
  const expected = `a number ${range(min, max)}`;
  return (value) => (isNumber(value) && value >= min && value <= max ? undefined : expected);
}

export const boolean: Rule = (value) => (typeof value === 'boolean' ? undefined : 'true or false');

export const func: Rule = (value) => (typeof value === 'function' ? undefined : 'a function');

/** One of a few known values. */
export function oneOf(values: readonly unknown[]): Rule {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return (value) => (values.includes(value) ? undefined : expected);
}

/** A string matching a pattern, described for the message. */
export function text(pattern: RegExp, description: string): Rule {
  return (value) => (typeof value === 'string' && pattern.test(value) ? undefined : description);
}

/** Any object (checked further where it is used, e.g. a Graph client). */
export const object: Rule = (value) =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : 'an object';

/** A list of at most `max` entries, each passing `entry`. */
export function list(entry: Rule, max: number, what: string): Rule {
  return (value) => {
    if (!Array.isArray(value) || value.length > max) return `a list of at most ${max} ${what}`;
    return value.some((v) => v === undefined || entry(v) !== undefined)
      ? `a list of at most ${max} ${what}`
      : undefined;
  };
}

/**
 * Checks an options object against its schema before anything else happens. The error names the option as
 * `options.<name>` (or under `prefix`) and shows the value given. Unknown options are refused too: a misspelt
 * `maxRemoval` must not silently mean "no limit".
 */
export function checkOptions<T>(value: unknown, schema: Schema<T>, prefix = 'options'): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field: prefix,
      value,
      message: `${prefix} must be an object of options, got ${shownValue(value)}.`,
    });
  }
  const rules = schema as Record<string, Rule>;
  const options = value as Record<string, unknown>;
  for (const name in options) {
    if (!Object.hasOwn(options, name)) continue;
    const given = options[name];
    const rule = rules[name];
    const field = `${prefix}.${name}`;
    if (!rule) {
      const known = Object.keys(rules);
      const close = known.filter(
        (k) => k.toLowerCase() === name.toLowerCase() || k.startsWith(name) || name.startsWith(k),
      );
      throw new LicensingError({
        code: 'INVALID_INPUT',
        field,
        value: given,
        message: `${field} is not an option here (got ${shownValue(given)}). Known options: ${known.join(', ')}.`,
        suggestions: close.length > 0 ? close : known,
      });
    }
    if (given === undefined) continue;
    const expected = rule(given);
    if (expected !== undefined) {
      throw new LicensingError({
        code: 'INVALID_INPUT',
        field,
        value: given,
        message: `${field} must be ${expected}, got ${shownValue(given)}. Nothing was sent.`,
      });
    }
  }
  return value as T;
}
