import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { CLOUDS } from './sign-in.js';

/**
 * One command of the CLI, in one file (`commands/<name>.ts`): its arguments, options and help, and its action.
 * `main.ts` loads only the file of the command that runs (all of them for the program's `--help`).
 */
export interface CommandDefinition {
  name: string;
  description: string;
  examples: string;
  /** Arguments and the command's own options (the common ones are added by `withCommonOptions`). */
  declare(command: Command): Command;
  /** The action: the positional arguments, then the parsed options. Resolves to the exit code. */
  run(args: string[], options: Record<string, unknown>, context: CommandContext): Promise<number>;
}

export function wholeNumber(value: string): number {
  if (!/^\d{1,9}$/.test(value.trim())) throw new InvalidArgumentError('must be a whole number, 0 or more.');
  return Number(value.trim());
}

export function seconds(value: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 86_400) {
    throw new InvalidArgumentError('must be a number of seconds above 0 and at most 86400.');
  }
  return n;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The options every command takes: output, where to connect, deadlines, logging. */
export function withCommonOptions(command: Command): Command {
  return command
    .option('--json', 'print JSON on stdout (progress and notes stay on stderr)')
    .addOption(new Option('--cloud <name>', 'national cloud').choices(CLOUDS).default(undefined, 'global'))
    .option(
      '--graph-base-url <url>',
      'Graph origin, e.g. a proxy or the emulator (http://127.0.0.1:4000; a trailing /v1.0 is accepted); env ENTRA_GRAPH_BASE_URL',
    )
    .option(
      '--login-base-url <url>',
      'login authority origin (token endpoint <url>/<tenant>/oauth2/v2.0/token); env ENTRA_LOGIN_BASE_URL',
    )
    .option(
      '--allow-host <host>',
      'let this exact host (outside Microsoft clouds and loopback) receive the credentials; repeatable; env ENTRA_ALLOW_HOST',
      collect,
    )
    .option('--emulator', 'start the embedded Graph emulator (a seeded Contoso tenant) and use it: a try-out')
    .option('--timeout <seconds>', 'the run never takes longer than this (wait: default 600)', seconds)
    .option('--request-timeout <seconds>', 'deadline of each request, sign-in included (default 60)', seconds)
    .option('--verbose', 'log each request (method, URL, status, time) on stderr; never tokens or secrets')
    .option('--debug', 'as --verbose, plus request ids and throttling headers')
    .option('--no-color', 'no colours (also: NO_COLOR set, or output not a terminal)');
}

/** The command as commander needs it: declared, with the common options, examples and exit codes in its help. */
export function addCommand(program: Command, definition: CommandDefinition): Command {
  const command = program.command(definition.name).description(definition.description);
  definition.declare(command);
  withCommonOptions(command);
  command.addHelpText('after', `\nExamples:\n${definition.examples}\n\n${EXIT_CODES_HELP}`);
  return command;
}
