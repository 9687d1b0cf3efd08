import type { Command } from 'commander';
import type { CommandContext, CommonOptions } from '../command-context.js';
import type { CommandDefinition } from '../command-definition.js';
import { checkWritableDestination } from '../destination.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { FilePlan } from '../plan-file.js';
import { filePlanJson, renderFilePlan } from '../plan-output.js';
import { toSavedPlan, writeSavedPlan } from '../saved-plan.js';
import { outputOption, renderTable, type TableFormat } from '../tables.js';

export interface PlanOptions extends CommonOptions {
  detailedExitcode?: boolean;
  out?: string;
  output?: TableFormat;
}

/** The plan as rows: one per SKU change (unchanged and kept SKUs left out). */
export function planRows(plan: FilePlan): string[][] {
  const rows = [['entry', 'target', 'action', 'sku', 'plans disabled', 'plans enabled']];
  for (const e of plan.entries) {
    for (const c of e.plan.changes) {
      if (c.action === 'unchanged' || c.action === 'kept') continue;
      rows.push([
        e.entry.field,
        e.targetName,
        c.action,
        c.sku,
        c.plansDisabled.map((p) => p.label).join('; '),
        c.plansEnabled.map((p) => p.label).join('; '),
      ]);
    }
  }
  return rows;
}

/** `plan <file>`: what `apply` would change; sends no write. With `--out`, saves it for `apply <saved plan>`. */
export async function runPlan(
  path: string,
  options: PlanOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const { output } = context;
  if (options.out) checkWritableDestination(options.out, '--out');
  const { withFilePlan } = await import('../plan-file.js');
  return withFilePlan(path, options, context, async (plan, connection) => {
    if (options.json) output.json(filePlanJson(plan));
    else if (options.output) output.out(renderTable(planRows(plan), options.output));
    else output.out(renderFilePlan(plan, output.color));
    if (options.out) {
      writeSavedPlan(
        options.out,
        toSavedPlan(plan, { graphOrigin: connection.client.graphOrigin, tenant: connection.tenant }),
      );
      if (!options.json)
        output.err(
          `Saved this plan to ${options.out}. To make exactly these changes: entra-licensing apply ${options.out}`,
        );
    }
    return options.detailedExitcode && plan.summary.changed > 0 ? EXIT.changes : EXIT.ok;
  });
}

export const definition: CommandDefinition = {
  name: 'plan',
  description: 'show what apply would change, as a diff; sends no write; --out saves it for apply',
  examples: `  $ entra-licensing plan licenses.yaml
  $ entra-licensing plan licenses.yaml --out plan.json        # then: entra-licensing apply plan.json
  $ entra-licensing plan licenses.yaml --detailed-exitcode   # 0 no changes, 2 changes, 1 error
  $ entra-licensing plan licenses.yaml --json > plan.json`,
  declare: (command: Command) =>
    command
      .argument('<file>', 'the desired licenses (YAML or JSON)')
      .option(
        '--out <file>',
        'save the plan (the exact changes and the state they were computed from) for apply',
      )
      .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
      .addOption(outputOption()),
  run: ([file], options, context) => runPlan(file as string, options as PlanOptions, context),
};
