import type { UserExplanation } from '@entra-licensing/licensing';
import type { Command } from 'commander';
import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import type { CommandDefinition } from '../command-definition.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Colors } from '../output.js';
import { CliError } from '../problems.js';

/** What `explain` can explain (only users for now). */
export const EXPLAIN_KINDS = ['user'] as const;

/** A user's licenses as text: each SKU, each path (direct or group) with its state, then each plan and its grantors. */
export function renderExplanation(explained: UserExplanation, c: Colors): string {
  const lines = [c.bold(`${explained.user.userPrincipalName ?? explained.user.id} (${explained.user.id})`)];
  if (explained.skus.length === 0) lines.push('  no license by any path');
  for (const sku of explained.skus) {
    lines.push('', `  ${c.bold(sku.skuPartNumber)} (${sku.skuId})`);
    for (const path of sku.paths) {
      const via = path.kind === 'direct' ? 'direct' : `group ${path.groupName ?? path.groupId}`;
      const state = `${path.state ?? 'unknown'}${path.error && path.error !== 'None' ? `, ${path.error}` : ''}`;
      const off = path.disabledPlans.length > 0 ? `; off: ${path.disabledPlans.join(', ')}` : '';
      const line = `    via ${via} [${state}]${off}`;
      lines.push(path.error && path.error !== 'None' ? c.red(line) : line);
    }
    for (const plan of sku.plans) {
      const by = plan.grantedBy
        .map((g) => (g.kind === 'direct' ? 'direct' : (g.groupName ?? g.groupId)))
        .join(', ');
      lines.push(
        plan.enabled
          ? `    + ${plan.servicePlanName}  ← ${by}`
          : c.dim(`    - ${plan.servicePlanName}  (off on every path)`),
      );
    }
  }
  return lines.join('\n');
}

/** `explain user <upn|id>`: every SKU and plan of a user, enabled or not, and every path granting it. */
export async function runExplain(
  kind: string,
  ref: string,
  options: CommonOptions,
  context: CommandContext,
): Promise<ExitCode> {
  if (!(EXPLAIN_KINDS as readonly string[]).includes(kind)) {
    throw new CliError({
      code: 'INVALID_INPUT',
      field: 'kind',
      value: kind,
      message: `explain ${JSON.stringify(kind)}: only "user" can be explained (entra-licensing explain user <upn|id>).`,
    });
  }
  const { output } = context;
  return withConnection(options, context, async ({ service }) => {
    const explained = await service.explainUser(ref);
    if (options.json) output.json(explained);
    else output.out(renderExplanation(explained, output.color));
    return EXIT.ok;
  });
}

export const definition: CommandDefinition = {
  name: 'explain',
  description:
    'every SKU and service plan of a user, enabled or not, and every path (direct, group) granting it',
  examples: `  $ entra-licensing explain user adele@contoso.com
  $ entra-licensing explain user adele@contoso.com --json`,
  declare: (command: Command) =>
    command.argument('<kind>', 'user').argument('<ref>', 'user principal name or object id'),
  run: ([kind, ref], options, context) =>
    runExplain(kind as string, ref as string, options as Parameters<typeof runExplain>[2], context),
};
