import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { mapLimit } from '../map-limit.js';
import { CliError } from '../problems.js';

/** How many reprocess calls are in flight at once (Graph's per-app write limits keep the rest waiting). */
const IN_FLIGHT = 4;

interface Outcome {
  user: string;
  ok: boolean;
  error?: string;
}

/**
 * `reprocess <user...>`: asks Entra to evaluate each user's group-based licenses again (after a cause is fixed).
 * Any number of users (no 20-user cap); one failure neither hides nor stops the others.
 */
export async function runReprocess(
  users: readonly string[],
  options: CommonOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const { output } = context;
  const { isUserId } = await import('@entra-licensing/graph-client');
  const bad = users.flatMap((u, i) => (isUserId(u) ? [] : [{ u, i }]));
  if (bad.length > 0) {
    throw new CliError(
      bad.map(({ u, i }) => ({
        code: 'INVALID_USER',
        field: `user[${i}]`,
        value: u,
        message: `"${u}" is neither a user object id (GUID) nor a user principal name.`,
      })),
    );
  }
  return withConnection(options, context, async ({ service }) => {
    const outcomes = await mapLimit(users, IN_FLIGHT, async (user): Promise<Outcome> => {
      try {
        await service.reprocessUser(user);
        return { user, ok: true };
      } catch (error) {
        return { user, ok: false, error: (error as Error).message };
      }
    });
    if (options.json) output.json(outcomes);
    else {
      for (const o of outcomes) {
        output.out(
          o.ok
            ? `${output.color.green('✓')} ${o.user} reprocessed`
            : `${output.color.red('✗')} ${o.user}: ${o.error}`,
        );
      }
    }
    return outcomes.every((o) => o.ok) ? EXIT.ok : EXIT.error;
  });
}
