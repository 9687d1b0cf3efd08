import { describe, expect, it } from 'vitest';
import { runCli } from './test-support/run-cli.js';

const COMMANDS = ['export', 'plan', 'apply', 'show', 'skus', 'wait', 'reprocess'];
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes on purpose
const ANSI = /\u001b\[/;

describe('--help', () => {
  it('the program and every command: exit 0, examples and exit codes', async () => {
    const main = await runCli(['--help']);
    expect(main.code).toBe(0);
    for (const name of COMMANDS) expect(main.stdout).toContain(`\n  ${name} `);
    expect(main.stdout).toContain('Exit codes:\n  0  success');
    expect(main.stdout).toContain('AZURE_CLIENT_CERTIFICATE_PATH');
    for (const name of COMMANDS) {
      const help = await runCli([name, '--help']);
      expect([name, help.code]).toEqual([name, 0]);
      expect(help.stdout).toContain(`Usage: entra-licensing ${name}`);
      expect(help.stdout).toContain('\nExamples:\n  $ entra-licensing ');
      expect(help.stdout).toContain('\nExit codes:\n');
      expect(help.stdout).toContain('--json');
    }
  });

  it('a usage error exits 1 with a suggestion; no command at all exits 1 with the help', async () => {
    const typo = await runCli(['plna']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain("error: unknown command 'plna'");
    expect(typo.stderr).toContain('(Did you mean plan?)');
    const none = await runCli([]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Usage: entra-licensing');
  });
});

describe('colours', () => {
  const missingFile = ['plan', 'no-such-file.yaml'];

  it('off when the output is not a terminal', async () => {
    const run = await runCli(missingFile);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: file "no-such-file.yaml": cannot read no-such-file.yaml: no such file.\n',
    );
    expect(run.stderr).not.toMatch(ANSI);
  });

  it('on with FORCE_COLOR, off again with NO_COLOR or --no-color', async () => {
    const forced = await runCli(missingFile, { FORCE_COLOR: '1' });
    expect(forced.stderr).toMatch(ANSI);
    const noColor = await runCli(missingFile, { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(noColor.stderr).not.toMatch(ANSI);
    const flag = await runCli([...missingFile, '--no-color'], { FORCE_COLOR: '1' });
    expect(flag.stderr).not.toMatch(ANSI);
  });
});
