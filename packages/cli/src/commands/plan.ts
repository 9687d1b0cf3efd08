import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import { loadDesiredFile } from '../desired-file.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { planFile } from '../plan-file.js';
import { filePlanJson, renderFilePlan } from '../plan-output.js';
import { createProgress } from '../progress.js';

export interface PlanOptions extends CommonOptions {
  detailedExitcode?: boolean;
}

/** `plan <file>`: what `apply` would change; sends no write. */
export async function runPlan(
  path: string,
  options: PlanOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const file = loadDesiredFile(path);
  const { output } = context;
  return withConnection(options, context, async (connection) => {
    const plan = await planFile(file, connection, await createProgress(output, 'planning'));
    if (options.json) output.json(filePlanJson(plan));
    else output.out(renderFilePlan(plan, output.color));
    return options.detailedExitcode && plan.summary.changed > 0 ? EXIT.changes : EXIT.ok;
  });
}
