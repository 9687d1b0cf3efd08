import { afterEach, describe, expect, it } from 'vitest';
import { cuttingFetch } from '../test-support/cutting-fetch.js';
import { type EmulatorHarness, seedIds, startHarness } from '../test-support/emulator.js';

const users = seedIds.users as unknown as Record<string, string>;
const people = ['adele', 'alex', 'allan', 'christie', 'debra', 'diego'].map((k) => users[k] ?? '');
let h: EmulatorHarness | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

const assignWrites = (harness: EmulatorHarness) =>
  harness.emulator.requests().filter((r) => r.write && r.path.endsWith('/assignLicense'));

describe('verify stage: after an ambiguous answer, look before writing again', () => {
  it('a write whose answer was lost is found applied on re-read, takes its seat, and is not sent twice', async () => {
    const cutting = cuttingFetch(
      (url, body) => url.endsWith('/$batch') && body.includes('/assignLicense'),
      1,
    );
    h = await startHarness({}, 'licensingAdmin', { fetch: cutting.fetch });
    const first = await h.service.assign({ kind: 'user', id: people[0] ?? '' }, ['AAD_PREMIUM_P2']);
    expect([cutting.state.cut, first.status]).toEqual([1, 'applied']);
    expect(assignWrites(h)).toHaveLength(1);
    for (const id of people.slice(1, 5)) await h.service.assign({ kind: 'user', id }, ['AAD_PREMIUM_P2']);
    const sixth = await h.service
      .assign({ kind: 'user', id: people[5] ?? '' }, ['AAD_PREMIUM_P2'])
      .catch((e) => e);
    expect(sixth.code).toBe('SEATS_EXHAUSTED');
    expect(assignWrites(h)).toHaveLength(5);
  });

  it('a busy object (Directory_ConcurrencyViolation) is re-read before the write is sent again', async () => {
    h = await startHarness({ faults: 'concurrency:1,on=writes', randomSeed: 7 });
    const run = await h.service.applyBulk(
      [
        {
          target: { kind: 'group', id: seedIds.groups.licensingPilot },
          intent: { action: 'assign', skus: ['SPE_E3'] },
        },
      ],
      { backoffBaseMs: 1, backoffMaxMs: 5, maxRetries: 2 },
    );
    expect(run.results[0]?.status).toBe('failed');
    expect(run.results[0]?.error?.code).toBe('RETRIES_EXHAUSTED');
    expect(run.stats.rereads).toBe(2);
    const log = h.emulator.requests();
    // read, write, read, write, read, write: every write after the first follows a fresh read.
    const sequence = log
      .filter(
        (r) =>
          r.path === `/v1.0/groups/${seedIds.groups.licensingPilot}` || r.path.endsWith('/assignLicense'),
      )
      .map((r) => (r.write ? 'write' : 'read'));
    expect(sequence).toEqual(['read', 'write', 'read', 'write', 'read', 'write']);
  });
});
