import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDesiredFile, SCHEMA_URL } from './desired-file.js';
import { CliError, type Problem } from './problems.js';

const dir = mkdtempSync(path.join(tmpdir(), 'desired-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function write(text: string, ext = 'yaml'): string {
  counter += 1;
  const file = path.join(dir, `f${counter}.${ext}`);
  writeFileSync(file, text);
  return file;
}

function problemsOf(file: string): Problem[] {
  try {
    loadDesiredFile(file);
  } catch (error) {
    if (error instanceof CliError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

/** code, field, value, line, column of each problem: compared exactly. */
function located(file: string) {
  return problemsOf(file).map((p) => ({
    code: p.code,
    field: p.field,
    value: p.value,
    line: p.line,
    column: p.column,
    file: p.file,
  }));
}

describe('loadDesiredFile', () => {
  it('the $schema an export writes is the $id of the schema shipped in the package', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../schema/licenses.schema.json', import.meta.url), 'utf8'),
    ) as {
      $id: string;
    };
    expect(schema.$id).toBe(SCHEMA_URL);
  });

  it('reads groups and users, names or { sku, disabledPlans }, exclusive defaulting to false', () => {
    const file = write(
      [
        '$schema: ./licenses.schema.json',
        'groups:',
        '  - group: Sales',
        '    licenses:',
        '      - sku: Microsoft 365 E3',
        '        disabledPlans: [Microsoft Teams]',
        '      - EMSPREMIUM',
        '    exclusive: true',
        'users:',
        '  - user: adele@contoso.com',
        '    licenses: []',
        '    exclusive: true',
      ].join('\n'),
    );
    const desired = loadDesiredFile(file);
    expect(desired.entries).toEqual([
      {
        kind: 'group',
        ref: 'Sales',
        field: 'groups[0]',
        licenses: [{ sku: 'Microsoft 365 E3', disabledPlans: ['Microsoft Teams'] }, 'EMSPREMIUM'],
        exclusive: true,
      },
      { kind: 'user', ref: 'adele@contoso.com', field: 'users[0]', licenses: [], exclusive: true },
    ]);
    expect(desired.at('groups[0].licenses[0].disabledPlans[0]', { code: 'X', message: '' })).toMatchObject({
      line: 6,
      column: 25,
    });
  });

  it('an empty file manages nothing', () => {
    expect(loadDesiredFile(write('')).entries).toEqual([]);
  });

  it('values typed wrongly: a number for a SKU, a string for exclusive, a mapping for a plan', () => {
    const file = write(
      [
        'groups:',
        '  - group: Sales',
        '    exclusive: "true"',
        '    licenses:',
        '      - 42',
        '      - sku: 123',
        '        disabledPlans:',
        '          - { name: TEAMS1 }',
      ].join('\n'),
    );
    expect(located(file)).toEqual([
      { code: 'FILE_SCHEMA', field: 'groups[0].exclusive', value: 'true', line: 3, column: 16, file },
      { code: 'FILE_SCHEMA', field: 'groups[0].licenses[0]', value: 42, line: 5, column: 9, file },
      { code: 'FILE_SCHEMA', field: 'groups[0].licenses[1].sku', value: 123, line: 6, column: 14, file },
      {
        code: 'FILE_SCHEMA',
        field: 'groups[0].licenses[1].disabledPlans[0]',
        value: undefined,
        line: 8,
        column: 13,
        file,
      },
    ]);
    expect(problemsOf(file).map((p) => p.message)).toEqual([
      'must be true or false.',
      'must be a SKU name or a mapping { sku, disabledPlans }.',
      'must be a string.',
      'must be a string.',
    ]);
  });

  it('an unknown field is pointed at its key, also one spelt with a look-alike letter', () => {
    // "grоups" with a Cyrillic о (U+043E)
    const file = write(
      ['gr\u043eups:', '  - group: Sales', '    licenses: [SPE_E3]', '    exlusive: true'].join('\n'),
    );
    expect(located(file)).toEqual([
      { code: 'FILE_SCHEMA', field: 'gr\u043eups', value: undefined, line: 1, column: 1, file },
    ]);
    const typo = write(
      ['groups:', '  - group: Sales', '    licenses: [SPE_E3]', '    exlusive: true'].join('\n'),
    );
    expect(located(typo)).toEqual([
      { code: 'FILE_SCHEMA', field: 'groups[0].exlusive', value: true, line: 4, column: 5, file: typo },
    ]);
    expect(problemsOf(typo)[0]?.message).toBe(
      'unknown field "exlusive" (allowed here: group, licenses, exclusive).',
    );
  });

  it('a missing field names the field and points at its entry', () => {
    const file = write(['groups:', '  - group: Sales', '  - licenses: [SPE_E3]'].join('\n'));
    const problems = problemsOf(file);
    expect(problems.map((p) => [p.code, p.field, p.line, p.column, p.message])).toEqual([
      ['FILE_SCHEMA', 'groups[0]', 2, 5, 'the field "licenses" is required here.'],
      ['FILE_SCHEMA', 'groups[1]', 3, 5, 'the field "group" is required here.'],
    ]);
  });

  it('an empty name and a huge list are refused', () => {
    const empty = write(['groups:', '  - group: ""', '    licenses: [SPE_E3]'].join('\n'));
    expect(located(empty)).toEqual([
      { code: 'FILE_SCHEMA', field: 'groups[0].group', value: '', line: 2, column: 12, file: empty },
    ]);
    const many = write(
      [
        'groups:',
        '  - group: Sales',
        `    licenses: [${Array.from({ length: 501 }, () => 'SPE_E3').join(', ')}]`,
      ].join('\n'),
    );
    expect(located(many).map((p) => [p.field, p.line])).toEqual([['groups[0].licenses', 3]]);
  });

  it('YAML syntax errors and duplicate keys come with their line and column', () => {
    const file = write(['groups:', '  - group: Sales', '   licenses: [SPE_E3]'].join('\n'));
    const [problem] = problemsOf(file);
    expect([problem?.code, problem?.file, problem?.line]).toEqual(['FILE_SYNTAX', file, 3]);
    const dup = write(['groups:', '  - group: Sales', '    group: Other', '    licenses: []'].join('\n'));
    const [duplicate] = problemsOf(dup);
    expect([duplicate?.code, duplicate?.field, duplicate?.line, duplicate?.column]).toEqual([
      'FILE_DUPLICATE_KEY',
      'group',
      3,
      5,
    ]);
  });

  it('JSON files get the same checks and positions', () => {
    const file = write(
      JSON.stringify(
        { groups: [{ group: 'Sales', licenses: [{ sku: 'SPE_E3', disabledPlans: 'TEAMS1' }] }] },
        null,
        2,
      ),
      'json',
    );
    expect(located(file)).toEqual([
      {
        code: 'FILE_SCHEMA',
        field: 'groups[0].licenses[0].disabledPlans',
        value: 'TEAMS1',
        line: 8,
        column: 28,
        file,
      },
    ]);
    const tabs = write(
      JSON.stringify({ groups: [{ group: 'Sales', licenses: ['SPE_E3'] }] }, null, '\t'),
      'json',
    );
    expect(loadDesiredFile(tabs).entries.map((e) => e.ref)).toEqual(['Sales']);
  });

  it('a missing file and a file over 10 MiB are refused by name', () => {
    const missing = path.join(dir, 'nope.yaml');
    expect(problemsOf(missing).map((p) => [p.code, p.field, p.value])).toEqual([
      ['FILE_NOT_READABLE', 'file', missing],
    ]);
    const huge = write(`# ${'x'.repeat(10 * 1024 * 1024)}\n`);
    expect(problemsOf(huge).map((p) => [p.code, p.field, p.value])).toEqual([
      ['FILE_TOO_LARGE', 'file', huge],
    ]);
  });

  it('an alias bomb is refused instead of expanded', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(
        `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    const file = write(lines.join('\n'));
    expect(() => loadDesiredFile(file)).toThrow();
  });
});

describe('what export writes, plan reads (22.7)', () => {
  it('5,001 groups: no entry-count limit, only the file size (the same constant export checks)', () => {
    const lines = ['groups:'];
    for (let i = 0; i < 5001; i++) lines.push(`  - group: Group ${i}`, '    licenses: [SPE_E3]');
    const file = write(lines.join('\n'));
    expect(loadDesiredFile(file).entries.length).toBe(5001);
  });
});
