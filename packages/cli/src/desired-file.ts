import { readFileSync, statSync } from 'node:fs';
import type { SkuSpec } from '@entra-licensing/licensing';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { fieldPath, formatField } from './field-path.js';
import { MAX_FILE_BYTES } from './file-format.js';
import { CliError, inFileOrder, type Problem, shown } from './problems.js';

export { MAX_FILE_BYTES, SCHEMA_URL } from './file-format.js';

/** One group or user of the file and the licenses it should hold. */
export interface DesiredEntry {
  kind: 'group' | 'user';
  /** As written: a display name or id (groups), a user principal name or id (users). */
  ref: string;
  /** Where it is in the file: `groups[0]`. */
  field: string;
  licenses: SkuSpec[];
  exclusive: boolean;
}

export interface DesiredFile {
  /** The path as the user gave it (used in messages). */
  file: string;
  entries: DesiredEntry[];
  /** A problem located at `field` (or, when that path does not exist, at its closest existing parent). */
  at(field: string, problem: Omit<Problem, 'file' | 'line' | 'column' | 'field'>): Problem;
}

interface RawEntry {
  group?: string;
  user?: string;
  licenses: (string | { sku: string; disabledPlans?: string[] })[];
  exclusive?: boolean;
}

interface RawFile {
  groups?: RawEntry[];
  users?: RawEntry[];
}

let validator: ReturnType<Ajv['compile']> | undefined;

function schemaValidator(): ReturnType<Ajv['compile']> {
  if (!validator) {
    const schema = JSON.parse(
      readFileSync(new URL('../schema/licenses.schema.json', import.meta.url), 'utf8'),
    ) as object;
    validator = new Ajv({ allErrors: true, strict: true }).compile(schema);
  }
  return validator;
}

/** The yaml node at a path, and the key node of its pair (to point at an unknown key). */
function nodeAt(
  root: unknown,
  path: readonly (string | number)[],
): { node: Node | undefined; depth: number } {
  let node = root as Node | undefined;
  let depth = 0;
  for (const segment of path) {
    let next: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      next = (pair?.value ?? pair?.key ?? undefined) as Node | undefined;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment] as Node | undefined;
    }
    if (!next) break;
    node = next;
    depth += 1;
  }
  return { node, depth };
}

function keyNodeAt(root: unknown, path: readonly (string | number)[], key: string): Node | undefined {
  const { node, depth } = nodeAt(root, path);
  if (depth !== path.length || !isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return (pair?.key ?? undefined) as Node | undefined;
}

function schemaMessage(error: ErrorObject): { message: string; field: string[] } {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return {
        message: `unknown field ${shown(params.additionalProperty)} (allowed here: ${allowedKeys(path)}).`,
        field: [...path, String(params.additionalProperty)],
      };
    case 'required':
      return { message: `the field ${shown(params.missingProperty)} is required here.`, field: path };
    case 'type':
      return { message: `must be ${articled(String(params.type))}.`, field: path };
    case 'licenseChoice':
      return { message: 'must be a SKU name or a mapping { sku, disabledPlans }.', field: path };
    case 'minLength':
      return { message: 'must not be empty.', field: path };
    case 'maxLength':
    case 'maxItems':
      return { message: `is too long (at most ${String(params.limit)}).`, field: path };
    default:
      return { message: error.message ?? 'is not valid.', field: path };
  }
}

function articled(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping (key: value)';
  if (type === 'boolean') return 'true or false';
  return `a ${type}`;
}

function allowedKeys(path: readonly string[]): string {
  if (path.length === 0) return '$schema, groups, users';
  if (path.length === 2 && path[0] === 'groups') return 'group, licenses, exclusive';
  if (path.length === 2 && path[0] === 'users') return 'user, licenses, exclusive';
  return 'sku, disabledPlans';
}

/**
 * Of the schema's errors, the ones worth showing. A license is a name or `{ sku, disabledPlans }`: for an object the
 * string branch's complaint is dropped, for a string the object branch's; anything else gets one "name or mapping"
 * error. One error per field and kind.
 */
function usefulErrors(errors: readonly ErrorObject[], data: unknown): ErrorObject[] {
  const valueAt = (pointer: string): unknown =>
    valueAtPath(
      data,
      pointer
        .split('/')
        .slice(1)
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    );
  const typesAt = new Map<string, Set<string>>();
  for (const e of errors) {
    if (e.keyword === 'type') {
      const set = typesAt.get(e.instancePath) ?? new Set<string>();
      set.add(String(e.params.type));
      typesAt.set(e.instancePath, set);
    }
  }
  const seen = new Set<string>();
  const kept: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword === 'oneOf') continue;
    const value = valueAt(e.instancePath);
    const types = typesAt.get(e.instancePath);
    const isLicenseChoice = types?.has('string') === true && types.has('object');
    if (isLicenseChoice && e.keyword === 'type') {
      if (typeof value === 'string' || (typeof value === 'object' && value !== null)) continue;
      const key = `${e.instancePath}|choice`;
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push({ ...e, keyword: 'licenseChoice', params: {} });
      continue;
    }
    if (e.keyword === 'type' && types?.has('object') && typeof value === 'string') continue;
    // a license written as a mapping: its own fields' errors tell more than "must be a string"
    const isLicense = /\/licenses\/\d+$/.test(e.instancePath);
    if (isLicense && e.keyword === 'type' && typeof value === 'object' && value !== null) continue;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(e);
  }
  return kept;
}

/** Reads a desired-licenses file (YAML or JSON), checks it against the schema; every problem has file:line:column. */
export function loadDesiredFile(file: string): DesiredFile {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      throw new CliError({
        code: 'FILE_TOO_LARGE',
        message: `${file} is ${size} bytes; at most ${MAX_FILE_BYTES} are read.`,
        field: 'file',
        value: file,
      });
    }
    text = decodeUtf8(readFileSync(file), file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as { code?: string }).code;
    throw new CliError({
      code: 'FILE_NOT_READABLE',
      field: 'file',
      value: file,
      message: `cannot read ${file}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}.`,
    });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const position = (offset: number | undefined) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    throw new CliError(
      doc.errors.map((e) => {
        const message = e.message.split('\n')[0] ?? '';
        // name the key that is there twice (yaml says only "Map keys must be unique")
        const key =
          e.code === 'DUPLICATE_KEY' ? /^[^:\n]+/.exec(text.slice(e.pos[0]))?.[0]?.trim() : undefined;
        return {
          code: e.code === 'DUPLICATE_KEY' ? 'FILE_DUPLICATE_KEY' : 'FILE_SYNTAX',
          file,
          ...position(e.pos[0]),
          ...(key ? { field: key } : {}),
          message: key ? `the key ${JSON.stringify(key)} is given twice in the same mapping.` : message,
        };
      }),
    );
  }
  const at: DesiredFile['at'] = (field, problem) => {
    const path = fieldPath(field);
    const { node } = nodeAt(doc.contents, path);
    const offset = node?.range?.[0] ?? doc.contents?.range?.[0] ?? 0;
    return { ...problem, field, file, ...position(offset) };
  };
  let data: unknown;
  try {
    data = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as unknown;
  } catch (error) {
    // yaml refuses an alias bomb (aliases expanding to a huge document): point at the first alias
    const alias = /\*[A-Za-z0-9_-]/.exec(text);
    throw new CliError({
      code: 'FILE_ALIASES',
      file,
      ...position(alias?.index ?? 0),
      message: `too many YAML aliases (*name) expand here (${(error as Error).message}); write the values out instead.`,
    });
  }
  const validate = schemaValidator();
  if (!validate(data)) {
    throw new CliError(
      inFileOrder(
        usefulErrors(validate.errors ?? [], data).map((error) => {
          const { message, field } = schemaMessage(error);
          const path = field.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
          const name = formatField(path) || '(file)';
          const keyNode =
            error.keyword === 'additionalProperties'
              ? keyNodeAt(doc.contents, path.slice(0, -1), String(path[path.length - 1]))
              : undefined;
          const located = at(name, { code: 'FILE_SCHEMA', message });
          const value = error.keyword === 'required' ? undefined : valueAtPath(data, path);
          return {
            ...located,
            ...(keyNode?.range ? position(keyNode.range[0]) : {}),
            ...(value === undefined || typeof value === 'object' ? {} : { value }),
          };
        }),
      ),
    );
  }
  const raw = data as RawFile;
  const emptyLists: Problem[] = [];
  for (const kind of ['group', 'user'] as const) {
    for (const [index, entry] of ((kind === 'group' ? raw.groups : raw.users) ?? []).entries()) {
      if (entry.licenses.length > 0 || entry.exclusive === true) continue;
      emptyLists.push(
        at(`${kind}s[${index}].licenses`, {
          code: 'FILE_EMPTY_LICENSES',
          value: [],
          message: `is empty, which says nothing: to remove every license of this ${kind}, add exclusive: true; to leave the ${kind} alone, delete the entry (a ${kind} not named is not managed).`,
        }),
      );
    }
  }
  if (emptyLists.length > 0) throw new CliError(emptyLists);
  const entries: DesiredEntry[] = [];
  for (const kind of ['group', 'user'] as const) {
    const list = kind === 'group' ? raw.groups : raw.users;
    (list ?? []).forEach((entry, index) => {
      entries.push({
        kind,
        ref: (kind === 'group' ? entry.group : entry.user) ?? '',
        field: `${kind}s[${index}]`,
        licenses: entry.licenses.map((l) =>
          typeof l === 'string' ? l : { sku: l.sku, disabledPlans: l.disabledPlans ?? [] },
        ),
        exclusive: entry.exclusive === true,
      });
    });
  }
  return { file, entries, at };
}

function valueAtPath(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const segment of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** Where the first byte that cannot start or continue a UTF-8 character is (a locator; the decoder decides). */
function firstBadByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const more =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (more < 0) return i;
    for (let k = 1; k <= more; k++) if ((bytes[i + k] ?? 0) >> 6 !== 2) return i;
    i += more + 1;
  }
  return 0;
}

/** The file's bytes as text; anything that is not UTF-8 is refused at its line and column, before any request. */
function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstBadByte(bytes);
    const lines = new TextDecoder('utf-8').decode(bytes.subarray(0, offset)).split('\n');
    throw new CliError({
      code: 'FILE_NOT_UTF8',
      file,
      line: lines.length,
      column: (lines.at(-1)?.length ?? 0) + 1,
      message: `is not UTF-8: byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset} (saved as Latin-1 or Windows-1252?). Save the file as UTF-8.`,
    });
  }
}
