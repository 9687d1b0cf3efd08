import { defaultSeed } from '@entra-licensing/graph-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { LicensingError } from '../core/licensing-error.js';
import { type ReclaimHarness, startReclaimHarness } from '../test-support/reclaim-emulator.js';
import { runMemberRemovals } from './member-removal.js';

const G = defaultSeed.ids.groups;
const U = defaultSeed.ids.users;
let h: ReclaimHarness | undefined;

afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

async function membersOf(harness: ReclaimHarness, groupId: string): Promise<string[]> {
  const page = await harness.client.groups.byGroupId(groupId).members.get({ queryParameters: { top: 999 } });
  return (page?.value ?? []).map((m) => String(m.id));
}

describe('runMemberRemovals (emulator over HTTP)', () => {
  it('removes each membership once, one result per removal, and says when there was nothing to remove', async () => {
    h = await startReclaimHarness();
    const run = await runMemberRemovals({ client: h.client }, [
      { groupId: G.sales, userId: U.isaiah, key: 'a' },
      { groupId: G.sales, userId: U.isaiah, key: 'twice' },
      { groupId: G.empty, userId: U.raul, key: 'not-a-member' },
    ]);
    expect(run.results.map((r) => [r.key, r.status])).toEqual([
      ['a', 'applied'],
      ['twice', 'applied'],
      ['not-a-member', 'unchanged'],
    ]);
    expect(run.results[2]?.reason).toBe(
      `User ${U.raul} is not a member of group ${G.empty}: nothing to remove.`,
    );
    expect(await membersOf(h, G.sales)).not.toContain(U.isaiah);
    const deletes = h.emulator.requests().filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => [r.path, r.status])).toEqual([
      [`/v1.0/groups/${G.sales}/members/${U.isaiah}/$ref`, 204],
      [`/v1.0/groups/${G.empty}/members/${U.raul}/$ref`, 404],
    ]);
    expect(deletes.every((r) => r.batch !== null)).toBe(true);
  });

  it('after gateway errors reads the user’s groups before sending again, and ends with every membership gone', async () => {
    h = await startReclaimHarness({ faults: '504:0.5,on=writes', randomSeed: 7 });
    const members = [U.raul, U.sanjay, U.sofia, U.tomas, U.ursula, U.victor];
    const run = await runMemberRemovals(
      { client: h.client },
      members.map((userId) => ({ groupId: G.sales, userId })),
      { backoffBaseMs: 1, backoffMaxMs: 5, random: () => 0.5 },
    );
    expect(run.results.map((r) => r.status)).toEqual(members.map(() => 'applied'));
    const left = await membersOf(h, G.sales);
    for (const userId of members) expect(left).not.toContain(userId);
    const log = h.emulator.requests();
    const faulted = log.filter((r) => r.method === 'DELETE' && r.fault === '504');
    expect(faulted.length).toBeGreaterThan(0);
    // Each faulted DELETE is followed by a read of that user's groups before the next DELETE of the same pair.
    for (const fault of faulted) {
      const later = log.filter(
        (r) => r.seq > fault.seq && r.path.includes(fault.path.split('/')[5] as string),
      );
      expect(later[0]?.path.endsWith('/memberOf')).toBe(true);
    }
    expect(run.stats.rereads).toBe(faulted.length);
  });

  it('names the permission when Graph refuses, and refuses a bad id before any request', async () => {
    h = await startReclaimHarness({}, defaultSeed.ids.apps.licensingAdmin);
    const run = await runMemberRemovals({ client: h.client }, [{ groupId: G.sales, userId: U.lee }]);
    expect(run.results[0]?.status).toBe('failed');
    expect(run.results[0]?.error).toMatchObject({
      code: 'PERMISSION_DENIED',
      field: 'groupId',
      value: G.sales,
      status: 403,
    });
    expect(run.results[0]?.error?.message).toBe(
      `Graph refused to remove user ${U.lee} from group ${G.sales} (Authorization_RequestDenied, HTTP 403): removing a member needs the application permission GroupMember.ReadWrite.All (or Group.ReadWrite.All or Directory.ReadWrite.All), granted with admin consent.`,
    );
    const before = h.emulator.requests().length;
    await expect(
      runMemberRemovals({ client: h.client }, [{ groupId: 'sales', userId: U.lee }]),
    ).rejects.toEqual(
      new LicensingError({
        code: 'INVALID_GUID',
        field: 'removals[0].groupId',
        value: 'sales',
        message: 'removals[0].groupId must be an object id (a GUID), got "sales".',
      }),
    );
    expect(h.emulator.requests().length).toBe(before);
  });
});
