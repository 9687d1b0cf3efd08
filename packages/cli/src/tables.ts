import { Option } from 'commander';
import { safeText } from './safe-text.js';

/** `--output csv|md`: the table formats beside `--json` and the default human view. */
export const TABLE_FORMATS = ['csv', 'md'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export function outputOption(): Option {
  return new Option(
    '--output <format>',
    'print a table as CSV or Markdown instead of the human view',
  ).choices(TABLE_FORMATS);
}

/** A CSV cell (RFC 4180); a cell a spreadsheet would run as a formula (= + - @) is prefixed with '. */
function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A Markdown table cell: pipes and control characters escaped. */
function mdCell(value: string): string {
  return safeText(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** Rows (the first one the header) as CSV or a Markdown table. */
export function renderTable(rows: readonly (readonly string[])[], format: TableFormat): string {
  if (format === 'csv') return rows.map((row) => row.map(csvCell).join(',')).join('\n');
  const [header = [], ...body] = rows;
  return [
    `| ${header.map(mdCell).join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...body.map((row) => `| ${row.map(mdCell).join(' | ')} |`),
  ].join('\n');
}
