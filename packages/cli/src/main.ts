import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import type { CommandContext } from './command-context.js';
import { addCommand, type CommandDefinition } from './command-definition.js';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { Output, type OutputStreams } from './output.js';
import { CliError, formatProblem, type Problem, problemJson } from './problems.js';
import { RunControl } from './run-control.js';
import { safeText } from './safe-text.js';
import { SIGN_IN_HELP } from './sign-in.js';

// Start-up is kept light: this module loads commander and picocolors only. Each command lives in its own file and
// only the one that runs is loaded (all of them for the program's --help); the licensing package, graph-client,
// the YAML parser, the schema validator and the emulator load inside the command that needs them.

export interface MainIo extends OutputStreams {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Ends the process at once (a run past its --timeout, a second Ctrl-C). Default: nothing. */
  exit?: (code: number) => void;
  /** Where Ctrl-C is heard (the bin passes `process`). */
  signals?: { on(event: 'SIGINT', listener: () => void): unknown };
}

/** The commands, each loaded on demand. */
const COMMANDS: Record<string, () => Promise<{ definition: CommandDefinition }>> = {
  export: () => import('./commands/export.js'),
  plan: () => import('./commands/plan.js'),
  apply: () => import('./commands/apply.js'),
  show: () => import('./commands/show.js'),
  skus: () => import('./commands/skus.js'),
  wait: () => import('./commands/wait.js'),
  reprocess: () => import('./commands/reprocess.js'),
  reclaim: () => import('./commands/reclaim.js'),
  report: () => import('./commands/report.js'),
  doctor: () => import('./commands/doctor.js'),
  explain: () => import('./commands/explain.js'),
  'who-has': () => import('./commands/who-has.js'),
};

const FILE_HELP = `The file (YAML or JSON; schema: schema/licenses.schema.json in the package):
  $schema: https://raw.githubusercontent.com/entra-licensing/entra-licensing/main/packages/cli/schema/licenses.schema.json
  groups:
    - group: Sales                    # display name or object id
      licenses:
        - sku: Microsoft 365 E3       # product name, part number (SPE_E3) or skuId
          disabledPlans: [Microsoft Teams]
      exclusive: true                 # optional: remove the group's other SKUs
  users:
    - user: adele@contoso.com         # direct licenses only
      licenses: [EMSPREMIUM]
  A group, user or SKU that is not named is left alone.`;

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Any error as problems to print (Graph and licensing errors are recognised by shape: no import needed). */
export function toProblems(error: unknown): Problem[] {
  if (error instanceof CliError) return error.problems;
  const e = error as {
    name?: string;
    code?: unknown;
    field?: unknown;
    value?: unknown;
    message?: unknown;
    suggestions?: unknown;
    kind?: unknown;
    status?: unknown;
  };
  const message = safeText(typeof e?.message === 'string' ? e.message : String(error));
  if (e?.name === 'LicensingError') {
    return [
      {
        code: String(e.code),
        message,
        ...(typeof e.field === 'string' ? { field: e.field } : {}),
        ...(e.value === undefined ? {} : { value: e.value }),
        ...(Array.isArray(e.suggestions) ? { suggestions: e.suggestions as string[] } : {}),
      },
    ];
  }
  if (e?.name === 'GraphError') {
    const hint =
      e.code === 'Timeout'
        ? ' Give it longer with --request-timeout <seconds>.'
        : e.kind === 'token'
          ? ' Sign-in failed: check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret or certificate.'
          : e.status === 401 || e.status === 403
            ? ' Check that the app has LicenseAssignment.ReadWrite.All, Group.Read.All and User.Read.All (admin consent granted).'
            : '';
    const status = typeof e.status === 'number' ? `HTTP ${e.status} ` : '';
    return [{ code: String(e.code), message: `Graph: ${status}${String(e.code)}: ${message}${hint}` }];
  }
  if (e?.name === 'CredentialUnavailableError' || e?.name === 'AuthenticationError') {
    return [{ code: 'SIGN_IN_FAILED', message: `Sign-in failed (${e.name}): ${message}` }];
  }
  return [{ code: 'UNEXPECTED', message }];
}

/** The name of the command in the arguments (the first word that is not an option), if any. */
function commandIn(args: readonly string[]): string | undefined {
  return args.find((a) => !a.startsWith('-'));
}

async function buildProgram(
  output: Output,
  context: CommandContext,
  args: readonly string[],
  setExit: (code: number) => void,
): Promise<Command> {
  const program = new Command('entra-licensing')
    .description(
      'Microsoft Entra licenses as code: export the licenses of groups (and users) by product and plan names, plan a change as a diff, save it, apply exactly it, and wait for group-based licensing to report who failed and why.',
    )
    .version(version(), '-v, --version')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => output.streams.stdout.write(output.redact(text)),
      writeErr: (text) => output.streams.stderr.write(output.redact(text)),
      outputError: (text, write) => write(output.errColor.red(text)),
    })
    .exitOverride()
    .addHelpText(
      'after',
      `\n${FILE_HELP}\n\n${SIGN_IN_HELP}\n\n${EXIT_CODES_HELP}\n\nExamples:\n  $ entra-licensing export --out licenses.yaml\n  $ entra-licensing plan licenses.yaml --out plan.json --detailed-exitcode\n  $ entra-licensing apply plan.json --wait\n  $ entra-licensing skus --emulator`,
    );
  const wanted = commandIn(args);
  const names = wanted && wanted in COMMANDS ? [wanted] : Object.keys(COMMANDS);
  const definitions = await Promise.all(names.map(async (name) => (await COMMANDS[name]?.())?.definition));
  for (const definition of definitions) {
    if (!definition) continue;
    addCommand(program, definition).action(async (...params: unknown[]) => {
      const command = params[params.length - 1] as Command;
      const options = command.opts();
      const positional = params
        .slice(0, -2)
        .filter((p) => p !== undefined)
        .map(String);
      context.run.configure(options);
      setExit(await context.run.race(definition.run(positional, options, context)));
    });
  }
  for (const command of program.commands) {
    command.exitOverride().showSuggestionAfterError(true).configureOutput(program.configureOutput());
  }
  return program;
}

/** Runs the CLI; resolves to the exit code (never throws). */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const args = argv.slice(2);
  const output = new Output(io, io.env, args.includes('--no-color') ? false : undefined);
  const json = args.includes('--json');
  let exitCode: number = EXIT.ok;
  const run = new RunControl(output, io);
  const context: CommandContext = { output, env: io.env, stdin: io.stdin, run };
  try {
    const program = await buildProgram(output, context, args, (code) => {
      exitCode = code;
    });
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; a usage error (unknown option, bad value, no command) exits 1.
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    const problems = toProblems(error);
    if (json) output.json({ ok: false, errors: problems.map(problemJson) });
    for (const problem of problems) output.err(formatProblem(problem, output.errColor));
    return error instanceof CliError ? error.exitCode : EXIT.error;
  } finally {
    run.dispose();
  }
}
