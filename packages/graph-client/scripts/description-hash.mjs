// Reproduces, without .NET, the `descriptionHash` that Kiota writes into kiota-lock.json.
//
// How Kiota computes it (Kiota 1.38.0, Microsoft.OpenApi 3.x): after parsing the description (with
// Kiota's own extension parsers) KiotaBuilder.FinalizeWorkspaceAsync calls
// OpenApiDocument.GetHashCodeAsync(), which serializes the document as OpenAPI 3.1 with
// OpenApiJsonWriter { Terse = true } (compact JSON, OpenAPI.NET's fixed key order per object type,
// `nullable: true` turned into a type array with "null" first, defaults such as `style: form` or
// `additionalProperties: true` left out) and returns the SHA-512 of those UTF-8 bytes as upper-case hex.
//
// This module rebuilds that exact JSON for the keywords our description uses and throws on any keyword
// it does not know, so that an unsupported change fails loudly instead of yielding a wrong hash. On a
// machine with .NET, `pnpm generate:check` also asserts that this hash equals the one Kiota wrote.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export class UnsupportedKeywordError extends Error {}

const OPENAPI_31 = '3.1.2';

function unsupported(where, key) {
  throw new UnsupportedKeywordError(
    `description-hash: keyword "${key}" at ${where} is not supported by scripts/description-hash.mjs; extend it (and check it against Kiota with dotnet)`,
  );
}

/** Copies `keys` of `source` in the given order through `writers`; throws on keys not in the table. */
function ordered(where, source, table) {
  const out = {};
  const known = new Set(table.map(([k]) => k));
  for (const key of Object.keys(source)) {
    if (!known.has(key) && !key.startsWith('x-')) unsupported(where, key);
  }
  for (const [key, write] of table) {
    if (key === 'x-*') {
      for (const [ext, value] of Object.entries(source))
        if (ext.startsWith('x-')) out[ext] = extension(ext, value);
      continue;
    }
    if (source[key] === undefined) continue;
    const value = write(source[key], `${where}/${key}`);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const same = (v) => v;
const map = (fn) => (value, where) =>
  Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fn(v, `${where}/${k}`)]));
const list = (fn) => (value, where) => value.map((v, i) => fn(v, `${where}/${i}`));
const ref = (fn) => (value, where) => (value.$ref !== undefined ? reference(value, where) : fn(value, where));

function reference(value, where) {
  for (const key of Object.keys(value)) if (key !== '$ref') unsupported(where, key);
  return { $ref: value.$ref };
}

/** Kiota parses some Microsoft extensions into typed objects whose serialization differs from the source. */
function extension(name, value) {
  if (name === 'x-ms-pageable') {
    return {
      nextLinkName: value.nextLinkName,
      ...(value.operationName === undefined ? {} : { operationName: value.operationName }),
      itemName: value.itemName ?? 'value',
    };
  }
  return value;
}

const TYPE_FLAGS = ['null', 'boolean', 'integer', 'number', 'string', 'object', 'array'];

function schema(value, where) {
  if (value.$ref !== undefined) return reference(value, where);
  const s = { ...value };
  const types = new Set(s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type]);
  if (s.nullable === true) types.add('null');
  delete s.nullable;
  delete s.type;
  const type =
    types.size === 0 ? undefined : types.size === 1 ? [...types][0] : TYPE_FLAGS.filter((t) => types.has(t));
  const withType = { ...s, ...(type === undefined ? {} : { type }) };
  if (withType.additionalProperties === true) delete withType.additionalProperties;
  return ordered(where, withType, [
    ['title', same],
    ['multipleOf', same],
    ['maximum', same],
    ['minimum', same],
    ['maxLength', same],
    ['minLength', same],
    ['pattern', same],
    ['maxItems', same],
    ['minItems', same],
    ['uniqueItems', same],
    ['maxProperties', same],
    ['minProperties', same],
    ['required', same],
    ['enum', same],
    ['type', same],
    ['allOf', list(schema)],
    ['anyOf', list(schema)],
    ['oneOf', list(schema)],
    ['not', schema],
    ['items', schema],
    ['properties', map(schema)],
    ['additionalProperties', (v, w) => (v === false ? false : schema(v, w))],
    ['description', same],
    ['format', same],
    ['default', same],
    ['discriminator', (v, w) => ordered(w, v, [['propertyName', same], ['mapping', same], ['x-*']])],
    ['readOnly', (v) => (v ? true : undefined)],
    ['writeOnly', (v) => (v ? true : undefined)],
    ['example', same],
    ['deprecated', (v) => (v ? true : undefined)],
    ['x-*'],
  ]);
}

const example = (v, w) => ordered(w, v, [['summary', same], ['description', same], ['value', same], ['x-*']]);
const mediaType = (v, w) =>
  ordered(w, v, [['schema', schema], ['example', same], ['examples', map(ref(example))], ['x-*']]);
const content = map(mediaType);
const externalDocs = (v, w) => ordered(w, v, [['description', same], ['url', same], ['x-*']]);

const DEFAULT_STYLE = { query: 'form', cookie: 'form', path: 'simple', header: 'simple' };
function parameter(value, where) {
  const p = { ...value };
  const style = p.style ?? DEFAULT_STYLE[p.in];
  if (p.style === DEFAULT_STYLE[p.in]) delete p.style;
  if (p.explode !== undefined && p.explode === (style === 'form')) delete p.explode;
  if (p.required === false) delete p.required;
  return ordered(where, p, [
    ['name', same],
    ['in', same],
    ['description', same],
    ['required', same],
    ['deprecated', (v) => (v ? true : undefined)],
    ['allowEmptyValue', (v) => (v ? true : undefined)],
    ['style', same],
    ['explode', same],
    ['allowReserved', (v) => (v ? true : undefined)],
    ['schema', schema],
    ['example', same],
    ['examples', map(ref(example))],
    ['content', content],
    ['x-*'],
  ]);
}
const requestBody = (v, w) =>
  ordered(w, v, [
    ['description', same],
    ['content', content],
    ['required', (r) => (r ? true : undefined)],
    ['x-*'],
  ]);
const response = (v, w) => ordered(w, v, [['description', same], ['content', content], ['x-*']]);
const operation = (v, w) =>
  ordered(w, v, [
    ['tags', same],
    ['summary', same],
    ['description', same],
    ['externalDocs', externalDocs],
    ['operationId', same],
    ['parameters', list(ref(parameter))],
    ['requestBody', ref(requestBody)],
    ['responses', map(ref(response))],
    ['deprecated', (d) => (d ? true : undefined)],
    ['x-*'],
  ]);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
function pathItem(value, where) {
  const out = {};
  for (const key of Object.keys(value)) {
    if (!['summary', 'description', 'parameters', ...METHODS].includes(key) && !key.startsWith('x-'))
      unsupported(where, key);
  }
  if (value.summary !== undefined) out.summary = value.summary;
  if (value.description !== undefined) out.description = value.description;
  for (const key of Object.keys(value))
    if (METHODS.includes(key)) out[key] = operation(value[key], `${where}/${key}`);
  if (value.parameters !== undefined)
    out.parameters = list(ref(parameter))(value.parameters, `${where}/parameters`);
  for (const [ext, v] of Object.entries(value)) if (ext.startsWith('x-')) out[ext] = extension(ext, v);
  return out;
}

/** The JSON text OpenAPI.NET's terse 3.1 writer produces for the parsed description. */
export function canonicalDescriptionJson(yamlText) {
  const doc = parse(yamlText);
  if (typeof doc?.openapi !== 'string' || !doc.openapi.startsWith('3.')) {
    throw new UnsupportedKeywordError('description-hash: only OpenAPI 3.x descriptions are supported');
  }
  const canonical = ordered('#', { ...doc, openapi: OPENAPI_31 }, [
    ['openapi', same],
    [
      'info',
      (v, w) =>
        ordered(w, v, [
          ['title', same],
          ['summary', same],
          ['description', same],
          ['version', same],
          ['x-*'],
        ]),
    ],
    ['servers', list((v, w) => ordered(w, v, [['url', same], ['description', same], ['x-*']]))],
    ['paths', map(pathItem)],
    [
      'components',
      (v, w) =>
        ordered(w, v, [
          ['schemas', map(schema)],
          ['responses', map(ref(response))],
          ['parameters', map(ref(parameter))],
          ['examples', map(ref(example))],
          ['requestBodies', map(ref(requestBody))],
          ['x-*'],
        ]),
    ],
    [
      'tags',
      list((v, w) =>
        ordered(w, v, [['name', same], ['description', same], ['externalDocs', externalDocs], ['x-*']]),
      ),
    ],
    ['externalDocs', externalDocs],
    ['x-*'],
  ]);
  return JSON.stringify(canonical);
}

/** Kiota's descriptionHash of an OpenAPI description given as YAML text. */
export function descriptionHash(yamlText) {
  return createHash('sha512').update(canonicalDescriptionJson(yamlText), 'utf8').digest('hex').toUpperCase();
}

export function descriptionHashOfFile(path) {
  return descriptionHash(readFileSync(path, 'utf8'));
}
