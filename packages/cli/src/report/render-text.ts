import type { Finding, LicenseReport } from '@entra-licensing/licensing';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading =+-@ is neutralised. */
function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  // A cell starting with = + - @ is a formula to spreadsheets; a leading quote keeps it text.
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const CSV_COLUMNS = [
  'kind',
  'severity',
  'skuPartNumber',
  'groupId',
  'groupName',
  'count',
  'users',
  'message',
  'fix',
  'fixCommand',
] as const;

/** `--format csv`: one row per finding (users as space-separated UPNs). */
export function renderCsv(report: LicenseReport): string {
  const rows = report.findings.map((f) =>
    [
      f.kind,
      f.severity,
      f.skuPartNumber,
      f.groupId,
      f.groupName,
      f.count,
      f.users?.map((u) => u.userPrincipalName).join(' '),
      f.message,
      f.fix?.summary,
      f.fix?.command,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

function mdCell(text: string | number | undefined): string {
  return String(text ?? '')
    .replaceAll('|', '\\|')
    .replaceAll(/\r?\n/g, ' ');
}

const ICON: Record<Finding['severity'], string> = { critical: '🔴', warning: '🟠', info: '🔵' };

/** `--format md`: for a pipeline's job summary. */
export function renderMarkdown(report: LicenseReport): string {
  const lines: string[] = [];
  const count = (s: Finding['severity']) => report.findings.filter((f) => f.severity === s).length;
  lines.push(`# License health: ${mdCell(report.tenant.displayName)}`, '');
  lines.push(
    `Generated ${report.generatedAt} · ${count('critical')} critical · ${count('warning')} warning · ${count('info')} info`,
    '',
  );
  lines.push('## Findings', '');
  if (report.findings.length === 0) lines.push('No findings.', '');
  else {
    lines.push('| | Kind | SKU / group | Finding | Fix |', '|---|---|---|---|---|');
    for (const f of report.findings) {
      const where = [f.skuPartNumber, f.groupName].filter(Boolean).join(' / ');
      const fix = f.fix ? `${f.fix.summary}${f.fix.command ? ` \`${f.fix.command}\`` : ''}` : '';
      lines.push(
        `| ${ICON[f.severity]} ${f.severity} | ${f.kind} | ${mdCell(where)} | ${mdCell(f.message)} | ${mdCell(fix)} |`,
      );
    }
    lines.push('');
  }
  lines.push('## Seats', '');
  lines.push(
    '| Product | Part number | Enabled | Consumed | Free | Warning | Suspended | Locked out | Waiting | To buy |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const s of report.skus) {
    lines.push(
      `| ${mdCell(s.productName)} | ${s.skuPartNumber} | ${s.enabled} | ${s.consumed} | ${s.available} | ${s.warning} | ${s.suspended} | ${s.lockedOut} | ${s.backlog.members} | ${s.backlog.seatsNeeded} |`,
    );
  }
  const comparison = report.details.comparison;
  if (comparison) {
    lines.push('', `## Since ${comparison.baselineGeneratedAt} (${comparison.days} days)`, '');
    for (const t of comparison.trends) lines.push(`- ${t.message}`);
    for (const f of comparison.newFindings) lines.push(`- New: ${f.kind} — ${mdCell(f.message)}`);
    for (const f of comparison.resolvedFindings) lines.push(`- Resolved: ${f.kind} — ${mdCell(f.message)}`);
    for (const p of comparison.newServicePlans)
      lines.push(`- New plan ${p.servicePlanName} in ${p.skuPartNumber}`);
  }
  const spend = report.details.spend;
  if (spend) {
    lines.push('', '## Spend', '', '| On | SKU | Group | Seats | Cost |', '|---|---|---|--:|--:|');
    for (const l of spend.lines) {
      lines.push(
        `| ${l.on} | ${l.skuPartNumber} | ${mdCell(l.groupName)} | ${l.seats} | ${l.cost.amount.toFixed(2)} ${l.cost.currency} / ${l.period} |`,
      );
    }
    for (const t of spend.totals) {
      lines.push(
        `| **${t.on} total** | | | | **${t.cost.amount.toFixed(2)} ${t.cost.currency} / ${t.period}** |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
