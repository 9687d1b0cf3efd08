import { createColors } from 'picocolors';
import { describe, expect, it } from 'vitest';
import { dataLossProblem, type EntryImpact, impactLines } from './member-impact.js';

// Names in the impact come from the tenant: shown escaped (safeText), in the plan lines and in the refusal.

const plain = createColors(false);
const hostile = 'mallory\u001b[2K@contoso.onmicrosoft.com';

function impactWithLosers(count: number): EntryImpact {
  const losing = Array.from({ length: count }, (_, i) => ({
    id: `id-${i}`,
    userPrincipalName: i === 0 ? hostile : `user${i}@contoso.onmicrosoft.com`,
  }));
  return {
    impact: { members: count + 1, losing: [], gaining: [] },
    dataLosses: [
      {
        servicePlanName: 'EXCHANGE_S_ENTERPRISE',
        label: 'Exchange Online (Plan 2)',
        kind: 'mailbox',
        losing,
        keeping: 1,
        keptThrough: ['directly'],
      },
    ],
    lines: [`${count + 1} members: ${count} lose Exchange Online (Plan 2) — mailbox (${hostile})`],
  };
}

describe('member impact as text', () => {
  it('the people lines escape control characters in names', () => {
    expect(impactLines(impactWithLosers(1), plain)).toEqual([
      '  people: 2 members: 1 lose Exchange Online (Plan 2) — mailbox (mallory\\e[2K@contoso.onmicrosoft.com)',
    ]);
  });

  it('the refusal names how many members and the first five, escaped', () => {
    const problem = dataLossProblem([{ targetName: 'group Sales (1)', impact: impactWithLosers(7) }]);
    expect(problem?.code).toBe('DATA_LOSS');
    expect(problem?.message).toBe(
      'refused before any write: 7 member(s) would lose a mailbox or files they hold through no other path (group Sales (1): 7 lose Exchange Online (Plan 2) — mailbox). First: mallory\\e[2K@contoso.onmicrosoft.com, user1@contoso.onmicrosoft.com, user2@contoso.onmicrosoft.com, user3@contoso.onmicrosoft.com, user4@contoso.onmicrosoft.com, … (2 more). Nothing was written. Give them the plan through another group or directly first, or run again with --allow-data-loss.',
    );
  });

  it('a change that takes no data from anybody is no refusal', () => {
    const kept = impactWithLosers(0);
    expect(dataLossProblem([{ targetName: 'group Sales (1)', impact: kept }])).toBeUndefined();
    expect(dataLossProblem([{ targetName: 'group Sales (1)', impact: undefined }])).toBeUndefined();
  });
});
