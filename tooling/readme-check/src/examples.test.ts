// Runs every example file a README shows (`<!-- example: path -->`) from the README's folder, as a reader would
// (`npx tsx <path>`), and compares what it prints with the README's `<!-- output -->` block, exactly.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

import { readmeFiles, workspaceRoot } from './check.mts';
import { codeBlocks } from './readme-blocks.mts';

const run = promisify(execFile);
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

const examples = readmeFiles().flatMap((readme) => {
  const blocks = codeBlocks(readFileSync(join(workspaceRoot, readme), 'utf8'));
  return blocks
    .filter((b) => b.example)
    .map((b) => ({
      readme,
      example: b.example ?? '',
      output: blocks.find((o) => o.outputOf === b.example)?.code,
    }));
});

describe('README examples run as shown', () => {
  test('the READMEs show examples', () => {
    expect(examples.map((e) => `${e.readme} ${e.example}`)).toContain(
      'packages/licensing/README.md examples/first-script.ts',
    );
  });
  test.each(examples)('$readme › $example', async ({ readme, example, output }) => {
    const { stdout } = await run(process.execPath, [tsx, example], {
      cwd: dirname(join(workspaceRoot, readme)),
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    if (output !== undefined) expect(stdout).toBe(output);
  });
});
