import type { CommandContext, CommonOptions } from '../command-context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { withFilePlan } from '../plan-file.js';
import { filePlanJson, renderFilePlan } from '../plan-output.js';

export interface PlanOptions extends CommonOptions {
  detailedExitcode?: boolean;
}

/** `plan <file>`: what `apply` would change; sends no write. */
export async function runPlan(
  path: string,
  options: PlanOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const { output } = context;
  return withFilePlan(path, options, context, async (plan) => {
    if (options.json) output.json(filePlanJson(plan));
    else output.out(renderFilePlan(plan, output.color));
    return options.detailedExitcode && plan.summary.changed > 0 ? EXIT.changes : EXIT.ok;
  });
}
