import { XMLParser } from 'fast-xml-parser';

/** A property or action parameter of the CSDL: `Type` is e.g. `Edm.Guid`, `graph.assignedLicense`, `Collection(Edm.String)`. */
export interface CsdlMember {
  name: string;
  type: string;
  nullable: boolean;
  navigation: boolean;
}

export interface CsdlStructuredType {
  kind: 'EntityType' | 'ComplexType';
  name: string;
  baseType?: string;
  members: Map<string, CsdlMember>;
}

export interface CsdlAction {
  name: string;
  bindingType: string;
  parameters: Map<string, CsdlMember>;
  returnType?: string;
}

export interface CsdlModel {
  types: Map<string, CsdlStructuredType>;
  actions: CsdlAction[];
}

interface XmlMember {
  Name: string;
  Type: string;
  Nullable?: string;
}
interface XmlStructuredType {
  Name: string;
  BaseType?: string;
  Property?: XmlMember[];
  NavigationProperty?: XmlMember[];
}
interface XmlAction {
  Name: string;
  Parameter?: XmlMember[];
  ReturnType?: { Type: string };
}
interface XmlSchema {
  Namespace: string;
  EntityType?: XmlStructuredType[];
  ComplexType?: XmlStructuredType[];
  Action?: XmlAction[];
}

const arrays = new Set([
  'Schema',
  'EntityType',
  'ComplexType',
  'Action',
  'Property',
  'NavigationProperty',
  'Parameter',
]);

function member(m: XmlMember, navigation: boolean): CsdlMember {
  return { name: m.Name, type: m.Type, nullable: m.Nullable !== 'false', navigation };
}

/** Parses the `microsoft.graph` schema of a CSDL document (the full one or the committed excerpt). */
export function parseCsdl(xml: string): CsdlModel {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => arrays.has(name),
  });
  const doc = parser.parse(xml) as { 'edmx:Edmx': { 'edmx:DataServices': { Schema: XmlSchema[] } } };
  const schema = doc['edmx:Edmx']['edmx:DataServices'].Schema.find((s) => s.Namespace === 'microsoft.graph');
  if (!schema) throw new Error('CSDL has no microsoft.graph schema');
  const types = new Map<string, CsdlStructuredType>();
  for (const [kind, list] of [
    ['EntityType', schema.EntityType ?? []],
    ['ComplexType', schema.ComplexType ?? []],
  ] as const) {
    for (const t of list) {
      const members = new Map<string, CsdlMember>();
      for (const p of t.Property ?? []) members.set(p.Name, member(p, false));
      for (const p of t.NavigationProperty ?? []) members.set(p.Name, member(p, true));
      types.set(t.Name, { kind, name: t.Name, ...(t.BaseType ? { baseType: t.BaseType } : {}), members });
    }
  }
  const actions: CsdlAction[] = (schema.Action ?? []).map((a) => {
    const [binding, ...rest] = a.Parameter ?? [];
    if (!binding) throw new Error(`CSDL action ${a.Name} has no binding parameter`);
    return {
      name: a.Name,
      bindingType: binding.Type,
      parameters: new Map(rest.map((p) => [p.Name, member(p, false)])),
      ...(a.ReturnType ? { returnType: a.ReturnType.Type } : {}),
    };
  });
  return { types, actions };
}
