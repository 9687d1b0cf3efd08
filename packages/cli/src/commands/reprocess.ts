import type { Command } from 'commander';
import { Argument } from 'commander';
import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import type { CommandDefinition } from '../command-definition.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { safeText } from '../safe-text.js';

interface Reprocessed {
  userId: string;
  userPrincipalName: string | null;
  ok: boolean;
  error?: string;
}

/**
 * `reprocess user <upn|id>`: re-runs group-based licensing for the user (Graph's reprocessLicenseAssignment).
 * `reprocess group <name|id>`: the same for each member of the group in license error (Graph has no group-level
 * reprocess), after the cause was fixed.
 */
export async function runReprocess(
  kind: string,
  ref: string,
  options: CommonOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const { output } = context;
  return withConnection(options, context, async (connection) => {
    const { service } = connection;
    let users: { userId: string; userPrincipalName: string | null }[];
    let what: string;
    if (kind === 'user') {
      users = [{ userId: ref, userPrincipalName: ref.includes('@') ? ref : null }];
      what = `user ${ref}`;
    } else {
      const { resolveGroupArgument } = await import('../targets.js');
      const found = await resolveGroupArgument(connection, ref, 'group');
      const members = await service.membersWithLicenseErrors(found.id);
      users = members.map((m) => ({ userId: m.userId, userPrincipalName: m.userPrincipalName }));
      what = `the ${users.length} member(s) of group ${ref} in license error`;
      if (users.length === 0) {
        if (options.json) output.json({ group: found.id, reprocessed: [] });
        else output.out(`group ${safeText(ref)}: no member is in license error; nothing to reprocess.`);
        return EXIT.ok;
      }
    }
    const results: Reprocessed[] = [];
    for (const user of users) {
      try {
        await service.reprocessUser(user.userId);
        results.push({ ...user, ok: true });
      } catch (error) {
        if (kind === 'user') throw error;
        results.push({ ...user, ok: false, error: safeText((error as Error).message ?? String(error)) });
      }
    }
    if (options.json) output.json({ reprocessed: results });
    else {
      for (const r of results) {
        const who = safeText(r.userPrincipalName ?? r.userId);
        output.out(r.ok ? `${who}: reprocessed` : `${who}: ${output.color.red('failed')}: ${r.error}`);
      }
      output.out(
        `Reprocessed ${what}. Group-based licensing runs again in the background: check with entra-licensing wait <group>.`,
      );
    }
    return results.every((r) => r.ok) ? EXIT.ok : EXIT.error;
  });
}

export const definition: CommandDefinition = {
  name: 'reprocess',
  description: 're-run group-based licensing for a user, or for the members of a group in license error',
  examples: `  $ entra-licensing reprocess user adele@contoso.com
  $ entra-licensing reprocess group Sales          # each member in license error`,
  declare: (command: Command) =>
    command
      .addArgument(new Argument('<kind>', 'user or group').choices(['user', 'group']))
      .argument('<ref>', 'user principal name or object id; group display name or object id'),
  run: ([kind, ref], options, context) =>
    runReprocess(kind as string, ref as string, options as CommonOptions, context),
};
