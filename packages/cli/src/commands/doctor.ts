import type { DoctorReport, PermissionRequirement, ResolvedSku } from '@entra-licensing/licensing';
import type { Command } from 'commander';
import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import type { CommandDefinition } from '../command-definition.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Colors } from '../output.js';

type Claims = { roles?: unknown; scp?: unknown };

/** The claims of a bearer token (its payload, base64url JSON). Only `roles` and `scp` are kept. */
export function tokenClaims(authorization: string | null): Claims | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    return { roles: claims.roles, scp: claims.scp };
  } catch {
    return undefined;
  }
}

function requirementText(r: PermissionRequirement): string {
  const alternatives = r.alternatives.map((a) => a.join(' + ')).join(', ');
  return `${r.least.join(' + ')}${alternatives ? ` (or ${alternatives})` : ''} — to ${r.action}`;
}

export function renderDoctor(report: DoctorReport, c: Colors): string {
  const lines: string[] = [];
  lines.push(
    c.bold(
      `Token: ${report.tokenKind === 'application' ? 'application (roles)' : report.tokenKind === 'delegated' ? 'delegated (scopes)' : 'no roles or scopes found'}`,
    ),
    `Granted: ${report.granted.length > 0 ? report.granted.join(', ') : '(none)'}`,
    '',
  );
  for (const surface of ['command', 'node'] as const) {
    lines.push(c.bold(surface === 'command' ? 'Commands' : 'n8n node operations'));
    for (const cap of report.capabilities.filter((x) => x.surface === surface)) {
      if (cap.allowed) {
        lines.push(`  ${c.green('✓')} ${cap.name}`);
        continue;
      }
      lines.push(`  ${c.red('✗')} ${cap.name}: needs`);
      for (const m of cap.missing) lines.push(`      ${requirementText(m)}`);
    }
    lines.push('');
  }
  lines.push(c.bold('Tenant'));
  for (const f of report.features)
    lines.push(`  ${f.available ? c.green('✓') : c.yellow('!')} ${f.feature}: ${f.message}`);
  return lines.join('\n');
}

/**
 * `doctor`: reads the roles (app) or scopes (user) of the token this sign-in gets, and says which commands and node
 * operations it can run and what each missing one needs, least privileged first; then what the tenant's SKUs allow.
 * Sends one request (the SKU list); the token itself is never printed.
 */
export async function runDoctor(options: CommonOptions, context: CommandContext): Promise<ExitCode> {
  const { output } = context;
  let claims: Claims | undefined;
  context.run.observeRequests((headers) => {
    claims ??= tokenClaims(headers.get('authorization'));
  });
  return withConnection(options, context, async ({ service }) => {
    const { checkCapabilities } = await import('@entra-licensing/licensing');
    let skus: readonly ResolvedSku[] = [];
    let skusRefused: string | undefined;
    try {
      skus = await service.listSkus();
    } catch (error) {
      skusRefused = (error as Error).message;
    }
    const report = checkCapabilities(
      claims ?? {},
      skus.map((s) => ({
        skuPartNumber: s.skuPartNumber,
        prepaidUnits: { enabled: s.seats?.enabled ?? 0 },
        servicePlans: s.servicePlans.map((p) => ({
          servicePlanId: p.servicePlanId,
          servicePlanName: p.servicePlanName,
        })),
      })),
    );
    if (skusRefused) {
      for (const f of report.features) {
        f.available = false;
        f.message = `unknown: the SKU list could not be read (${skusRefused})`;
      }
    }
    if (options.json) output.json(report);
    else output.out(renderDoctor(report, output.color));
    return EXIT.ok;
  });
}

export const definition: CommandDefinition = {
  name: 'doctor',
  description: "which commands and node operations this sign-in can run, and what the tenant's SKUs allow",
  examples: `  $ entra-licensing doctor
  $ entra-licensing doctor --json | jq '.capabilities[] | select(.allowed | not) | .name'`,
  declare: (command: Command) => command,
  run: (_args, options, context) => runDoctor(options as CommonOptions, context),
};
