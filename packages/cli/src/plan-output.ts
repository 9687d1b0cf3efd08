import type { Colors } from './output.js';
import type { FilePlan } from './plan-file.js';

function colorLine(line: string, c: Colors): string {
  if (line.startsWith('  + ')) return c.green(line);
  if (line.startsWith('  - ')) return c.red(line);
  if (line.startsWith('  ~ ')) return c.yellow(line);
  if (line.startsWith('  ! ')) return c.yellow(line);
  if (line.startsWith('      - ')) return c.red(line);
  if (line.startsWith('      + ')) return c.green(line);
  if (line.startsWith('License plan for ')) return c.bold(line);
  return line;
}

/** The plan of a whole file, terraform style: each target with changes in full, the others on one line. */
export function renderFilePlan(plan: FilePlan, c: Colors): string {
  const lines: string[] = [];
  for (const { entry, result } of plan.entries) {
    if (!result.planJson.hasChanges) {
      lines.push(c.dim(`${result.targetName}: no changes (${entry.field})`));
      continue;
    }
    lines.push('');
    for (const line of result.planText.split('\n')) {
      if (line.startsWith('Plan: ')) continue;
      lines.push(colorLine(line, c));
    }
    for (const warning of result.warnings) {
      if (!result.planText.includes(warning.message)) lines.push(c.yellow(`  ! ${warning.message}`));
    }
  }
  for (const { result } of plan.entries) {
    if (result.planJson.hasChanges) continue;
    for (const warning of result.warnings)
      lines.push(c.yellow(`  ! ${result.targetName}: ${warning.message}`));
  }
  lines.push('');
  const { add, update, remove, changed, targets } = plan.summary;
  lines.push(
    changed === 0
      ? c.bold(`No changes. ${targets} target(s) already match ${plan.file}.`)
      : c.bold(
          `Plan: ${add} to add, ${update} to change, ${remove} to remove, on ${changed} of ${targets} target(s).`,
        ),
  );
  return lines.join('\n');
}

/** The plan for `--json`: per target the plan in names and the raw body. */
export function filePlanJson(plan: FilePlan) {
  return {
    file: plan.file,
    hasChanges: plan.summary.changed > 0,
    summary: plan.summary,
    targets: plan.entries.map(({ entry, target, result }) => ({
      entry: entry.field,
      ref: entry.ref,
      target,
      targetName: result.targetName,
      exclusive: entry.exclusive,
      hasChanges: result.planJson.hasChanges,
      plan: result.planJson,
      warnings: result.warnings,
    })),
  };
}
