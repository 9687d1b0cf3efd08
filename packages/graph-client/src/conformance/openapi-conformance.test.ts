import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkOpenApiAgainstCsdl, type OpenApiDocument, type OpenApiSchema } from './check-openapi.js';
import { parseCsdl } from './csdl-model.js';

const openapiPath = fileURLToPath(new URL('../../../../openapi/graph-licensing.yaml', import.meta.url));
const excerptPath = fileURLToPath(
  new URL('../../../../openapi/fixtures/v1.0-csdl-excerpt.xml', import.meta.url),
);

const load = (): OpenApiDocument => parse(readFileSync(openapiPath, 'utf8')) as OpenApiDocument;
const model = parseCsdl(readFileSync(excerptPath, 'utf8'));

function ownProperties(doc: OpenApiDocument, schemaName: string): Record<string, OpenApiSchema> {
  const schema = doc.components.schemas[schemaName];
  const own = schema?.allOf ? schema.allOf.find((s) => !s.$ref) : schema;
  if (!own?.properties) throw new Error(`${schemaName} has no properties`);
  return own.properties;
}

function rename(props: Record<string, OpenApiSchema>, from: string, to: string): void {
  const value = props[from];
  if (!value) throw new Error(`no property ${from}`);
  delete props[from];
  props[to] = value;
}

describe('openapi/graph-licensing.yaml conforms to the Graph v1.0 CSDL', () => {
  it('reads the excerpt: the licensing types and the bound actions are there', () => {
    expect(model.types.get('assignedLicense')?.members.get('disabledPlans')?.type).toBe(
      'Collection(Edm.Guid)',
    );
    expect(model.actions.filter((a) => a.name === 'assignLicense').map((a) => a.bindingType)).toEqual([
      'graph.group',
      'graph.user',
    ]);
  });

  it('has no property, type, collection or action-parameter mismatch', () => {
    expect(checkOpenApiAgainstCsdl(load(), model)).toEqual([]);
  });

  it('covers the schemas and actions the project relies on', () => {
    const doc = load();
    for (const name of [
      'assignedLicense',
      'subscribedSku',
      'group',
      'user',
      'licenseAssignmentState',
      'licenseDetails',
    ]) {
      expect(doc.components.schemas[`microsoft.graph.${name}`]).toBeDefined();
    }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/groups/{group-id}/assignLicense',
        '/users/{user-id}/assignLicense',
        '/users/{user-id}/reprocessLicenseAssignment',
      ]),
    );
  });

  it('maps 4XX and 5XX of every operation to the ODataError response, with unique operationIds', () => {
    const doc = load();
    const ids: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === 'parameters' || method === 'description') continue;
        const operation = op as { operationId: string; responses: Record<string, { $ref?: string }> };
        ids.push(operation.operationId);
        for (const range of ['4XX', '5XX']) {
          expect(operation.responses[range]?.$ref, `${method.toUpperCase()} ${path} ${range}`).toBe(
            '#/components/responses/error',
          );
        }
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    const error = (
      doc.components.responses as Record<string, { content: Record<string, { schema: OpenApiSchema }> }>
    ).error;
    expect(error?.content['application/json']?.schema.$ref).toBe(
      '#/components/schemas/microsoft.graph.ODataErrors.ODataError',
    );
  });

  it('resolves every $ref', () => {
    const doc = load() as unknown as Record<string, unknown>;
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.push(value);
          else walk(value);
        }
      }
    };
    walk(doc);
    for (const ref of new Set(refs)) {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
      expect(target, ref).toBeDefined();
    }
    expect(refs.length).toBeGreaterThan(50);
  });

  it('reports a misspelt schema property', () => {
    const doc = load();
    rename(ownProperties(doc, 'microsoft.graph.user'), 'assignedLicenses', 'assignedLicences');
    expect(checkOpenApiAgainstCsdl(doc, model)).toEqual([
      'microsoft.graph.user.assignedLicences: no such property in CSDL EntityType user',
    ]);
  });

  it('reports a wrong primitive type, a lost collection and a wrong reference', () => {
    const doc = load();
    const assigned = ownProperties(doc, 'microsoft.graph.assignedLicense');
    delete assigned.skuId?.format; // Edm.Guid must be string/uuid
    const sku = ownProperties(doc, 'microsoft.graph.subscribedSku');
    sku.subscriptionIds = { type: 'string', nullable: true }; // Collection(Edm.String)
    const state = ownProperties(doc, 'microsoft.graph.licenseAssignmentState');
    if (state.lastUpdatedDateTime) state.lastUpdatedDateTime.format = 'date'; // Edm.DateTimeOffset
    const group = ownProperties(doc, 'microsoft.graph.group');
    group.assignedLicenses = {
      type: 'array',
      items: { $ref: '#/components/schemas/microsoft.graph.servicePlanInfo' },
    };
    const problems = checkOpenApiAgainstCsdl(doc, model);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/assignedLicense\.skuId: CSDL type Edm\.Guid expects string\/uuid/);
    expect(problems.join('\n')).toMatch(
      /subscribedSku\.subscriptionIds: CSDL type Collection\(Edm\.String\) is a collection/,
    );
    expect(problems.join('\n')).toMatch(
      /lastUpdatedDateTime: CSDL type Edm\.DateTimeOffset expects string\/date-time/,
    );
    expect(problems.join('\n')).toMatch(
      /group\.assignedLicenses\[\]: .*expects \$ref microsoft\.graph\.assignedLicense/,
    );
  });

  it('reports a misspelt or missing assignLicense parameter', () => {
    const doc = load();
    const op = doc.paths['/groups/{group-id}/assignLicense']?.post as {
      requestBody: { content: Record<string, { schema: OpenApiSchema }> };
    };
    const props = op.requestBody.content['application/json']?.schema.properties ?? {};
    rename(props, 'removeLicenses', 'removeLicences');
    expect(checkOpenApiAgainstCsdl(doc, model)).toEqual([
      'POST /groups/{group-id}/assignLicense: body parameter removeLicences is not a parameter of CSDL action assignLicense',
      'POST /groups/{group-id}/assignLicense: CSDL parameter removeLicenses is missing from the request body',
    ]);
  });

  it('reports a wrong int32 mapping and a wrong nullability', () => {
    const doc = load();
    const units = ownProperties(doc, 'microsoft.graph.licenseUnitsDetail');
    if (units.enabled) units.enabled.format = 'int64';
    const user = ownProperties(doc, 'microsoft.graph.user');
    if (user.usageLocation) user.usageLocation.nullable = false;
    expect(checkOpenApiAgainstCsdl(doc, model)).toEqual([
      'microsoft.graph.user.usageLocation: CSDL Nullable=true, OpenAPI nullable=false',
      'microsoft.graph.licenseUnitsDetail.enabled: CSDL type Edm.Int32 expects integer|number/int32, OpenAPI has integer/int64',
    ]);
  });
});
