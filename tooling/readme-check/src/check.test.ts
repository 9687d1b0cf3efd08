import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, expect, test } from 'vitest';

import { checkReadmes, workspaceRoot } from './check.mts';

const packageDir = join(workspaceRoot, 'tooling', 'readme-check');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A README (and files beside it) in a scratch folder of this package, where the workspace packages resolve. */
function readme(markdown: string, files: Record<string, string> = {}): string {
  dir = mkdtempSync(join(packageDir, 'scratch-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'README.md'), markdown);
  return relative(workspaceRoot, join(dir, 'README.md'));
}

const fence = '```';

test('a block using an undeclared name fails, at its README line', () => {
  const file = readme(
    `# x\n\ntext\n\n${fence}ts\nimport { resolveSku } from '@entra-licensing/licensing';\nresolveSku('SPE_E3', tenantSkus);\n${fence}\n`,
  );
  expect(checkReadmes([file])).toEqual([`${file}:7: error TS2304: Cannot find name 'tenantSkus'.`]);
});

test('blocks that compile pass; shell and text blocks are not type-checked', () => {
  const file = readme(
    `${fence}ts\nimport { resolveSku } from '@entra-licensing/licensing';\nconsole.log(resolveSku('SPE_E3').skuId);\n${fence}\n\n${fence}sh\nnpx nothing-here\n${fence}\n`,
  );
  expect(checkReadmes([file])).toEqual([]);
});

test('a block shown from an example file must be that file; --write copies it in', () => {
  const example = "console.log('hello');\n";
  const file = readme(`<!-- example: hello.ts -->\n${fence}ts\nconsole.log('old');\n${fence}\n`, {
    'hello.ts': example,
  });
  expect(checkReadmes([file])).toEqual([
    `${file}:2: this block differs from hello.ts (run \`pnpm lint:readme --write\` to copy the file in)`,
  ]);
  expect(checkReadmes([file], { write: true })).toEqual([]);
  expect(readFileSync(join(workspaceRoot, file), 'utf8')).toBe(
    `<!-- example: hello.ts -->\n${fence}ts\n${example}${fence}\n`,
  );
  expect(checkReadmes([file])).toEqual([]);
});
