import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';

import { withLock } from './n8n-install.mts';

let dir: string;
let holder: ChildProcess | undefined;
afterEach(() => {
  holder?.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves once `lines` has a line matching `pattern` (polled: the verdict does not depend on speed). */
async function until(lines: string[], pattern: RegExp): Promise<void> {
  while (!lines.some((l) => pattern.test(l))) await new Promise((r) => setTimeout(r, 20));
}

test('waiting for another install says what it waits for, the time waited and the limit, then when it is done', async () => {
  dir = mkdtempSync(join(tmpdir(), 'n8n-lock-test-'));
  const lock = join(dir, '.install-lock');
  // another install: a live process whose pid is in the lock, with its last progress line
  holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  mkdirSync(lock);
  writeFileSync(join(lock, 'pid'), String(holder.pid));
  writeFileSync(
    join(lock, 'progress'),
    '… step 2/3: 1.20 GB of about 2.9 GB written (3.1 min since the install began)\n',
  );

  const lines: string[] = [];
  let ran = false;
  const waiting = withLock(
    dir,
    async () => {
      ran = true;
      return 'installed';
    },
    { limitMs: 30 * 60_000, pollMs: 10, reportEveryMs: 0, log: (l) => lines.push(l) },
  );
  await until(lines, /^waiting for another install/);
  expect(ran).toBe(false);
  rmSync(lock, { recursive: true, force: true }); // the other install ends
  await expect(waiting).resolves.toBe('installed');

  expect(lines[0]).toMatch(
    new RegExp(
      `^waiting for another install \\(pid ${holder.pid}, lock ${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): … step 2/3: 1\\.20 GB of about 2\\.9 GB written \\(3\\.1 min since the install began\\) — waited \\d+\\.\\d min of at most 30\\.0 min$`,
    ),
  );
  expect(lines.at(-1)).toMatch(/^the other install is done \(waited \d+\.\d min\); going on$/);
});

test('a lock whose install stopped is taken over at once', async () => {
  dir = mkdtempSync(join(tmpdir(), 'n8n-lock-test-'));
  const lock = join(dir, '.install-lock');
  const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => gone.once('exit', r));
  mkdirSync(lock);
  writeFileSync(join(lock, 'pid'), String(gone.pid));
  const lines: string[] = [];
  await expect(
    withLock(dir, async () => 'installed', {
      limitMs: 60_000,
      pollMs: 10,
      reportEveryMs: 0,
      log: (l) => lines.push(l),
    }),
  ).resolves.toBe('installed');
  expect(lines).toEqual([`taking over a lock left by an install that stopped (${lock})`]);
});

test('gives up at the limit with an error naming the lock', async () => {
  dir = mkdtempSync(join(tmpdir(), 'n8n-lock-test-'));
  const lock = join(dir, '.install-lock');
  holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  mkdirSync(lock);
  writeFileSync(join(lock, 'pid'), String(holder.pid));
  await expect(
    withLock(dir, async () => 'installed', { limitMs: 0, pollMs: 10, reportEveryMs: 0, log: () => {} }),
  ).rejects.toThrow(
    new RegExp(
      `^gave up after \\d+\\.\\d min waiting for another install \\(lock ${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\); remove that folder if no install is running$`,
    ),
  );
});
