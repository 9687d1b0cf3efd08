import type { Finding, LicenseReport, ReportSku } from '@entra-licensing/licensing';
import { stringify } from 'yaml';
import { SEAT_COLORS, seatChartSvg } from './seat-chart.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML content and attribute values. */
export function esc(value: string | number | undefined | null): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const SPEND_ON: Record<string, string> = {
  unassigned: 'Unassigned seats',
  disabledAccounts: 'Disabled accounts',
  guests: 'Guests',
};

const KIND_TITLES: Record<Finding['kind'], string> = {
  backlog: 'Members waiting for a seat',
  expiring: 'Subscription ending',
  suspended: 'Suspended licenses',
  lockedOut: 'Locked-out licenses',
  warning: 'Licenses in grace period',
  overAssigned: 'More assigned than bought',
  newServicePlan: 'New service plan',
  duplicateAssignment: 'Same SKU direct and by group',
  overlappingSkus: 'Two SKUs paying for the same plans',
  disabledAccountLicensed: 'Licenses on disabled accounts',
  guestLicensed: 'Licenses on guests',
  memberErrors: 'Members in error',
};

const STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2937; --muted: #6b7280; --card: #f8fafc; --line: #e5e7eb;
  --critical: #b91c1c; --warning: #b45309; --info: #1d4ed8; --code: #f1f5f9; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0f172a; --fg: #e5e7eb; --muted: #9ca3af; --card: #1e293b; --line: #334155;
    --critical: #f87171; --warning: #fbbf24; --info: #93c5fd; --code: #0b1220; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 12px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--muted); margin: 0 0 16px; }
.counts { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0 0; padding: 0; list-style: none; }
.counts li { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; }
.counts b { font-size: 20px; margin-right: 6px; }
.finding { background: var(--card); border: 1px solid var(--line); border-left: 5px solid var(--info); border-radius: 8px;
  padding: 12px 16px; margin: 0 0 12px; break-inside: avoid; }
.finding.critical { border-left-color: var(--critical); } .finding.warning { border-left-color: var(--warning); }
.finding h3 { margin: 0 0 4px; font-size: 15px; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em;
  padding: 1px 8px; border-radius: 999px; border: 1px solid currentColor; margin-right: 8px; vertical-align: 1px; }
.badge.critical { color: var(--critical); } .badge.warning { color: var(--warning); } .badge.info { color: var(--info); }
.kind { color: var(--muted); font-weight: 400; font-size: 12px; margin-left: 6px; }
.fix { margin: 8px 0 0; } .fix strong { margin-right: 4px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; background: var(--code);
  border-radius: 4px; } code { padding: 1px 5px; overflow-wrap: anywhere; } td code { white-space: nowrap; } pre { padding: 8px 10px; overflow-x: auto; margin: 6px 0 0; }
details { margin: 6px 0 0; } summary { cursor: pointer; color: var(--muted); }
.users { columns: 2; margin: 4px 0 0; padding-left: 18px; }
.skus { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: 12px; }
.sku { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 0; break-inside: avoid; }
.sku figcaption { font-weight: 600; } .sku figcaption span { color: var(--muted); font-weight: 400; margin-left: 6px; }
.chart svg { width: 100%; height: auto; display: block; }
.chart svg text { fill: var(--fg) !important; }
.figures { color: var(--muted); font-size: 12.5px; margin: 4px 0 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.none { color: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; }
  .skus { grid-template-columns: 1fr 1fr; }
  details > summary { display: none; }
  details::details-content { content-visibility: visible; display: block; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Users listed per finding on the page; the JSON report has them all. */
export const USERS_SHOWN = 100;
/** Entries of a fix file shown on the page; the JSON report has the whole file. */
export const FIX_ENTRIES_SHOWN = 25;

function fixFileHtml(desired: NonNullable<Finding['fix']>['desiredState']): string {
  if (!desired) return '';
  const groups = desired.groups ?? [];
  const users = desired.users ?? [];
  const total = groups.length + users.length;
  const shownGroups = groups.slice(0, FIX_ENTRIES_SHOWN);
  const shownUsers = users.slice(0, Math.max(0, FIX_ENTRIES_SHOWN - shownGroups.length));
  const shown = {
    ...(shownGroups.length > 0 ? { groups: shownGroups } : {}),
    ...(shownUsers.length > 0 ? { users: shownUsers } : {}),
  };
  const more =
    total > FIX_ENTRIES_SHOWN
      ? `<p class="none">The first ${FIX_ENTRIES_SHOWN} of ${total} entries: the whole file is in <code>entra-licensing report --format json</code> (fix.desiredState).</p>`
      : '';
  return `<details open><summary>The file to apply (<code>fix.yaml</code>)</summary><pre>${esc(stringify(shown))}</pre>${more}</details>`;
}

function usersHtml(users: readonly { userPrincipalName: string }[]): string {
  if (users.length === 0) return '';
  const more =
    users.length > USERS_SHOWN
      ? `<p class="none">and ${users.length - USERS_SHOWN} more (all of them in --format json or csv)</p>`
      : '';
  return `<details><summary>${users.length} ${users.length === 1 ? 'user' : 'users'}</summary><ul class="users">${users
    .slice(0, USERS_SHOWN)
    .map((u) => `<li>${esc(u.userPrincipalName)}</li>`)
    .join('')}</ul>${more}</details>`;
}

function findingHtml(f: Finding, index: number): string {
  const where = [f.skuPartNumber, f.groupName].filter(Boolean).map(esc).join(' · ');
  const users = f.users ?? [];
  const fix = f.fix;
  return `<article class="finding ${f.severity}" id="finding-${index}" data-kind="${esc(f.kind)}" data-severity="${f.severity}">
<h3><span class="badge ${f.severity}">${f.severity}</span>${esc(KIND_TITLES[f.kind])}${where ? ` — ${where}` : ''}<span class="kind">${esc(f.kind)}</span></h3>
<p>${esc(f.message)}</p>
${
  fix
    ? `<p class="fix"><strong>Fix:</strong>${esc(fix.summary)}${fix.command ? ` <code>${esc(fix.command)}</code>` : ''}</p>${fixFileHtml(fix.desiredState)}`
    : ''
}
${usersHtml(users)}
</article>`;
}

function skuHtml(sku: ReportSku): string {
  const figures = [
    `${sku.consumed} of ${sku.enabled} used`,
    `${sku.available} free`,
    sku.warning ? `${sku.warning} in grace period` : '',
    sku.suspended ? `${sku.suspended} suspended` : '',
    sku.lockedOut ? `${sku.lockedOut} locked out` : '',
    sku.backlog.members ? `${sku.backlog.members} waiting, ${sku.backlog.seatsNeeded} to buy` : '',
  ].filter(Boolean);
  return `<figure class="sku" data-sku="${esc(sku.skuPartNumber)}">
<figcaption>${esc(sku.productName)}<span>${esc(sku.skuPartNumber)}</span></figcaption>
<div class="chart" role="img" aria-label="${esc(`Seats of ${sku.productName}: ${figures.join(', ')}`)}">${seatChartSvg(sku)}</div>
<p class="figures">${esc(figures.join(' · '))}</p>
</figure>`;
}

function num(n: number): string {
  return `<td class="n">${n}</td>`;
}

function tablesHtml(report: LicenseReport): string {
  const parts: string[] = [];
  parts.push(`<h2 id="tables">Seats by SKU</h2>
<table data-table="skus"><thead><tr><th>Product</th><th>Part number</th><th class="n">Enabled</th><th class="n">Consumed</th><th class="n">Free</th><th class="n"><span class="swatch" style="background:${SEAT_COLORS.warning}"></span>Warning</th><th class="n"><span class="swatch" style="background:${SEAT_COLORS.suspended}"></span>Suspended</th><th class="n"><span class="swatch" style="background:${SEAT_COLORS.lockedOut}"></span>Locked out</th><th class="n"><span class="swatch" style="background:${SEAT_COLORS.backlog}"></span>Waiting</th><th class="n">To buy</th></tr></thead><tbody>
${report.skus
  .map(
    (s) =>
      `<tr><td>${esc(s.productName)}</td><td><code>${esc(s.skuPartNumber)}</code></td>${num(s.enabled)}${num(s.consumed)}${num(s.available)}${num(s.warning)}${num(s.suspended)}${num(s.lockedOut)}${num(s.backlog.members)}${num(s.backlog.seatsNeeded)}</tr>`,
  )
  .join('\n')}
</tbody></table>`);
  const comparison = report.details.comparison;
  if (comparison) {
    parts.push(`<h2 id="trend">Since the baseline of ${esc(comparison.baselineGeneratedAt.slice(0, 10))} (${comparison.days} days)</h2>
<table data-table="trend"><thead><tr><th>SKU</th><th class="n">Consumed then</th><th class="n">Now</th><th class="n">Per day</th><th>Runway</th></tr></thead><tbody>
${comparison.trends
  .map(
    (t) =>
      `<tr><td><code>${esc(t.skuPartNumber)}</code></td>${num(t.consumedBefore)}${num(t.consumedNow)}${num(t.perDay)}<td>${esc(t.message)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>
<ul>${[
      ...comparison.newFindings.map((f) => `<li>New: <b>${esc(f.kind)}</b> — ${esc(f.message)}</li>`),
      ...comparison.resolvedFindings.map(
        (f) => `<li>Resolved: <b>${esc(f.kind)}</b> — ${esc(f.message)}</li>`,
      ),
      ...comparison.newServicePlans.map(
        (p) =>
          `<li>New plan <code>${esc(p.servicePlanName)}</code> in <code>${esc(p.skuPartNumber)}</code></li>`,
      ),
      ...comparison.newSkus.map((s) => `<li>New SKU <code>${esc(s)}</code></li>`),
      ...comparison.removedSkus.map((s) => `<li>SKU gone: <code>${esc(s)}</code></li>`),
    ].join('')}</ul>`);
  }
  const spend = report.details.spend;
  if (spend) {
    const money = (m: { amount: number; currency: string }, period: string) =>
      `${esc(new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).format(m.amount))} / ${esc(period)}`;
    parts.push(`<h2 id="spend">Spend on seats nobody uses</h2>
<table data-table="spend"><thead><tr><th>On</th><th>SKU</th><th>Group</th><th class="n">Seats</th><th class="n">Cost</th></tr></thead><tbody>
${spend.lines
  .map(
    (l) =>
      `<tr><td>${esc(SPEND_ON[l.on] ?? l.on)}</td><td><code>${esc(l.skuPartNumber)}</code></td><td>${esc(l.groupName)}</td>${num(l.seats)}<td class="n">${money(l.cost, l.period)}</td></tr>`,
  )
  .join('\n')}
${spend.totals.map((t) => `<tr><th colspan="4">Total, ${esc((SPEND_ON[t.on] ?? t.on).toLowerCase())}</th><th class="n">${money(t.cost, t.period)}</th></tr>`).join('\n')}
</tbody></table>
${spend.unpriced.length > 0 ? `<p class="none">No price given for ${esc(spend.unpriced.join(', '))}.</p>` : ''}`);
  }
  return parts.join('\n');
}

/**
 * The report as one self-contained HTML page: inline styles, charts as inline SVG drawn now; no script, no font,
 * no image or link to fetch. Opens with the findings, then each SKU's seat chart, then the tables. Light and dark
 * follow `prefers-color-scheme`; printing opens every detail.
 */
export function renderHtml(report: LicenseReport): string {
  const count = (s: Finding['severity']) => report.findings.filter((f) => f.severity === s).length;
  const title = `License health — ${report.tenant.displayName}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="meta">Tenant ${esc(report.tenant.id)} · generated ${esc(report.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))} by entra-licensing</p>
<ul class="counts"><li><b style="color:var(--critical)">${count('critical')}</b>critical</li><li><b style="color:var(--warning)">${count('warning')}</b>warning</li><li><b style="color:var(--info)">${count('info')}</b>info</li><li><b>${report.skus.length}</b>SKUs</li></ul>
</header>
<main>
<section id="findings"><h2>Findings</h2>
${report.findings.length > 0 ? report.findings.map(findingHtml).join('\n') : '<p class="none">No findings: every seat is accounted for.</p>'}
</section>
<section id="seats"><h2>Seats per SKU</h2>
<div class="skus">
${report.skus.map(skuHtml).join('\n')}
</div>
</section>
<section id="tables-section">
${tablesHtml(report)}
</section>
</main>
</body>
</html>
`;
}
