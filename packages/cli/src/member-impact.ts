import type { DataLoss, LicensePlanJson, LicenseTarget, MemberImpact } from '@entra-licensing/licensing';
import type { Colors } from './output.js';
import type { Problem } from './problems.js';
import { safeText } from './safe-text.js';
import type { Connection } from './sign-in.js';

/** What one target's change does to the people it reaches, as the licensing service computed it. */
export interface EntryImpact {
  /** The `plan --json` contract: `{ members, losing: [...], gaining: [...] }`. */
  impact: MemberImpact;
  /** The data-bearing plans the change takes, who loses them and who keeps them through another path. */
  dataLosses: DataLoss[];
  /** The library's human lines ("14 members: 3 lose Exchange Online (Plan 2) — mailbox; 11 keep it …"). */
  lines: string[];
}

/** How many members the refusal names. */
const FIRST = 5;

/**
 * The member-level impact of every entry that changes something, in one call of the service (it reads the
 * members of the changed targets once, with `$batch`). Entries without changes are left out.
 */
export async function impactsOf(
  entries: readonly { target: LicenseTarget; targetName: string; plan: LicensePlanJson }[],
  connection: Connection,
): Promise<EntryImpact[]> {
  if (entries.length === 0) return [];
  const impacts = await connection.service.impactOf(
    entries.map((e) => ({ target: e.target, targetName: e.targetName, plan: e.plan })),
  );
  return impacts.map((i) => ({ impact: i.impact, dataLosses: i.dataLosses, lines: i.lines }));
}

/** The impact lines under a target's changes, tenant text escaped. */
export function impactLines(impact: EntryImpact | undefined, c: Colors): string[] {
  if (!impact) return [];
  // the library's lines start with one line per data-bearing plan taken, in the order of `dataLosses`
  return impact.lines.map((line, i) => {
    const text = `  people: ${safeText(line)}`;
    return (impact.dataLosses[i]?.losing.length ?? 0) > 0 ? c.red(text) : text;
  });
}

/**
 * The guard on people, for the whole run: a change that takes a data-bearing plan (mailbox, SharePoint / OneDrive
 * storage) from members who keep it through no other path is refused, unless `--allow-data-loss`. A change that
 * takes nothing from anybody never is. The problem names how many members and the first of them.
 */
export function dataLossProblem(
  changes: readonly { targetName: string; impact?: EntryImpact | undefined }[],
): Problem | undefined {
  const members = new Map<string, string>();
  const parts: string[] = [];
  for (const change of changes) {
    const hit = (change.impact?.dataLosses ?? []).filter((l) => l.losing.length > 0);
    if (hit.length === 0) continue;
    for (const loss of hit) for (const m of loss.losing) members.set(m.id, m.userPrincipalName ?? m.id);
    parts.push(
      `${safeText(change.targetName)}: ${hit.map((l) => `${l.losing.length} lose ${safeText(l.label)} — ${l.kind}`).join(', ')}`,
    );
  }
  if (members.size === 0) return undefined;
  const names = [...members.values()].map(safeText);
  const first =
    names.slice(0, FIRST).join(', ') + (names.length > FIRST ? `, … (${names.length - FIRST} more)` : '');
  return {
    code: 'DATA_LOSS',
    field: '--allow-data-loss',
    value: false,
    message: `refused before any write: ${names.length} member(s) would lose a mailbox or files they hold through no other path (${parts.join('; ')}). First: ${first}. Nothing was written. Give them the plan through another group or directly first, or run again with --allow-data-loss.`,
  };
}
