import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliEmulator, startCliEmulator } from './test-support/cli-emulator.js';
import { runCli } from './test-support/run-cli.js';

const GROUPS = 5000;
/** How many reads `export` has in flight at most (commands/export.ts). */
const IN_FLIGHT = 4;

let t: CliEmulator;

beforeAll(async () => {
  // 5,000 licensed groups and a small tenant (< 50 users): Graph's read budget of 3,500 resource units / 10 s per
  // app (a second at time scale 10), plus 429s drawn on reads (Retry-After 2 s in Graph time, 200 ms here) so that
  // the run is refused whatever the machine's speed.
  t = await startCliEmulator(
    { generate: { users: 40, groups: GROUPS, skus: 5, licensedGroups: 1, randomSeed: 7 } },
    { timeScale: 10, throttle: 'off,appRu=3500/10s', faults: '429:0.003@2000,on=reads', randomSeed: 7 },
  );
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe('export under the small-tenant read budget (the built bin, over HTTP)', () => {
  it('exports 5,000 groups, waits each Retry-After and sends nothing into a closed scope', async () => {
    const out = t.file('licenses.json');
    const run = await runCli(['export', '--out', out, ...t.endpoint], t.env);
    expect(run.code).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { groups: { group: string }[] };
    expect(file.groups.length).toBe(GROUPS);
    expect(new Set(file.groups.map((g) => g.group)).size).toBe(GROUPS);

    const reads = t.emulator.requests().filter((r) => r.path.startsWith('/v1.0/'));
    const refused = reads.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      const until = r.completedMs + (r.retryAfter ?? 0) * 1000;
      // While the scope was closed, only reads already on their way when the 429 left may arrive (at most one per
      // slot of the export's reads): a client that retried at once or kept sending would send far more in 200 ms.
      // (Arrival times only: the bin runs in another process, so the client's own clock is out of reach.)
      const inWindow = reads.filter((x) => x !== r && x.timeMs > r.completedMs && x.timeMs < until - 1);
      expect(inWindow.length).toBeLessThanOrEqual(IN_FLIGHT);
    }
  }, 600_000);
});
