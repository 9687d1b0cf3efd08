import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../results');

export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
}

/** A target of the issue, checked against what was measured in this run. */
export interface Check {
  label: string;
  measured: string;
  target: string;
  pass: boolean;
}

export interface BenchReport {
  name: string;
  title: string;
  /** How the figures were obtained, in one or two sentences. */
  method: string;
  settings: Record<string, string | number | boolean>;
  tables: Table[];
  checks: Check[];
  notes: string[];
  /** Raw figures for the JSON file (medians, min, max, samples…). */
  data: unknown;
  /** An optional hand-written SVG chart. */
  svg?: string;
}

export function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${os.release()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function markdownTable(table: Table): string {
  const head = `| ${table.columns.map(escapeCell).join(' | ')} |`;
  const rule = `| ${table.columns.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`;
  const body = table.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

export function renderMarkdown(report: BenchReport, when: Date): string {
  const lines: string[] = [`## ${report.title}`, '', report.method, ''];
  const settings = Object.entries({ ...report.settings, ...machine() })
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ');
  lines.push(`Measured ${when.toISOString()} — ${settings}`, '');
  for (const table of report.tables) {
    lines.push(`**${table.title}**`, '', markdownTable(table), '');
  }
  if (report.svg) lines.push(`![${report.title}](${report.name}.svg)`, '');
  if (report.checks.length > 0) {
    lines.push('**Targets**', '');
    for (const c of report.checks) {
      lines.push(`- ${c.pass ? 'PASS' : 'MISS'} — ${c.label}: ${c.measured} (target ${c.target})`);
    }
    lines.push('');
  }
  for (const note of report.notes) lines.push(`- ${note}`);
  if (report.notes.length > 0) lines.push('');
  return lines.join('\n');
}

/** Writes `results/<name>.json`, `results/<name>.md` (and `.svg`) and returns the Markdown. */
export async function writeReport(report: BenchReport): Promise<string> {
  const when = new Date();
  await mkdir(resultsDir, { recursive: true });
  const markdown = renderMarkdown(report, when);
  const json = {
    name: report.name,
    title: report.title,
    measuredAt: when.toISOString(),
    machine: machine(),
    settings: report.settings,
    checks: report.checks,
    tables: report.tables,
    notes: report.notes,
    data: report.data,
  };
  await writeFile(path.join(resultsDir, `${report.name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(path.join(resultsDir, `${report.name}.md`), markdown);
  if (report.svg) await writeFile(path.join(resultsDir, `${report.name}.svg`), report.svg);
  return markdown;
}

/** `results/summary.md`: the latest Markdown of every benchmark, in this order, for the README. */
export async function writeSummary(order: readonly string[]): Promise<void> {
  const parts: string[] = [];
  for (const name of order) {
    const file = path.join(resultsDir, `${name}.md`);
    if (existsSync(file)) parts.push((await readFile(file, 'utf8')).trim());
  }
  await writeFile(path.join(resultsDir, 'summary.md'), `${parts.join('\n\n')}\n`);
}
