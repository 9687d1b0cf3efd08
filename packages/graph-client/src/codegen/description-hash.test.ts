import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import {
  canonicalDescriptionJson,
  descriptionHash,
  UnsupportedKeywordError,
} from '../../scripts/description-hash.mjs';

const description = readFileSync(
  new URL('../../../../openapi/graph-licensing.yaml', import.meta.url),
  'utf8',
);
const lock = JSON.parse(readFileSync(new URL('../generated/kiota-lock.json', import.meta.url), 'utf8')) as {
  descriptionHash: string;
  kiotaVersion: string;
};

function edited(edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(description);
  edit(doc);
  return doc.toString();
}

describe('src/generated is in step with openapi/graph-licensing.yaml', () => {
  it('has the descriptionHash Kiota would write for the current description (else: pnpm generate)', () => {
    expect(descriptionHash(description)).toBe(lock.descriptionHash);
    expect(lock.kiotaVersion).toBe('1.38.0');
  });

  it('notices a renamed schema property, even one Kiota would generate identically', () => {
    const renamed = edited((doc) => {
      const props = doc.getIn([
        'components',
        'schemas',
        'microsoft.graph.licenseProcessingState',
        'properties',
      ]) as {
        items: { key: { value: string } }[];
      };
      const state = props.items.find((p) => p.key.value === 'state');
      if (state) state.key.value = 'status';
    });
    expect(descriptionHash(renamed)).not.toBe(lock.descriptionHash);
  });

  it('ignores what Kiota ignores: comments and YAML layout', () => {
    const reformatted = `# a comment\n${edited(() => {})}`;
    expect(descriptionHash(reformatted)).toBe(lock.descriptionHash);
  });

  it('writes OpenAPI 3.1 with nullable as a type array, as OpenAPI.NET does', () => {
    const json = JSON.parse(canonicalDescriptionJson(description)) as {
      openapi: string;
      components: { schemas: Record<string, { properties: Record<string, { type: unknown }> }> };
    };
    expect(json.openapi).toBe('3.1.2');
    expect(json.components.schemas['microsoft.graph.assignedLicense']?.properties.skuId?.type).toEqual([
      'null',
      'string',
    ]);
  });

  it('refuses a keyword it cannot reproduce instead of guessing', () => {
    const withXml = edited((doc) =>
      doc.setIn(['components', 'schemas', 'ReferenceCreate', 'xml'], { name: 'ref' }),
    );
    expect(() => descriptionHash(withXml)).toThrow(UnsupportedKeywordError);
    expect(() => descriptionHash(withXml)).toThrow(
      /keyword "xml" at #\/components\/schemas\/ReferenceCreate/,
    );
  });
});
