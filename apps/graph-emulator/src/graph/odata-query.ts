import { graphErrors } from '../errors/graph-errors.js';
import { isGuid } from '../ids.js';

/** A parsed `$filter` clause, evaluated against an object by the caller's accessor. */
export type FilterClause =
  | { kind: 'licenseSku'; skuId: string }
  | { kind: 'anyLicense' }
  | { kind: 'licenseCount'; op: 'eq' | 'ne'; value: number }
  | { kind: 'hasMembersWithLicenseErrors'; value: boolean }
  | { kind: 'equals'; property: string; value: string | boolean | null }
  | { kind: 'in'; property: string; values: string[] }
  | { kind: 'startsWith'; property: string; value: string }
  | { kind: 'groupType'; value: string }
  | { kind: 'signIn'; property: SignInDateProperty; op: 'eq' | 'ne' | 'ge' | 'le'; value: number | null };

export type SignInDateProperty =
  | 'lastSignInDateTime'
  | 'lastNonInteractiveSignInDateTime'
  | 'lastSuccessfulSignInDateTime';

export interface ParsedFilter {
  clauses: FilterClause[];
  /** Advanced queries need `ConsistencyLevel: eventual` and `$count=true`. */
  advanced: boolean;
}

function splitAnd(filter: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && filter.slice(i, i + 5).toLowerCase() === ' and ') {
      parts.push(filter.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  parts.push(filter.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function literal(text: string): string | boolean | null | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  const match = /^'((?:[^']|'')*)'$/.exec(text);
  return match ? match[1]!.replace(/''/g, "'") : undefined;
}

/**
 * Parses the `$filter` subset the licensing surface needs. `filterable` lists the properties the
 * resource accepts in `eq` / `startswith`; anything else is Graph's "Unsupported or invalid query filter".
 */
export function parseFilter(
  filter: string,
  resource: 'User' | 'Group',
  filterable: readonly string[],
): ParsedFilter {
  const clauses: FilterClause[] = [];
  let advanced = false;
  const invalid = (property: string): ReturnType<typeof graphErrors.unsupportedQuery> =>
    graphErrors.unsupportedQuery(
      `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`,
    );
  for (const part of splitAnd(filter)) {
    let m = /^assignedLicenses\/any\(\s*(\w+)\s*:\s*\1\/skuId\s+eq\s+([0-9a-fA-F-]+)\s*\)$/.exec(part);
    if (m) {
      if (!isGuid(m[2]))
        throw graphErrors.badRequest(`Invalid filter clause: '${m[2]}' is not a valid Guid.`);
      clauses.push({ kind: 'licenseSku', skuId: m[2]!.toLowerCase() });
      continue;
    }
    if (/^assignedLicenses\/any\(\s*(\w+)\s*:\s*\1\/skuId\s+eq\s+'[^']*'\s*\)$/.test(part)) {
      throw graphErrors.invalidRequest(
        "A binary operator with incompatible types was detected. Found operand types 'Edm.Guid' and 'Edm.String' for operator kind 'Equal'.",
      );
    }
    if (/^assignedLicenses\/any\(\s*\)$/.test(part)) {
      clauses.push({ kind: 'anyLicense' });
      continue;
    }
    m = /^assignedLicenses\/\$count\s+(eq|ne)\s+(\d+)$/.exec(part);
    if (m) {
      if (resource !== 'User') throw invalid('assignedLicenses');
      clauses.push({ kind: 'licenseCount', op: m[1] as 'eq' | 'ne', value: Number(m[2]) });
      advanced = true;
      continue;
    }
    m =
      /^signInActivity\/(lastSignInDateTime|lastNonInteractiveSignInDateTime|lastSuccessfulSignInDateTime)\s+(eq|ne|ge|le)\s+(\S+)$/.exec(
        part,
      );
    if (m) {
      if (resource !== 'User') throw invalid('signInActivity');
      const raw = m[3]!;
      const value = raw === 'null' ? null : dateTimeOffset(raw);
      if (value === undefined) {
        throw graphErrors.badRequest(`Invalid filter clause: '${raw}' is not a valid DateTimeOffset.`);
      }
      clauses.push({
        kind: 'signIn',
        property: m[1] as SignInDateProperty,
        op: m[2] as 'eq' | 'ne' | 'ge' | 'le',
        value,
      });
      continue;
    }
    m = /^hasMembersWithLicenseErrors\s+eq\s+(true|false)$/.exec(part);
    if (m) {
      if (resource !== 'Group') throw invalid('hasMembersWithLicenseErrors');
      clauses.push({ kind: 'hasMembersWithLicenseErrors', value: m[1] === 'true' });
      continue;
    }
    m = /^groupTypes\/any\(\s*(\w+)\s*:\s*\1\s+eq\s+('(?:[^']|'')*')\s*\)$/.exec(part);
    if (m && resource === 'Group') {
      clauses.push({ kind: 'groupType', value: String(literal(m[2]!)) });
      continue;
    }
    m = /^startswith\(\s*(\w+)\s*,\s*('(?:[^']|'')*')\s*\)$/i.exec(part);
    if (m) {
      if (!filterable.includes(m[1]!)) throw invalid(m[1]!);
      clauses.push({ kind: 'startsWith', property: m[1]!, value: String(literal(m[2]!)) });
      continue;
    }
    m = /^(\w+)\s+in\s+\((.*)\)$/.exec(part);
    if (m) {
      if (!filterable.includes(m[1]!)) throw invalid(m[1]!);
      const values = m[2]!.split(',').map((v) => literal(v.trim()));
      if (values.some((v) => typeof v !== 'string'))
        throw graphErrors.badRequest(`Invalid filter clause: cannot parse '(${m[2]})'.`);
      clauses.push({ kind: 'in', property: m[1]!, values: values as string[] });
      continue;
    }
    m = /^(\w+)\s+eq\s+(.+)$/.exec(part);
    if (m) {
      const value = literal(m[2]!.trim());
      if (!filterable.includes(m[1]!)) throw invalid(m[1]!);
      if (value === undefined) throw graphErrors.badRequest(`Invalid filter clause: cannot parse '${m[2]}'.`);
      clauses.push({ kind: 'equals', property: m[1]!, value });
      continue;
    }
    const property = /^(\w+)/.exec(part)?.[1] ?? part;
    throw invalid(property);
  }
  // "signInActivity supports $filter (eq, ne, not, ge, le) but not with any other filterable properties."
  if (clauses.length > 1 && clauses.some((c) => c.kind === 'signIn')) {
    throw graphErrors.unsupportedQuery(
      'Unsupported query: a $filter on signInActivity cannot be combined with other filter clauses.',
    );
  }
  return { clauses, advanced };
}

/** An unquoted Edm.DateTimeOffset literal (`2026-01-31T00:00:00Z`), as epoch ms; undefined if it is not one. */
function dateTimeOffset(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

export interface ListQuery {
  select: string[] | undefined;
  filter: ParsedFilter | undefined;
  top: number | undefined;
  skip: number;
  count: boolean;
  orderBy: { property: string; descending: boolean } | undefined;
}

export interface ListOptions {
  resource: 'User' | 'Group';
  /** Properties that exist on the type (for `$select` validation). */
  properties: readonly string[];
  filterable: readonly string[];
  orderable: readonly string[];
  eventual: boolean;
}

/** Parses `$select`, `$filter`, `$top`, `$skiptoken`, `$count`, `$orderby` with Graph's directory rules. */
export function parseListQuery(query: URLSearchParams, options: ListOptions): ListQuery {
  for (const key of query.keys()) {
    if (key === '$search')
      throw graphErrors.unsupportedQuery(
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      );
    if (key === '$expand')
      throw graphErrors.unsupportedQuery('Unsupported query: $expand is not supported by this emulator.');
    // Directory collections page with $skiptoken only (v1.0 metadata: SkipSupported=false; msgraph-metadata #135).
    if (key === '$skip') throw graphErrors.badRequest("'$skip' is not supported by the service.");
  }
  const select = parseSelect(query, options.resource, options.properties);
  const rawFilter = query.get('$filter');
  const filter = rawFilter ? parseFilter(rawFilter, options.resource, options.filterable) : undefined;
  const count = query.get('$count') === 'true';
  if (count && !options.eventual) throw graphErrors.badRequest('$count is not currently supported.');
  if (filter?.advanced && !(options.eventual && count)) {
    throw graphErrors.unsupportedQuery(
      `Unsupported or invalid query filter clause specified for property 'assignedLicenses' of resource '${options.resource}'.`,
    );
  }
  const rawTop = query.get('$top');
  let top: number | undefined;
  if (rawTop !== null) {
    top = Number(rawTop);
    if (!Number.isInteger(top) || top < 1 || top > 999) {
      throw graphErrors.badRequest(
        `Invalid page size specified: '${rawTop}'. Must be between 1 and 999 inclusive.`,
      );
    }
  }
  const token = query.get('$skiptoken');
  let skip = 0;
  if (token !== null) {
    skip = Number(
      Buffer.from(token, 'base64url')
        .toString('utf8')
        .replace(/^offset:/, ''),
    );
    if (!Number.isInteger(skip) || skip < 0)
      throw graphErrors.badRequest(
        'The specified page token value has expired and can no longer be included in your request.',
      );
  }
  const rawOrder = query.get('$orderby');
  let orderBy: ListQuery['orderBy'];
  if (rawOrder !== null) {
    const m = /^(\w+)(?:\s+(asc|desc))?$/.exec(rawOrder.trim());
    if (!m || !options.orderable.includes(m[1]!))
      throw graphErrors.unsupportedQuery('Sorting not supported for current query.');
    orderBy = { property: m[1]!, descending: m[2] === 'desc' };
  }
  return { select, filter, top, skip, count, orderBy };
}

/** Properties that exist but can only be filtered on: `$select` of one is a 400 (group-list.md; docs PR #3547). */
const FILTER_ONLY: Record<string, readonly string[]> = { Group: ['hasMembersWithLicenseErrors'] };

export function parseSelect(
  query: URLSearchParams,
  resource: string,
  properties: readonly string[],
): string[] | undefined {
  const raw = query.get('$select');
  if (raw === null || raw.trim() === '') return undefined;
  const names = raw.split(',').map((s) => s.trim());
  for (const name of names) {
    if (FILTER_ONLY[resource]?.includes(name)) {
      throw graphErrors.badRequest(
        `The property '${name}' of type 'microsoft.graph.${resource.toLowerCase()}' can only be used in $filter; it cannot be selected.`,
      );
    }
    if (!properties.includes(name)) {
      throw graphErrors.badRequest(
        `Could not find a property named '${name}' on type 'microsoft.graph.${resource.toLowerCase()}'.`,
      );
    }
  }
  return names;
}

export function encodeSkipToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}
