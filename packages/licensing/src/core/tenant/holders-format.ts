import type { HolderRow } from './rights.js';

const COLUMNS = [
  'userPrincipalName',
  'userId',
  'accountEnabled',
  'skuPartNumber',
  'servicePlanName',
  'path',
  'groupId',
  'groupName',
  'disabledPlans',
  'state',
  'error',
] as const;

/** One line per holder and path, in the columns of `COLUMNS`. */
function flatRows(rows: readonly HolderRow[]): string[][] {
  return rows.flatMap((row) =>
    row.paths.map((path) => [
      row.userPrincipalName ?? '',
      row.userId,
      row.accountEnabled === null ? '' : String(row.accountEnabled),
      row.skuPartNumber,
      row.servicePlanName ?? '',
      path.kind,
      path.groupId ?? '',
      path.groupName ?? '',
      path.disabledPlans.join(' '),
      path.state ?? '',
      path.error ?? '',
    ]),
  );
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =,+,-,@ is defused for spreadsheets. */
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function holdersToCsv(rows: readonly HolderRow[]): string {
  return `${[[...COLUMNS], ...flatRows(rows)].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** An aligned text table (the columns that say something: UPN, SKU, plan, path, state, error). */
export function holdersToTable(rows: readonly HolderRow[]): string {
  const header = ['user', 'sku', 'plan', 'path', 'disabled plans', 'state', 'error'];
  const body = flatRows(rows).map((r) => [
    r[0] || r[1] || '',
    r[3] ?? '',
    r[4] ?? '',
    r[5] === 'group' ? `group ${r[7] || r[6]}` : 'direct',
    r[8] ?? '',
    r[9] ?? '',
    r[10] ?? '',
  ]);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return `${all
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}
