import { LicensingError } from '../licensing-error.js';
import type { DataLoss } from './impact.js';

/** A change's data losses, named for messages (`group Sales (1132…)`). */
export interface ChangeLosses {
  targetName: string;
  losses: readonly DataLoss[];
}

/**
 * The guard on people: a change that takes a data-bearing plan (mailbox, SharePoint / OneDrive storage) from members
 * who keep it through no other path is refused unless `allowDataLoss`. A change that takes nothing from anybody is
 * never refused. Returns the refusal (naming how many members and the first of them), or undefined.
 */
export function dataLossRefusal(
  changes: readonly ChangeLosses[],
  allowDataLoss: boolean,
  first = 5,
): LicensingError | undefined {
  if (allowDataLoss) return undefined;
  const members = new Map<string, string>();
  const parts: string[] = [];
  for (const change of changes) {
    const hit = change.losses.filter((l) => l.losing.length > 0);
    if (hit.length === 0) continue;
    for (const loss of hit) for (const m of loss.losing) members.set(m.id, m.userPrincipalName ?? m.id);
    parts.push(
      `${change.targetName}: ${hit.map((l) => `${l.losing.length} lose ${l.label} — ${l.kind}`).join(', ')}`,
    );
  }
  if (members.size === 0) return undefined;
  const names = [...members.values()];
  const shown =
    names.slice(0, first).join(', ') + (names.length > first ? `, … (${names.length - first} more)` : '');
  return new LicensingError({
    code: 'DATA_LOSS',
    field: 'allowDataLoss',
    value: false,
    message: `Refused before any write: ${names.length} member${names.length === 1 ? '' : 's'} would lose a mailbox or files they hold through no other path (${parts.join('; ')}). First: ${shown}. Give them the plan through another group or directly first, or allow it explicitly (allowDataLoss: true; CLI --allow-data-loss).`,
  });
}
