import type { Command } from 'commander';
import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import type { CommandDefinition } from '../command-definition.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { renderProcessingReport, reportHasProblems } from '../processing-output.js';
import { safeText } from '../safe-text.js';

export type WaitCommandOptions = CommonOptions;

/** `wait <group>`: waits for the group's license processing, then lists the members in error. */
export async function runWait(
  group: string,
  options: WaitCommandOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const { output } = context;
  return withConnection(options, context, async (connection) => {
    const { service } = connection;
    const { resolveGroupArgument } = await import('../targets.js');
    const found = await resolveGroupArgument(connection, group, 'group');
    const current = await service.getGroupLicenses(found.id);
    if (current.processingState === null && current.licenses.length === 0) {
      // Never licensed: Graph reports no processing state, and none will come (waiting would only time out).
      const name = safeText(`group ${current.displayName ?? group} (${found.id})`);
      if (options.json) output.json({ groupId: found.id, state: null, licenses: 0, membersWithErrors: [] });
      else output.out(`${name}: holds no licenses; there is no license processing to wait for.`);
      return EXIT.ok;
    }
    if (!options.json)
      output.err(`waiting for license processing of group ${safeText(found.displayName ?? group)}…`);
    const report = await service.waitForGroupProcessing(found.id, {
      timeoutMs: context.run.remainingMs(600_000),
    });
    if (options.json) output.json(report);
    else
      output.out(
        renderProcessingReport(`group ${found.displayName ?? group} (${found.id})`, report, output.color),
      );
    return reportHasProblems(report) ? EXIT.membersInError : EXIT.ok;
  });
}

export const definition: CommandDefinition = {
  name: 'wait',
  description: "wait for a group's license processing, then list the members in error",
  examples: `  $ entra-licensing wait Sales
  $ entra-licensing wait 1132b215-826f-42a9-8cfe-1643d19d17fd --timeout 900 --json`,
  declare: (command: Command) => command.argument('<group>', 'display name or object id'),
  run: ([group], options, context) => runWait(group as string, options as WaitCommandOptions, context),
};
