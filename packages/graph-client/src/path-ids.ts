import { GraphError } from './errors.js';

/** The only `#` allowed in a path id: the guest marker of a B2B user principal name (`alice_contoso.com#EXT#@fabrikam.onmicrosoft.com`). */
const GUEST_MARKER = '#EXT#@';

/**
 * Why `value` cannot be placed in a Graph URL path segment, or undefined when it can.
 *
 * Refused: empty values; `.` and `..` (URL normalization would climb the path); `/`, `\`, `?` and `%`
 * (they end or re-shape the path, or smuggle pre-encoded characters); whitespace and control characters;
 * and `#` except inside the guest marker `#EXT#@`. Everything else (GUIDs, UPNs, `tenant_sku` ids,
 * `'`, `+`, non-ASCII letters) is accepted and percent-encoded by Kiota's URI templates.
 */
export function pathIdProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0) return 'must not be empty';
  if (value === '.' || value === '..') return 'must not be "." or ".."';
  const forbidden = /[/\\?%]/.exec(value);
  if (forbidden) return `must not contain "${forbidden[0]}"`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
  if (/[\s\u0000-\u001f\u007f]/u.test(value)) return 'must not contain whitespace or control characters';
  if (value.split(GUEST_MARKER).join('').includes('#')) {
    return 'must not contain "#" except in the guest user principal name marker "#EXT#@"';
  }
  return undefined;
}

/** Throws a GraphError naming `field` and `value` unless `value` is a safe path id. Returns the value. */
export function assertPathId(field: string, value: unknown): string {
  const problem = pathIdProblem(value);
  if (problem) {
    throw new GraphError({
      kind: 'refused',
      code: 'InvalidPathId',
      message: `Invalid ${field} ${JSON.stringify(value)}: ${problem}`,
    });
  }
  return value as string;
}

/** `byGroupId` -> `group id`, `byDirectoryObjectId` -> `directoryObject id` (the field named in errors). */
function fieldOf(indexer: string): string {
  const entity = indexer.slice(2, -2);
  return `${entity.charAt(0).toLowerCase()}${entity.slice(1)} id`;
}

const INDEXER = /^by[A-Z]\w*Id$/;

/**
 * Wraps a Kiota request builder so that every `by…Id(id)` indexer, at any depth, validates its id
 * with {@link assertPathId} before Kiota places it in the URL.
 */
export function withPathIdValidation<T extends object>(builder: T): T {
  return new Proxy(builder, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string') return value;
      if (typeof value === 'function') {
        if (INDEXER.test(property)) {
          return (id: unknown) =>
            withPathIdValidation(
              (value as (id: string) => object).call(target, assertPathId(fieldOf(property), id)),
            );
        }
        if (property === 'withUrl') {
          return (url: string) => withPathIdValidation((value as (url: string) => object).call(target, url));
        }
        return value;
      }
      // navigation properties (`groups`, `assignLicense`, …) are request builders themselves
      if (value && typeof value === 'object') return withPathIdValidation(value);
      return value;
    },
  });
}
