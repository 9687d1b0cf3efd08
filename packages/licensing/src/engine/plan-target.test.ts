import type { GraphClient, SubscribedSku } from '@entra-licensing/graph-client';
import { describe, expect, it } from 'vitest';
import type { LicenseIntent } from '../core/intent.js';
import { resolveIntent } from '../core/intent.js';
import { toTargetState } from '../core/target-state.js';
import { skuIdOf, tenantSku } from '../test-support/tenant-skus.js';
import { newJob } from './collect-items.js';
import { GroupWriteLog } from './group-write-log.js';
import type { Job } from './job.js';
import { planTarget } from './plan-target.js';
import { emptyStats } from './results.js';
import type { RunContext } from './run-context.js';
import { SeatLedger } from './seat-ledger.js';
import { ThrottleScopes } from './throttle-scopes.js';

const USER = '8fdf6dce-b66a-5774-bb40-91c2fac85e83';
const GROUP = '1132b215-826f-42a9-8cfe-1643d19d17fd';
const E3 = skuIdOf('SPE_E3');
const P2 = skuIdOf('AAD_PREMIUM_P2');
const skus = [
  tenantSku('SPE_E3', { enabled: 25 }),
  tenantSku('AAD_PREMIUM_P2', { enabled: 1 }),
] as SubscribedSku[];

function run(overrides: Partial<RunContext['settings']> = {}): RunContext {
  return {
    client: {} as GraphClient,
    skus,
    seats: new SeatLedger(),
    groupWrites: new GroupWriteLog(),
    scopes: new ThrottleScopes(),
    settings: {
      prepare: {},
      dryRun: false,
      concurrency: 1,
      batchSize: 20,
      groupSeatCheck: true,
      nameInheritingGroups: false,
      origin: 'https://graph.microsoft.com',
      versionRoot: '/v1.0',
      ...overrides,
    },
    limits: { maxRetries: 1, maxThrottleRetries: 1, backoffBaseMs: 1, backoffMaxMs: 1, random: () => 0 },
    stats: emptyStats(),
    emit: () => {},
  };
}

function job(kind: 'user' | 'group', intent: LicenseIntent): Job {
  return newJob({ kind, id: kind === 'user' ? USER : GROUP }, 0, resolveIntent(intent, skus));
}

const user = (licenses: string[], extra: object = {}) =>
  toTargetState(
    { kind: 'user', id: USER },
    {
      id: USER,
      usageLocation: 'US',
      assignedLicenses: licenses.map((skuId) => ({ skuId, disabledPlans: [] })),
      licenseAssignmentStates: licenses.map((skuId) => ({ skuId, disabledPlans: [], state: 'Active' })),
      ...extra,
    },
  );

describe('plan stage', () => {
  it('a change goes to the pre-flight: seats held, the write queued', () => {
    const r = run();
    const j = job('user', { action: 'assign', skus: ['AAD_PREMIUM_P2'] });
    const step = planTarget(r, j, user([]));
    expect('ops' in step && step.ops.map((o) => [o.stage, o.method, o.url])).toEqual([
      ['assign', 'POST', `/users/${USER}/assignLicense`],
    ]);
    expect(r.seats.usedBy(P2)).toBe(1);
    expect(j.first?.prepared.plan.body?.addLicenses.map((a) => a.skuId)).toEqual([P2]);
  });

  it('nothing to change is unchanged; only inherited licenses to remove is skipped', () => {
    expect(planTarget(run(), job('user', { action: 'assign', skus: ['SPE_E3'] }), user([E3]))).toEqual({
      outcome: { status: 'unchanged' },
    });
    const inherited = toTargetState(
      { kind: 'user', id: USER },
      {
        id: USER,
        assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
        licenseAssignmentStates: [{ skuId: E3, disabledPlans: [], assignedByGroup: GROUP, state: 'Active' }],
      },
    );
    const step = planTarget(run(), job('user', { action: 'remove', skus: ['SPE_E3'] }), inherited);
    expect('outcome' in step && step.outcome.status).toBe('skipped');
  });

  it('a plan that fails its checks ends the job with the first error, as raised', () => {
    const r = run();
    r.seats.settle(r.seats.reserve(new Map([[P2, 1]])));
    const step = planTarget(r, job('user', { action: 'assign', skus: ['AAD_PREMIUM_P2'] }), user([]));
    expect(
      'outcome' in step && [step.outcome.status, step.outcome.error?.code, step.outcome.error?.field],
    ).toEqual(['failed', 'SEATS_EXHAUSTED', 'skus[0]']);
  });

  it('after an ambiguous write, a re-read with nothing left to do is applied and the seats are taken', () => {
    const r = run();
    const j = job('user', { action: 'assign', skus: ['AAD_PREMIUM_P2'] });
    planTarget(r, j, user([]));
    j.maybeWrote = true;
    expect(planTarget(r, j, user([P2]))).toEqual({ outcome: { status: 'applied' } });
    expect(r.seats.usedBy(P2)).toBe(1);
    expect(j.seats?.open).toBe(false);
  });

  it('after an ambiguous write that did not land, the plan is made again (its seats counted once)', () => {
    const r = run();
    const j = job('user', { action: 'assign', skus: ['AAD_PREMIUM_P2'] });
    planTarget(r, j, user([]));
    j.maybeWrote = true;
    const again = planTarget(r, j, user([]));
    expect('ops' in again && again.ops.map((o) => o.stage)).toEqual(['assign']);
    expect(r.seats.usedBy(P2)).toBe(1);
  });

  it('a dry run ends planned; a user without a usage location gets it set first when asked', () => {
    expect(
      planTarget(run({ dryRun: true }), job('user', { action: 'assign', skus: ['SPE_E3'] }), user([])),
    ).toEqual({
      outcome: { status: 'planned' },
    });
    const step = planTarget(
      run({ prepare: { usageLocation: 'de' } }),
      job('user', { action: 'assign', skus: ['SPE_E3'] }),
      user([], { usageLocation: null }),
    );
    expect('ops' in step && step.ops.map((o) => [o.stage, o.body, o.followUp?.stage])).toEqual([
      ['usageLocation', { usageLocation: 'DE' }, 'assign'],
    ]);
  });
});
