#!/usr/bin/env node
// Type-checks every TypeScript/JavaScript code block of every README in the repository (strict, each block on its
// own, as a reader would paste it), and checks that a block shown from an example file is that file.
//
//   pnpm lint:readme            (from the repository root; `--write` copies example files into their READMEs)
//
// Reports each error at its README line: `packages/licensing/README.md:42: error TS2304: Cannot find name 'x'.`
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type CodeBlock, codeBlocks, extension, isTyped } from './readme-blocks.mts';

export const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BLOCKS_DIR = '.readme-blocks';

/** The README files git knows (tracked or new, not ignored), relative to the workspace root. */
export function readmeFiles(root: string = workspaceRoot): string[] {
  return execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '--', 'README.md', '**/README.md'],
    { cwd: root, encoding: 'utf8' },
  )
    .split('\n')
    .filter((f) => f !== '' && existsSync(join(root, f)))
    .sort();
}

interface CheckedFile {
  /** The file tsc checks. */
  file: string;
  readme: string;
  block: CodeBlock;
}

/** Checks the READMEs; returns the problems, one line each (empty: all good). */
export function checkReadmes(
  readmes: string[],
  { root = workspaceRoot, write = false }: { root?: string; write?: boolean } = {},
): string[] {
  const problems: string[] = [];
  const checked: CheckedFile[] = [];
  const scratchDirs = new Set<string>();
  for (const readme of readmes) {
    const path = join(root, readme);
    const markdown = readFileSync(path, 'utf8');
    const blocks = codeBlocks(markdown);
    const copies: { block: CodeBlock; source: string }[] = [];
    for (const [index, block] of blocks.entries()) {
      if (block.example) {
        const examplePath = join(dirname(path), block.example);
        if (!existsSync(examplePath)) {
          problems.push(`${readme}:${block.line}: the example file ${block.example} does not exist`);
          continue;
        }
        const source = readFileSync(examplePath, 'utf8');
        if (source !== block.code) {
          if (write) {
            copies.push({ block, source });
          } else {
            problems.push(
              `${readme}:${block.line}: this block differs from ${block.example} (run \`pnpm lint:readme --write\` to copy the file in)`,
            );
          }
        }
        if (isTyped(block)) checked.push({ file: examplePath, readme, block });
        continue;
      }
      if (!isTyped(block)) continue;
      const dir = join(dirname(path), BLOCKS_DIR);
      mkdirSync(dir, { recursive: true });
      scratchDirs.add(dir);
      const file = join(dir, `block-${index + 1}-line-${block.line}${extension(block)}`);
      writeFileSync(file, block.code);
      checked.push({ file, readme, block });
    }
    if (write && copies.length > 0) writeFileSync(path, withBlocksReplaced(markdown, copies));
  }
  try {
    // TypeScript strict; JavaScript strict too, except that its parameters cannot say their types (noImplicitAny).
    const ts = checked.filter((c) => c.file.endsWith('.ts'));
    const js = checked.filter((c) => !c.file.endsWith('.ts'));
    if (ts.length > 0) problems.push(...typeCheck(ts, root, []));
    if (js.length > 0) problems.push(...typeCheck(js, root, ['--noImplicitAny', 'false']));
  } finally {
    for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}

/** The blocks' bodies replaced (from the last to the first, so that earlier line numbers stay right). */
function withBlocksReplaced(markdown: string, copies: { block: CodeBlock; source: string }[]): string {
  const lines = markdown.split('\n');
  for (const { block, source } of [...copies].sort((x, y) => y.block.line - x.block.line)) {
    lines.splice(block.line, block.bodyLines, ...source.replace(/\n$/, '').split('\n'));
  }
  return lines.join('\n');
}

function typeCheck(checked: CheckedFile[], root: string, extraOptions: string[]): string[] {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(
    process.execPath,
    [
      tsc,
      '--noEmit',
      '--pretty',
      'false',
      '--strict',
      '--target',
      'es2022',
      '--lib',
      'es2023,dom',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--types',
      'node',
      '--skipLibCheck',
      '--allowJs',
      '--checkJs',
      ...extraOptions,
      ...checked.map((c) => c.file),
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const output = `${run.stdout}${run.stderr}`;
  const problems: string[] = [];
  for (const line of output.split('\n')) {
    const m = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line.trim());
    if (!m) {
      if (line.trim() !== '' && !line.startsWith(' ')) problems.push(line.trim());
      continue;
    }
    const [, file = '', lineNo = '0', , message = ''] = m;
    const entry = checked.find((c) => resolve(root, file) === c.file);
    if (!entry) {
      problems.push(`${relative(root, resolve(root, file))}:${lineNo}: ${message}`);
      continue;
    }
    const where = entry.block.example
      ? `${relative(root, entry.file)}:${lineNo} (shown in ${entry.readme}:${entry.block.line})`
      : `${entry.readme}:${entry.block.line + Number(lineNo)}`;
    problems.push(`${where}: ${message}`);
  }
  if (run.status !== 0 && problems.length === 0)
    problems.push(`tsc failed (exit code ${run.status}):\n${output}`);
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const write = process.argv.includes('--write');
  const readmes = readmeFiles();
  const problems = checkReadmes(readmes, { write });
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n\n${problems.length} problem(s) in README code blocks\n`);
    process.exit(1);
  }
  process.stdout.write(`README code blocks: ${readmes.length} READMEs checked, all blocks type-check\n`);
}
