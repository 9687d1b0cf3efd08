import { holdersToCsv, holdersToTable } from '@entra-licensing/licensing';
import { type Command, Option } from 'commander';
import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import type { CommandDefinition } from '../command-definition.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { CliError } from '../problems.js';

export const WHO_HAS_FORMATS = ['table', 'csv', 'json'] as const;
export type WhoHasFormat = (typeof WHO_HAS_FORMATS)[number];

export interface WhoHasOptions extends CommonOptions {
  sku?: string;
  plan?: string;
  format?: WhoHasFormat;
}

/** `who-has --sku … | --plan …`: every holder and the paths that give it, as a table, CSV or JSON. */
export async function runWhoHas(options: WhoHasOptions, context: CommandContext): Promise<ExitCode> {
  if (!options.sku && !options.plan) {
    throw new CliError({
      code: 'INVALID_INPUT',
      field: '--sku',
      value: undefined,
      message: 'who-has needs --sku <product> or --plan <service plan name> (or both).',
    });
  }
  const { output } = context;
  return withConnection(options, context, async ({ service }) => {
    const rows = await service.whoHas({
      ...(options.sku ? { sku: options.sku } : {}),
      ...(options.plan ? { plan: options.plan } : {}),
    });
    const format = options.json ? 'json' : (options.format ?? 'table');
    if (format === 'json') output.json(rows);
    else if (format === 'csv') output.out(holdersToCsv(rows).trimEnd());
    else output.out(rows.length === 0 ? 'nobody holds it' : holdersToTable(rows).trimEnd());
    return EXIT.ok;
  });
}

export const definition: CommandDefinition = {
  name: 'who-has',
  description: 'who holds a SKU or a service plan, and through which paths',
  examples: `  $ entra-licensing who-has --sku SPE_E3
  $ entra-licensing who-has --plan EXCHANGE_S_ENTERPRISE --format csv`,
  declare: (command: Command) =>
    command
      .option('--sku <product>', 'product name, part number or skuId')
      .option('--plan <name>', 'service plan name, e.g. EXCHANGE_S_ENTERPRISE')
      .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json'])),
  run: (_args, options, context) => runWhoHas(options as WhoHasOptions, context),
};
