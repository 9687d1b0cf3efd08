import type { CsdlMember, CsdlModel, CsdlStructuredType } from './csdl-model.js';

/** The subset of OpenAPI 3.0 schema keywords the checker reads. */
export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  allOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
}
interface OpenApiMedia {
  content?: Record<string, { schema?: OpenApiSchema }>;
  $ref?: string;
}
interface OpenApiOperation {
  operationId?: string;
  requestBody?: OpenApiMedia;
  responses?: Record<string, OpenApiMedia>;
  'x-ms-docs-operation-type'?: string;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation | unknown>>;
  components: {
    schemas: Record<string, OpenApiSchema>;
    requestBodies?: Record<string, OpenApiMedia>;
    responses?: Record<string, OpenApiMedia>;
  };
}

const GRAPH = 'microsoft.graph.';
const SCHEMA_REF = '#/components/schemas/';
/** Schemas that are not CSDL types: OData envelopes and JSON batching. Checked structurally or not at all. */
const NOT_IN_CSDL = [
  /^microsoft\.graph\.ODataErrors\./,
  /^microsoft\.graph\.jsonBatch\./,
  /CollectionResponse$/,
];
/** OData control information present on every Graph schema (the discriminator), not a CSDL property. */
const CONTROL_PROPERTIES = new Set(['@odata.type']);

const PRIMITIVES: Record<string, { type: string[]; format?: string }> = {
  'Edm.String': { type: ['string'] },
  'Edm.Guid': { type: ['string'], format: 'uuid' },
  'Edm.Boolean': { type: ['boolean'] },
  'Edm.Int32': { type: ['integer', 'number'], format: 'int32' },
  'Edm.Int64': { type: ['integer', 'number'], format: 'int64' },
  'Edm.DateTimeOffset': { type: ['string'], format: 'date-time' },
};

function refName(ref: string): string {
  return ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : ref;
}

/** `graph.assignedLicense` / `microsoft.graph.assignedLicense` -> `assignedLicense`. */
function csdlLocalName(type: string): string {
  return type.replace(/^(microsoft\.graph|graph)\./, '');
}

/** Unwraps Graph's `anyOf: [$ref, {type: object, nullable: true}]` form of a nullable reference. */
function unwrapNullableRef(schema: OpenApiSchema): { schema: OpenApiSchema; nullable: boolean } {
  if (schema.anyOf && schema.anyOf.length === 2) {
    const ref = schema.anyOf.find((s) => s.$ref);
    const nul = schema.anyOf.find((s) => !s.$ref && s.nullable === true);
    if (ref && nul) return { schema: ref, nullable: true };
  }
  return { schema, nullable: schema.nullable === true };
}

/** Compares one OpenAPI schema with a CSDL type string; returns problems (empty when they match). */
export function compareType(
  where: string,
  schema: OpenApiSchema,
  csdlType: string,
  nullable: boolean,
): string[] {
  const collection = /^Collection\((.+)\)$/.exec(csdlType);
  if (collection?.[1]) {
    if (schema.type !== 'array' || !schema.items) {
      return [`${where}: CSDL type ${csdlType} is a collection, OpenAPI has type ${schema.type ?? '(none)'}`];
    }
    return compareType(`${where}[]`, schema.items, collection[1], true).filter(
      // items of a collection: nullability of elements is not part of the contract we check
      (p) => !p.includes('nullable'),
    );
  }
  if (schema.type === 'array')
    return [`${where}: OpenAPI is an array, CSDL type ${csdlType} is not a collection`];
  const primitive = PRIMITIVES[csdlType];
  if (primitive) {
    const problems: string[] = [];
    if (!schema.type || !primitive.type.includes(schema.type) || schema.format !== primitive.format) {
      problems.push(
        `${where}: CSDL type ${csdlType} expects ${primitive.type.join('|')}${primitive.format ? `/${primitive.format}` : ''}, OpenAPI has ${schema.type ?? '(none)'}${schema.format ? `/${schema.format}` : ''}`,
      );
    }
    if ((schema.nullable === true) !== nullable) {
      problems.push(`${where}: CSDL Nullable=${nullable}, OpenAPI nullable=${schema.nullable === true}`);
    }
    return problems;
  }
  if (csdlType.startsWith('Edm.')) return [`${where}: CSDL type ${csdlType} has no mapping in the checker`];
  const unwrapped = unwrapNullableRef(schema);
  const expected = `${GRAPH}${csdlLocalName(csdlType)}`;
  if (!unwrapped.schema.$ref || refName(unwrapped.schema.$ref) !== expected) {
    return [
      `${where}: CSDL type ${csdlType} expects $ref ${expected}, OpenAPI has ${unwrapped.schema.$ref ?? schema.type}`,
    ];
  }
  return [];
}

/** Splits `allOf: [$ref base, {own properties}]` into base name and own properties. */
function ownShape(schema: OpenApiSchema): { base?: string; properties: Record<string, OpenApiSchema> } {
  if (schema.allOf) {
    const baseRef = schema.allOf.find((s) => s.$ref)?.$ref;
    const own = schema.allOf.find((s) => !s.$ref);
    return { ...(baseRef ? { base: refName(baseRef) } : {}), properties: own?.properties ?? {} };
  }
  return { properties: schema.properties ?? {} };
}

function checkSchema(name: string, schema: OpenApiSchema, type: CsdlStructuredType): string[] {
  const problems: string[] = [];
  const { base, properties } = ownShape(schema);
  const expectedBase = type.baseType ? `${GRAPH}${csdlLocalName(type.baseType)}` : undefined;
  if (base !== expectedBase) {
    problems.push(
      `${name}: CSDL base type is ${expectedBase ?? '(none)'}, OpenAPI allOf base is ${base ?? '(none)'}`,
    );
  }
  for (const [prop, propSchema] of Object.entries(properties)) {
    if (CONTROL_PROPERTIES.has(prop)) continue;
    const member: CsdlMember | undefined = type.members.get(prop);
    if (!member) {
      problems.push(`${name}.${prop}: no such property in CSDL ${type.kind} ${type.name}`);
      continue;
    }
    problems.push(...compareType(`${name}.${prop}`, propSchema, member.type, member.nullable));
  }
  return problems;
}

function mediaSchema(doc: OpenApiDocument, media: OpenApiMedia | undefined): OpenApiSchema | undefined {
  if (!media) return undefined;
  let resolved = media;
  if (media.$ref) {
    const [, , kind, key] = media.$ref.split('/');
    const bag = kind === 'requestBodies' ? doc.components.requestBodies : doc.components.responses;
    resolved = (key && bag?.[key]) || {};
  }
  return resolved.content?.['application/json']?.schema;
}

function checkActions(doc: OpenApiDocument, model: CsdlModel): string[] {
  const problems: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, value] of Object.entries(item)) {
      const op = value as OpenApiOperation;
      if (method === 'parameters' || op['x-ms-docs-operation-type'] !== 'action') continue;
      const where = `${method.toUpperCase()} ${path}`;
      const actionName = path.split('/').pop() ?? '';
      // operationId is `{entitySet}.{bindingType}.{action}` (OpenAPI.NET.OData convention)
      const [, binding, opAction] = (op.operationId ?? '').split('.');
      if (opAction !== actionName) {
        problems.push(`${where}: operationId ${op.operationId} does not name the action ${actionName}`);
      }
      const action = model.actions.find(
        (a) => a.name === actionName && csdlLocalName(a.bindingType) === binding,
      );
      if (!action) {
        problems.push(`${where}: no CSDL action ${actionName} bound to graph.${binding}`);
        continue;
      }
      const body = mediaSchema(doc, op.requestBody);
      const bodyProps = body?.properties ?? {};
      for (const [param, paramSchema] of Object.entries(bodyProps)) {
        const p = action.parameters.get(param);
        if (!p) {
          problems.push(`${where}: body parameter ${param} is not a parameter of CSDL action ${actionName}`);
          continue;
        }
        problems.push(...compareType(`${where} body.${param}`, paramSchema, p.type, p.nullable));
      }
      for (const param of action.parameters.keys()) {
        if (!(param in bodyProps))
          problems.push(`${where}: CSDL parameter ${param} is missing from the request body`);
      }
      const success = mediaSchema(doc, op.responses?.['2XX']);
      if (action.returnType) {
        if (!success)
          problems.push(`${where}: CSDL returns ${action.returnType}, OpenAPI 2XX has no JSON schema`);
        else problems.push(...compareType(`${where} 2XX`, success, action.returnType, true));
      }
    }
  }
  return problems;
}

/**
 * Checks every schema property, type, collection-ness and nullability, every base type and every
 * action parameter of the OpenAPI document against Graph's CSDL. Returns human-readable problems.
 */
export function checkOpenApiAgainstCsdl(doc: OpenApiDocument, model: CsdlModel): string[] {
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    if (!name.startsWith(GRAPH) || NOT_IN_CSDL.some((re) => re.test(name))) continue;
    const type = model.types.get(name.slice(GRAPH.length));
    if (!type) {
      problems.push(`${name}: no EntityType or ComplexType ${name.slice(GRAPH.length)} in the CSDL`);
      continue;
    }
    problems.push(...checkSchema(name, schema, type));
  }
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    const m = /^microsoft\.graph\.(.+)CollectionResponse$/.exec(name);
    if (!m) continue;
    const value = ownShape(schema).properties.value;
    if (value?.type !== 'array' || refName(value.items?.$ref ?? '') !== `${GRAPH}${m[1]}`) {
      problems.push(`${name}: value must be an array of ${GRAPH}${m[1]}`);
    }
  }
  problems.push(...checkActions(doc, model));
  return problems;
}
