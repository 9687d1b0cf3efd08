import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { CommandContext } from './command-context.js';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { Output, type OutputStreams } from './output.js';
import { CliError, formatProblem, type Problem, problemJson } from './problems.js';
import { CLOUDS, SIGN_IN_HELP } from './sign-in.js';

// Start-up is kept light: this module loads commander and picocolors only. The licensing package, graph-client,
// the YAML parser, the schema validator and the emulator are imported inside the command that needs them.

export interface MainIo extends OutputStreams {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

function wholeNumber(value: string): number {
  if (!/^\d{1,9}$/.test(value.trim())) throw new InvalidArgumentError('must be a whole number, 0 or more.');
  return Number(value.trim());
}

function seconds(value: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 86_400) {
    throw new InvalidArgumentError('must be a number of seconds above 0 and at most 86400.');
  }
  return n;
}

function withCommonOptions(command: Command): Command {
  return command
    .option('--json', 'print JSON on stdout (progress and notes stay on stderr)')
    .addOption(new Option('--cloud <name>', 'national cloud').choices(CLOUDS).default(undefined, 'global'))
    .option('--graph-base-url <url>', 'Graph origin, e.g. a proxy or the emulator (http://127.0.0.1:4000)')
    .option(
      '--login-base-url <url>',
      'login authority origin (token endpoint <url>/<tenant>/oauth2/v2.0/token)',
    )
    .option('--emulator', 'start the embedded Graph emulator (a seeded Contoso tenant) and use it: a try-out')
    .option('--no-color', 'no colours (also: NO_COLOR set, or output not a terminal)');
}

const EXAMPLES = {
  export: `
Examples:
  $ entra-licensing export > licenses.yaml
  $ entra-licensing export --users --out licenses.yaml
  $ entra-licensing export --emulator            # try it on the embedded emulator`,
  plan: `
Examples:
  $ entra-licensing plan licenses.yaml
  $ entra-licensing plan licenses.yaml --detailed-exitcode   # 0 no changes, 2 changes, 1 error
  $ entra-licensing plan licenses.yaml --json > plan.json`,
  apply: `
Examples:
  $ entra-licensing apply licenses.yaml                       # shows the plan, asks before writing
  $ entra-licensing apply licenses.yaml --auto-approve --max-removals 2 --wait`,
  skus: `
Examples:
  $ entra-licensing skus
  $ entra-licensing skus --json | jq '.[] | select(.seats.available == 0)'`,
  wait: `
Examples:
  $ entra-licensing wait Sales
  $ entra-licensing wait 1132b215-826f-42a9-8cfe-1643d19d17fd --timeout 900 --json`,
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
  const message = typeof e?.message === 'string' ? e.message : String(error);
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
      e.kind === 'token'
        ? ' Sign-in failed: check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret or certificate.'
        : e.status === 401 || e.status === 403
          ? ' Check that the app has LicenseAssignment.ReadWrite.All, Group.Read.All and User.Read.All (admin consent granted).'
          : '';
    const status = typeof e.status === 'number' ? `HTTP ${e.status} ` : '';
    return [{ code: String(e.code), message: `Graph: ${status}${String(e.code)}: ${message}${hint}` }];
  }
  return [{ code: 'UNEXPECTED', message }];
}

function buildProgram(output: Output, context: CommandContext, setExit: (code: number) => void): Command {
  const program = new Command('entra-licensing')
    .description(
      'Microsoft Entra licenses as code: export the licenses of groups (and users) by product and plan names, plan a change as a diff, apply it, and wait for group-based licensing to report who failed and why.',
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
      `\n${FILE_HELP}\n\n${SIGN_IN_HELP}\n\n${EXIT_CODES_HELP}\n\nExamples:\n  $ entra-licensing export --out licenses.yaml\n  $ entra-licensing plan licenses.yaml --detailed-exitcode\n  $ entra-licensing apply licenses.yaml --auto-approve --wait\n  $ entra-licensing skus --emulator`,
    );

  withCommonOptions(
    program
      .command('export')
      .description("write the tenant's group licenses (and with --users direct user licenses) as a file")
      .option('--users', 'also export direct user licenses')
      .option('-o, --out <file>', 'write to this file (default: stdout)')
      .addOption(
        new Option('--format <format>', 'file format (default: from --out, else yaml)').choices([
          'yaml',
          'json',
        ]),
      )
      .addHelpText('after', `${EXAMPLES.export}\n\n${EXIT_CODES_HELP}`),
  ).action(async (options) => {
    const { runExport } = await import('./commands/export.js');
    setExit(await runExport(options, context));
  });

  withCommonOptions(
    program
      .command('plan')
      .description('show what apply would change, as a diff; sends no write')
      .argument('<file>', 'the desired licenses (YAML or JSON)')
      .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
      .addHelpText('after', `${EXAMPLES.plan}\n\n${EXIT_CODES_HELP}`),
  ).action(async (file: string, options) => {
    const { runPlan } = await import('./commands/plan.js');
    setExit(await runPlan(file, options, context));
  });

  withCommonOptions(
    program
      .command('apply')
      .description('show the plan, ask for confirmation, then make the changes')
      .argument('<file>', 'the desired licenses (YAML or JSON)')
      .option('--auto-approve', 'do not ask (pipelines)')
      .option(
        '--max-removals <n>',
        'refuse, before any write, a plan removing more than n licenses',
        wholeNumber,
      )
      .option('--wait', 'wait for group processing; list the members in error, why, and what to do')
      .option('--timeout <seconds>', 'with --wait: how long to wait for each group (default 600)', seconds)
      .addHelpText('after', `${EXAMPLES.apply}\n\n${EXIT_CODES_HELP}`),
  ).action(async (file: string, options) => {
    const { runApply } = await import('./commands/apply.js');
    setExit(await runApply(file, options, context));
  });

  withCommonOptions(
    program
      .command('skus')
      .description("list the tenant's SKUs with seats bought, used and free")
      .addHelpText('after', `${EXAMPLES.skus}\n\n${EXIT_CODES_HELP}`),
  ).action(async (options) => {
    const { runSkus } = await import('./commands/skus.js');
    setExit(await runSkus(options, context));
  });

  withCommonOptions(
    program
      .command('wait')
      .description("wait for a group's license processing, then list the members in error")
      .argument('<group>', 'display name or object id')
      .option('--timeout <seconds>', 'give up after this long (default 600)', seconds)
      .addHelpText('after', `${EXAMPLES.wait}\n\n${EXIT_CODES_HELP}`),
  ).action(async (group: string, options) => {
    const { runWait } = await import('./commands/wait.js');
    setExit(await runWait(group, options, context));
  });

  withCommonOptions(
    program
      .command('explain')
      .description(
        'every SKU and service plan of a user, enabled or not, and every path (direct, group) granting it',
      )
      .argument('<kind>', 'user')
      .argument('<ref>', 'user principal name or object id'),
  ).action(async (kind: string, ref: string, options) => {
    const { runExplain } = await import('./commands/explain.js');
    setExit(await runExplain(kind, ref, options, context));
  });

  withCommonOptions(
    program
      .command('who-has')
      .description('who holds a SKU or a service plan, and through which paths')
      .option('--sku <product>', 'product name, part number or skuId')
      .option('--plan <name>', 'service plan name, e.g. EXCHANGE_S_ENTERPRISE')
      .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json'])),
  ).action(async (options) => {
    const { runWhoHas } = await import('./commands/who-has.js');
    setExit(await runWhoHas(options, context));
  });

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
  const context: CommandContext = { output, env: io.env, stdin: io.stdin };
  const program = buildProgram(output, context, (code) => {
    exitCode = code;
  });
  try {
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
  }
}
