import type { GroupProcessingReport } from '@entra-licensing/licensing';
import type { Colors } from './output.js';

/** A group's processing report: the state, then each member in error with the reason and what to do. */
export function renderProcessingReport(name: string, report: GroupProcessingReport, c: Colors): string {
  const lines: string[] = [];
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  if (report.timedOut) {
    lines.push(
      c.yellow(
        `${name}: processing not finished after ${seconds} s (state ${report.state ?? 'unknown'}); run \`entra-licensing wait\` again later.`,
      ),
    );
  } else {
    lines.push(`${name}: processing complete (${seconds} s).`);
  }
  if (report.membersWithErrors.length === 0) {
    if (!report.timedOut) lines.push(c.green('  no member in error.'));
    return lines.join('\n');
  }
  lines.push(c.red(`  ${report.membersWithErrors.length} member(s) in error:`));
  for (const member of report.membersWithErrors) {
    const who = member.userPrincipalName ?? member.displayName ?? member.userId;
    for (const error of member.errors) {
      lines.push(`  ${c.bold(who)}: ${error.sku}: ${c.red(error.error)}`);
      lines.push(`      why: ${error.explanation}`);
      lines.push(`      what to do: ${error.remediation}`);
    }
  }
  return lines.join('\n');
}

export function reportHasProblems(report: GroupProcessingReport): boolean {
  return report.timedOut || report.membersWithErrors.length > 0;
}
