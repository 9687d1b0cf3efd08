import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirmApply } from './confirm.js';
import { Output } from './output.js';
import { CliError } from './problems.js';
import { createProgress } from './progress.js';

function streams(isTTY: boolean) {
  const stdout = Object.assign(new PassThrough(), { isTTY });
  const stderr = Object.assign(new PassThrough(), { isTTY, columns: 100 });
  let err = '';
  stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return { stdout, stderr, text: () => err };
}

async function runProgress(isTTY: boolean, env: NodeJS.ProcessEnv, total: number): Promise<string> {
  const s = streams(isTTY);
  const output = new Output({ stdout: s.stdout, stderr: s.stderr }, env);
  const progress = await createProgress(output, 'planning');
  progress.start(total);
  for (let i = 0; i < total; i++) progress.tick(`group g${i}`);
  progress.stop();
  await new Promise((resolve) => setImmediate(resolve));
  return s.text();
}

describe('progress', () => {
  it('plain lines: each step up to 20 steps, each tenth above, when stderr is not a terminal', async () => {
    const twelve = (await runProgress(false, {}, 12)).trim().split('\n');
    expect(twelve.length).toBe(12);
    expect(twelve[0]).toBe('planning: 1/12 (group g0)');
    expect(twelve[1]).toBe('planning: 2/12 (group g1)');
    const text = await runProgress(false, {}, 40);
    const lines = text.trim().split('\n');
    expect(lines.length).toBe(10);
    expect(lines[0]).toBe('planning: 4/40 (group g3)');
    expect(lines.at(-1)).toBe('planning: 40/40 (group g39)');
  });

  it('plain lines in CI even on a terminal, and none for a short run', async () => {
    expect((await runProgress(true, { CI: 'true' }, 10)).trim().split('\n').length).toBe(10);
    expect(await runProgress(false, {}, 3)).toBe('');
  });

  it('a bar on a terminal', async () => {
    const text = await runProgress(true, {}, 5);
    expect(text).toContain('planning [');
    expect(text).toContain('5/5');
    expect(text).not.toContain('planning: ');
  });
});

describe('confirmation', () => {
  const tty = (text: string) => Object.assign(Readable.from([text]), { isTTY: true });

  it('only "yes" goes ahead', async () => {
    expect(await confirmApply(tty('yes\n'), new PassThrough())).toBe(true);
    expect(await confirmApply(tty('y\n'), new PassThrough())).toBe(false);
    expect(await confirmApply(tty('YES please\n'), new PassThrough())).toBe(false);
  });

  it('without a terminal it refuses, naming --auto-approve', async () => {
    const notTty = Object.assign(Readable.from(['yes\n']), { isTTY: false });
    const error = await confirmApply(notTty, new PassThrough()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).problems.map((p) => [p.code, p.field])).toEqual([
      ['CONFIRMATION_NEEDED', '--auto-approve'],
    ]);
  });
});
