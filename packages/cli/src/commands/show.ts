import type { Command } from 'commander';
import type { CommandContext, CommonOptions } from '../command-context.js';
import type { CommandDefinition } from '../command-definition.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { renderFilePlan, savedPlanJson } from '../plan-output.js';
import { CliError } from '../problems.js';
import { fromSavedPlan, readSavedPlan } from '../saved-plan.js';

/** `show <saved plan>`: prints a saved plan (human or `--json`) without signing in. */
export async function runShow(
  path: string,
  options: CommonOptions,
  context: CommandContext,
): Promise<ExitCode> {
  let saved: ReturnType<typeof readSavedPlan>;
  try {
    saved = readSavedPlan(path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError({
      code: 'FILE_NOT_READABLE',
      field: 'file',
      value: path,
      message: `cannot read ${path} (${(error as { code?: string }).code ?? 'error'}).`,
    });
  }
  if (options.json) context.output.json(savedPlanJson(saved));
  else {
    context.output.out(
      `Saved plan of ${saved.file}, made ${saved.createdAt} for tenant ${saved.tenant} at ${saved.graphOrigin}:`,
    );
    context.output.out(renderFilePlan(fromSavedPlan(saved), context.output.color));
  }
  return EXIT.ok;
}

export const definition: CommandDefinition = {
  name: 'show',
  description: 'print a saved plan (plan --out), as text or --json; signs in to nothing',
  examples: `  $ entra-licensing show plan.json
  $ entra-licensing show plan.json --json | jq '.targets[] | select(.hasChanges)'`,
  declare: (command: Command) => command.argument('<plan>', 'a plan saved by plan --out'),
  run: ([file], options, context) => runShow(file as string, options as CommonOptions, context),
};
