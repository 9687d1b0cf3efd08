import type { GroupProcessingReport, MemberLicenseError } from '@entra-licensing/licensing';
import type { Colors } from './output.js';
import { safeText } from './safe-text.js';

/**
 * A group's processing report: the state, then the members in error grouped by cause (SKU and error), each cause's
 * why and what to do said once, with the command that reprocesses them after the fix.
 */
export function renderProcessingReport(name: string, report: GroupProcessingReport, c: Colors): string {
  const lines: string[] = [];
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  const shownName = safeText(name);
  if (report.timedOut) {
    lines.push(
      c.yellow(
        `${shownName}: processing not finished after ${seconds} s (state ${report.state ?? 'unknown'}); run \`entra-licensing wait\` again later.`,
      ),
    );
  } else {
    lines.push(`${shownName}: processing complete (${seconds} s).`);
  }
  if (report.membersWithErrors.length === 0) {
    if (!report.timedOut) lines.push(c.green('  no member in error.'));
    return lines.join('\n');
  }
  lines.push(c.red(`  ${report.membersWithErrors.length} member(s) in error:`));
  const causes = new Map<string, { error: MemberLicenseError; who: string[] }>();
  for (const member of report.membersWithErrors) {
    const who = safeText(member.userPrincipalName ?? member.displayName ?? member.userId);
    for (const error of member.errors) {
      const key = `${error.skuId}|${error.error}`;
      const cause = causes.get(key) ?? { error, who: [] };
      cause.who.push(who);
      causes.set(key, cause);
    }
  }
  for (const { error, who } of causes.values()) {
    lines.push(
      `  ${safeText(error.sku)}: ${c.red(safeText(error.error))}: ${who.map((w) => c.bold(w)).join(', ')}`,
    );
    lines.push(`      why: ${safeText(error.explanation)}`);
    lines.push(`      what to do: ${safeText(error.remediation)}`);
  }
  lines.push(
    `  after fixing the cause: entra-licensing reprocess group <group> (each member in error), or reprocess user <upn>`,
  );
  return lines.join('\n');
}

export function reportHasProblems(report: GroupProcessingReport): boolean {
  return report.timedOut || report.membersWithErrors.length > 0;
}
