import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { lookUpGroup } from '../group-names.js';
import { CliError } from '../problems.js';
import { renderProcessingReport, reportHasProblems } from '../processing-output.js';

export interface WaitCommandOptions extends CommonOptions {
  timeout?: number;
}

/** `wait <group>`: waits for the group's license processing, then lists the members in error. */
export async function runWait(
  group: string,
  options: WaitCommandOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const { output } = context;
  return withConnection(options, context, async ({ client, service }) => {
    const found = await lookUpGroup(client, group);
    if (!found.found) {
      throw new CliError({
        code: found.code,
        field: 'group',
        value: group,
        message: found.message,
        suggestions: found.suggestions,
      });
    }
    const current = await service.getGroupLicenses(found.id);
    if (current.processingState === null && current.licenses.length === 0) {
      // Never licensed: Graph reports no processing state, and none will come (waiting would only time out).
      const name = `group ${current.displayName ?? group} (${found.id})`;
      if (options.json) output.json({ groupId: found.id, state: null, licenses: 0, membersWithErrors: [] });
      else output.out(`${name}: holds no licenses; there is no license processing to wait for.`);
      return EXIT.ok;
    }
    if (!options.json) output.err(`waiting for license processing of group ${found.displayName ?? group}…`);
    const report = await service.waitForGroupProcessing(found.id, {
      timeoutMs: (options.timeout ?? 600) * 1000,
    });
    if (options.json) output.json(report);
    else
      output.out(
        renderProcessingReport(`group ${found.displayName ?? group} (${found.id})`, report, output.color),
      );
    return reportHasProblems(report) ? EXIT.membersInError : EXIT.ok;
  });
}
