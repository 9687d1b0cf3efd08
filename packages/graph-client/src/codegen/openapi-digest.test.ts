import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The drift check as it runs without .NET (scripts/generate-check.mjs --digest-only), from the outside.
const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const description = join(repoRoot, 'openapi/graph-licensing.yaml');
const sidecar = join(packageDir, 'src/generated.openapi.sha256');
const temp = mkdtempSync(join(tmpdir(), 'graph-client-digest-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function check(...args: string[]) {
  const run = spawnSync(process.execPath, ['scripts/generate-check.mjs', '--digest-only', ...args], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  const failures = run.stderr.split('\n').filter((line) => line.startsWith('- '));
  return { status: run.status, failures };
}

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

function editedCopy(name: string, text: string): string {
  const file = join(temp, name);
  writeFileSync(file, text);
  return file;
}

describe('src/generated.openapi.sha256 (the drift check without .NET)', () => {
  it('records the SHA-256 of the current openapi/graph-licensing.yaml (else: pnpm generate)', () => {
    expect(readFileSync(sidecar, 'utf8')).toBe(
      `${sha256(readFileSync(description))}  openapi/graph-licensing.yaml\n`,
    );
    expect(check()).toEqual({ status: 0, failures: [] });
  });

  it('fails on an edit that adds a keyword no tool knows, naming the file and both digests', () => {
    const text = `${readFileSync(description, 'utf8')}x-keyword-from-the-future:\n  anything: [1, 2]\n`;
    const file = editedCopy('keyword.yaml', text);
    const recorded = readFileSync(sidecar, 'utf8').slice(0, 16);
    expect(check(`--description=${file}`)).toEqual({
      status: 1,
      failures: [
        `- ${relative(repoRoot, file)} has changed since src/generated was generated (SHA-256 ${recorded}… in src/generated.openapi.sha256, ${sha256(text).slice(0, 16)}… now): run \`pnpm generate\` and commit the result`,
      ],
    });
  });

  it('fails on a one-byte change that leaves the YAML equivalent (a trailing newline)', () => {
    const file = editedCopy('newline.yaml', `${readFileSync(description, 'utf8')}\n`);
    expect(check(`--description=${file}`).status).toBe(1);
  });

  it('refuses an unknown argument with exit code 2 (so a typo never checks less than asked)', () => {
    expect(check('--digest-olny').status).toBe(2);
  });
});
