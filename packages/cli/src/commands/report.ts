import { writeFileSync } from 'node:fs';
import type { LicenseReport } from '@entra-licensing/licensing';
import { type Command, Option } from 'commander';
import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import type { CommandDefinition } from '../command-definition.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { CliError } from '../problems.js';

export const REPORT_FORMATS = ['html', 'json', 'csv', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const DEFAULT_REPORT_FILE = 'license-report.html';

export interface ReportOptions extends CommonOptions {
  format?: ReportFormat;
  out?: string;
  baseline?: string;
  prices?: string;
}

/** The report in the chosen format (the HTML renderer and its charting library load only when asked for). */
export async function renderReport(report: LicenseReport, format: ReportFormat): Promise<string> {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'html') return (await import('../report/render-html.js')).renderHtml(report);
  const text = await import('../report/render-text.js');
  return format === 'csv' ? text.renderCsv(report) : text.renderMarkdown(report);
}

/**
 * `report`: reads the tenant once and writes the license health report — HTML into `--out` (default
 * license-report.html), the other formats to stdout unless `--out` is given.
 */
export async function runReport(options: ReportOptions, context: CommandContext): Promise<ExitCode> {
  const { output } = context;
  const format: ReportFormat = options.format ?? (options.json ? 'json' : 'html');
  const { loadBaseline, loadPrices } = await import('../report/report-inputs.js');
  // Local input first: a bad --prices or --baseline fails before any request.
  const prices = options.prices ? await loadPrices(options.prices) : undefined;
  const baseline = options.baseline ? await loadBaseline(options.baseline) : undefined;
  return withConnection(options, context, async ({ client, service }) => {
    const tenantId = options.emulator ? undefined : context.env.AZURE_TENANT_ID?.trim();
    const { readLicenseReport } = await import('@entra-licensing/licensing');
    const report = await readLicenseReport(
      { client, service },
      {
        ...(prices ? { prices } : {}),
        ...(baseline ? { baseline } : {}),
        ...(tenantId ? { tenantId } : {}),
      },
    );
    const text = await renderReport(report, format);
    const out = options.out ?? (format === 'html' ? DEFAULT_REPORT_FILE : undefined);
    if (out) {
      try {
        writeFileSync(out, text);
      } catch (error) {
        throw new CliError({
          code: 'FILE_NOT_WRITABLE',
          field: '--out',
          value: out,
          message: `cannot write ${out} (${(error as { code?: string }).code ?? 'error'}).`,
        });
      }
      const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
      output.err(
        `Wrote ${out}: ${report.findings.length} findings (${count('critical')} critical, ${count('warning')} warning, ${count('info')} info), ${report.skus.length} SKUs.`,
      );
    } else {
      context.output.streams.stdout.write(output.redact(text));
    }
    return EXIT.ok;
  });
}

export const definition: CommandDefinition = {
  name: 'report',
  description: 'the license health report: findings with their fix, seats per SKU, backlog, expiry, waste',
  examples: `  $ entra-licensing report                                  # license-report.html
  $ entra-licensing report --format md >> "$GITHUB_STEP_SUMMARY"
  $ entra-licensing report --format json --out today.json --baseline last-month.json --prices prices.yaml`,
  declare: (command: Command) =>
    command
      .addOption(new Option('--format <format>', 'html (default), json, csv or md').choices(REPORT_FORMATS))
      .option(
        '-o, --out <file>',
        `write to this file (default: ${DEFAULT_REPORT_FILE} for html, else stdout)`,
      )
      .option('--baseline <file>', 'an earlier report --format json: what changed, trend and runway')
      .option(
        '--prices <file>',
        'seat prices (YAML or JSON, schema/prices.schema.json): spend on unused seats',
      ),
  run: (_args, options, context) => runReport(options as ReportOptions, context),
};
