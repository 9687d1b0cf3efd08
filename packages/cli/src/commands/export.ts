import { writeFileSync } from 'node:fs';
import type { DesiredStateDocument, LicenseTarget, ResolvedSku } from '@entra-licensing/licensing';
import type { Command } from 'commander';
import { Option } from 'commander';
import { type CommandContext, type CommonOptions, withConnection } from '../command-context.js';
import type { CommandDefinition } from '../command-definition.js';
import { checkWritableDestination } from '../destination.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { MAX_FILE_BYTES, SCHEMA_URL } from '../file-format.js';
import { CliError } from '../problems.js';
import { createProgress } from '../progress.js';
import type { Connection } from '../sign-in.js';
import { outputOption, renderTable, type TableFormat } from '../tables.js';

export interface ExportOptions extends CommonOptions {
  output?: TableFormat;
  users?: boolean;
  out?: string;
  format?: string;
}

interface ExportedLicense {
  sku: string;
  disabledPlans: string[];
}

interface ExportedFile {
  $schema: string;
  groups: { group: string; licenses: ExportedLicense[] }[];
  users?: { user: string; licenses: ExportedLicense[] }[];
}

const CONCURRENCY = 4;

/** The names to write: the product name when it resolves back to the same SKU, else the part number (or id). */
function namer(
  connection: Connection,
  skus: readonly ResolvedSku[],
  resolveServicePlan: typeof import('@entra-licensing/licensing').resolveServicePlan,
) {
  const productName = new Map<string, Promise<string>>();
  const skuOf = (ref: string) => skus.find((s) => s.skuPartNumber === ref || s.skuId === ref);
  const nameSku = (ref: string, sku: ResolvedSku): Promise<string> => {
    let pending = productName.get(sku.skuId);
    if (!pending) {
      pending = connection.service
        .getSku(sku.displayName)
        .then((back) => (back.skuId === sku.skuId ? sku.displayName : ref))
        .catch(() => ref);
      productName.set(sku.skuId, pending);
    }
    return pending;
  };
  const namePlan = (sku: ResolvedSku, planName: string): string => {
    const plan = sku.servicePlans.find((p) => p.servicePlanName === planName || p.servicePlanId === planName);
    if (!plan) return planName;
    try {
      return resolveServicePlan(sku, plan.friendlyName).servicePlanId === plan.servicePlanId
        ? plan.friendlyName
        : plan.servicePlanName;
    } catch {
      return plan.servicePlanName;
    }
  };
  return async (licenses: DesiredStateDocument['licenses']): Promise<ExportedLicense[]> => {
    const named = await Promise.all(
      licenses.map(async (l) => {
        const sku = skuOf(l.sku);
        if (!sku) return { sku: l.sku, disabledPlans: [...l.disabledPlans] };
        return {
          sku: await nameSku(l.sku, sku),
          disabledPlans: l.disabledPlans.map((p) => namePlan(sku, p)).sort((a, b) => a.localeCompare(b)),
        };
      }),
    );
    return named.sort((a, b) => a.sku.localeCompare(b.sku));
  };
}

/** Reads every group (and with `--users` every user with direct licenses) holding one of the tenant's SKUs. */
async function readExport(
  connection: Connection,
  options: ExportOptions,
  context: CommandContext,
): Promise<ExportedFile> {
  const { service } = connection;
  const { mapLimit, resolveServicePlan } = await import('@entra-licensing/licensing');
  const skus = await service.listSkus();
  const progress = await createProgress(context.output, 'reading holders');
  progress.start(skus.length);
  const holders = await mapLimit(skus, CONCURRENCY, async (sku) => {
    try {
      return await service.listSkuHolders(sku.skuId);
    } finally {
      progress.tick(sku.skuPartNumber);
    }
  });
  progress.stop();
  const groups = new Map<string, string | null>();
  const users = new Map<string, string | null>();
  for (const h of holders) {
    for (const g of h.groups) groups.set(g.id, g.displayName);
    if (options.users) for (const u of h.users) if (u.direct) users.set(u.id, u.userPrincipalName);
  }
  const targets: { target: LicenseTarget; name: string | null }[] = [
    ...[...groups].map(([id, name]) => ({ target: { kind: 'group', id } as LicenseTarget, name })),
    ...[...users].map(([id, name]) => ({ target: { kind: 'user', id } as LicenseTarget, name })),
  ];
  const names = namer(connection, skus, resolveServicePlan);
  const reading = await createProgress(context.output, 'reading licenses');
  reading.start(targets.length);
  const docs = await mapLimit(targets, CONCURRENCY, async ({ target, name }) => {
    try {
      const doc = await service.exportLicenses(target);
      let ref = target.id;
      if (target.kind === 'user') ref = name ?? target.id;
      else if (name) {
        // A display name only when it names this group alone (else the id, so that plan finds the same group).
        const back = await service.resolveTarget('group', name).catch(() => undefined);
        if (back && back.id.toLowerCase() === target.id.toLowerCase()) ref = name;
      }
      return { kind: target.kind, ref, licenses: await names(doc.licenses) };
    } finally {
      reading.tick(`${target.kind} ${name ?? target.id}`);
    }
  });
  reading.stop();
  const byRef = (a: { ref: string }, b: { ref: string }) => a.ref.localeCompare(b.ref);
  const file: ExportedFile = {
    $schema: SCHEMA_URL,
    groups: docs
      .filter((d) => d.kind === 'group' && d.licenses.length > 0)
      .sort(byRef)
      .map((d) => ({ group: d.ref, licenses: d.licenses })),
  };
  if (options.users) {
    file.users = docs
      .filter((d) => d.kind === 'user' && d.licenses.length > 0)
      .sort(byRef)
      .map((d) => ({ user: d.ref, licenses: d.licenses }));
  }
  return file;
}

function formatOf(options: ExportOptions): 'yaml' | 'json' {
  if (options.json && options.format === 'yaml' && !options.out) {
    throw new CliError({
      code: 'CONFLICTING_OPTIONS',
      field: '--format',
      value: 'yaml',
      message:
        'conflicts with --json without --out: stdout can carry the YAML file or JSON, not both. Drop one, or add --out <file> (then --json prints a summary).',
    });
  }
  if (options.format !== undefined) {
    if (options.format !== 'yaml' && options.format !== 'json') {
      throw new CliError({
        code: 'INVALID_OPTION',
        field: '--format',
        value: options.format,
        message: 'must be yaml or json.',
      });
    }
    return options.format;
  }
  if (options.json) return 'json';
  return options.out && /\.json$/i.test(options.out) ? 'json' : 'yaml';
}

/** `export`: the tenant's group (and with `--users` direct user) licenses as a file, by product and plan names. */
export async function runExport(options: ExportOptions, context: CommandContext): Promise<ExitCode> {
  const format = formatOf(options);
  if (options.out) checkWritableDestination(options.out, '--out');
  const { output } = context;
  return withConnection(options, context, async (connection) => {
    const file = await readExport(connection, options, context);
    let text: string;
    if (format === 'json') text = `${JSON.stringify(file, null, 2)}\n`;
    else {
      const { Document } = await import('yaml');
      const doc = new Document(file);
      doc.commentBefore =
        ` Licenses as code, exported by entra-licensing from ${connection.describe}.\n` +
        ' A SKU a group holds that is not listed here is left alone unless the entry says exclusive: true.\n' +
        ' Check with: entra-licensing plan <this file>';
      text = doc.toString({ lineWidth: 0 });
    }
    if (options.output) {
      const rows = [['kind', 'target', 'sku', 'disabledPlans']];
      for (const [kind, list] of [
        ['group', file.groups.map((g) => ({ ref: g.group, licenses: g.licenses }))],
        ['user', (file.users ?? []).map((u) => ({ ref: u.user, licenses: u.licenses }))],
      ] as const) {
        for (const t of list)
          for (const l of t.licenses) rows.push([kind, t.ref, l.sku, l.disabledPlans.join('; ')]);
      }
      text = `${renderTable(rows, options.output)}\n`;
    }
    if (Buffer.byteLength(text) > MAX_FILE_BYTES && !options.output) {
      throw new CliError({
        code: 'EXPORT_TOO_LARGE',
        field: '--out',
        value: options.out ?? '(stdout)',
        message: `the export is ${Buffer.byteLength(text)} bytes, more than the ${MAX_FILE_BYTES} bytes plan reads; nothing was written. Export part of the tenant's licenses by hand, or split the file.`,
      });
    }
    const counts = `${file.groups.length} group(s)${file.users ? `, ${file.users.length} user(s)` : ''}`;
    if (options.out) {
      writeFileSync(options.out, text);
      if (options.json)
        output.json({ file: options.out, groups: file.groups.length, users: file.users?.length ?? 0 });
      else output.err(`Wrote ${counts} to ${options.out}.`);
    } else {
      context.output.streams.stdout.write(output.redact(text));
      if (!options.json) output.err(output.errColor.dim(`Exported ${counts}.`));
    }
    return EXIT.ok;
  });
}

export const definition: CommandDefinition = {
  name: 'export',
  description: "write the tenant's group licenses (and with --users direct user licenses) as a file",
  examples: `  $ entra-licensing export > licenses.yaml
  $ entra-licensing export --users --out licenses.yaml
  $ entra-licensing export --users --output csv > licenses.csv
  $ entra-licensing export --emulator            # try it on the embedded emulator`,
  declare: (command: Command) =>
    command
      .option('--users', 'also export direct user licenses')
      .option('-o, --out <file>', 'write to this file (default: stdout)')
      .addOption(
        new Option('--format <format>', 'file format (default: from --out, else yaml)').choices([
          'yaml',
          'json',
        ]),
      )
      .addOption(outputOption()),
  run: (_args, options, context) => runExport(options as ExportOptions, context),
};
