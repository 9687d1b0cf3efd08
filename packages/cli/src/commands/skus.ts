import type { ResolvedSku } from '@entra-licensing/licensing';
import type { Command } from 'commander';
import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import type { CommandDefinition } from '../command-definition.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Colors } from '../output.js';
import { safeText } from '../safe-text.js';
import { outputOption, renderTable, type TableFormat } from '../tables.js';

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => (i >= 3 && i <= 5 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
}

/** The tenant's SKUs as a table: product, part number, seats bought, used and free, status. */
export function renderSkuTable(skus: readonly ResolvedSku[], c: Colors): string {
  const header = ['PRODUCT', 'PART NUMBER', 'SKU ID', 'SEATS', 'USED', 'FREE', 'STATUS'];
  const rows = skus.map((s) => [
    safeText(s.displayName),
    safeText(s.skuPartNumber),
    s.skuId,
    String(s.seats?.enabled ?? 0),
    String(s.seats?.consumed ?? 0),
    String(s.seats?.available ?? 0),
    `${s.capabilityStatus ?? ''}${s.appliesTo === 'Company' ? ' (tenant-wide)' : ''}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const lines = [c.bold(row(header, widths))];
  for (const [i, r] of rows.entries()) {
    const sku = skus[i];
    const line = row(r, widths);
    lines.push(sku?.seats && sku.seats.available === 0 && sku.seats.enabled > 0 ? c.yellow(line) : line);
  }
  return lines.join('\n');
}

/** `skus`: the tenant's subscribed SKUs with seats. */
export async function runSkus(
  options: CommonOptions & { output?: TableFormat },
  context: CommandContext,
): Promise<ExitCode> {
  const { output } = context;
  return withConnection(options, context, async ({ service }) => {
    const skus = [...(await service.listSkus())].sort((a, b) => a.displayName.localeCompare(b.displayName));
    if (options.json) {
      output.json(
        skus.map((s) => ({
          skuId: s.skuId,
          skuPartNumber: s.skuPartNumber,
          displayName: s.displayName,
          seats: s.seats ?? null,
          capabilityStatus: s.capabilityStatus ?? null,
          appliesTo: s.appliesTo ?? null,
        })),
      );
    } else if (options.output) {
      const rows = [['product', 'partNumber', 'skuId', 'seats', 'used', 'free', 'status', 'appliesTo']];
      for (const s of skus)
        rows.push([
          s.displayName,
          s.skuPartNumber,
          s.skuId,
          String(s.seats?.enabled ?? 0),
          String(s.seats?.consumed ?? 0),
          String(s.seats?.available ?? 0),
          s.capabilityStatus ?? '',
          s.appliesTo ?? '',
        ]);
      output.out(renderTable(rows, options.output));
    } else {
      output.out(renderSkuTable(skus, output.color));
    }
    return EXIT.ok;
  });
}

export const definition: CommandDefinition = {
  name: 'skus',
  description: "list the tenant's SKUs with seats bought, used and free",
  examples: `  $ entra-licensing skus
  $ entra-licensing skus --output csv > skus.csv
  $ entra-licensing skus --json | jq '.[] | select(.seats.available == 0)'`,
  declare: (command: Command) => command.addOption(outputOption()),
  run: (_args, options, context) => runSkus(options as CommonOptions & { output?: TableFormat }, context),
};
