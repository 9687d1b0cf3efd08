import { GraphError } from '@entra-licensing/graph-client';
import type { RequestLogEntry } from '@entra-licensing/graph-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { LicensingError } from '../core/licensing-error.js';
import { bulkGroupId, seedWithGroups } from '../test-support/bulk-seed.js';
import { type EmulatorHarness, seedIds, startHarness } from '../test-support/emulator.js';
import type { BulkItem } from './run-bulk.js';

const G = seedIds.groups;
const U = seedIds.users;
let h: EmulatorHarness | undefined;

afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

const batches = (log: readonly RequestLogEntry[]) => log.filter((r) => r.path === '/v1.0/$batch');
const writtenTargets = (harness: EmulatorHarness) =>
  harness
    .writes()
    .map((w) => `${w.method} ${w.target}`)
    .sort();

describe('a bulk item carries its own options', () => {
  it('maxRemovals, usageLocation and dryRun per item, in one run; a wrong option fails its item only', async () => {
    h = await startHarness({}, 'directoryAdmin');
    const dana = U.dana ?? '';
    const items: BulkItem[] = [
      // Sales holds SPE_E3: removing it with maxRemovals 0 is refused, nothing sent for it.
      {
        target: { kind: 'group', id: G.sales },
        intent: { action: 'remove', skus: ['SPE_E3'] },
        options: { maxRemovals: 0 },
      },
      // Frontline holds EXCHANGESTANDARD: removing it with maxRemovals 1 is applied.
      {
        target: { kind: 'group', id: G.frontline },
        intent: { action: 'remove', skus: ['EXCHANGESTANDARD'] },
        options: { maxRemovals: 1, allowDataLoss: true },
      },
      // Dana has no usage location: set to DE before the assignment.
      {
        target: { kind: 'user', id: dana },
        intent: { action: 'assign', skus: ['AAD_PREMIUM'] },
        options: { usageLocation: 'DE' },
      },
      // A dry-run item among writes: planned, not sent.
      {
        target: { kind: 'group', id: G.projectFalcon },
        intent: { action: 'assign', skus: ['AAD_PREMIUM'] },
        options: { dryRun: true },
      },
      // A wrong option: this item fails before any request; the others go on.
      {
        target: { kind: 'group', id: G.contractors },
        intent: { action: 'assign', skus: ['AAD_PREMIUM'] },
        options: { maxRemovals: -1 },
      },
    ];
    const run = await h.service.applyBulk(items);
    expect(
      run.results.map((r) => [r.index, r.status, r.error?.code ?? null, r.error?.field ?? null]),
    ).toEqual([
      [0, 'failed', 'MAX_REMOVALS_EXCEEDED', 'maxRemovals'],
      [1, 'applied', null, null],
      [2, 'applied', null, null],
      [3, 'planned', null, null],
      [4, 'failed', 'INVALID_INPUT', 'options.maxRemovals'],
    ]);
    expect(run.results[4]?.error?.value).toBe(-1);
    expect(run.results[4]?.requests).toBe(0);
    expect(writtenTargets(h)).toEqual(
      [`PATCH ${dana}`, `POST ${dana}`, `POST ${G.frontline}`].sort((a, b) => a.localeCompare(b)),
    );
    expect((await h.service.getUserLicenses(dana)).usageLocation).toBe('DE');
    expect((await h.service.getGroupLicenses(G.sales)).licenses.map((l) => l.skuPartNumber)).toEqual([
      'SPE_E3',
    ]);
  });

  it('the run’s options are the default; an item’s own override them for that item only', async () => {
    h = await startHarness();
    const run = await h.service.applyBulk(
      [
        { target: { kind: 'group', id: G.sales }, intent: { action: 'remove', skus: ['SPE_E3'] } },
        {
          target: { kind: 'group', id: G.frontline },
          intent: { action: 'remove', skus: ['EXCHANGESTANDARD'] },
          options: { dryRun: false, allowDataLoss: true },
        },
      ],
      { dryRun: true },
    );
    expect(run.results.map((r) => r.status)).toEqual(['planned', 'applied']);
    expect(writtenTargets(h)).toEqual([`POST ${G.frontline}`]);
  });

  it('items merged into one call that disagree on dryRun or usageLocation: the later one is refused', async () => {
    h = await startHarness({}, 'directoryAdmin');
    const dana = U.dana ?? '';
    const run = await h.service.applyBulk([
      {
        target: { kind: 'user', id: dana },
        intent: { action: 'assign', skus: ['AAD_PREMIUM'] },
        options: { usageLocation: 'DE' },
      },
      {
        target: { kind: 'user', id: dana },
        intent: { action: 'assign', skus: ['EMSPREMIUM'] },
        options: { usageLocation: 'FR' },
      },
      {
        target: { kind: 'user', id: dana.toUpperCase() },
        intent: { action: 'assign', skus: ['EMSPREMIUM'] },
        options: { dryRun: true },
      },
      {
        target: { kind: 'group', id: G.sales },
        intent: { action: 'remove', skus: ['SPE_E3'] },
        options: { maxRemovals: 5 },
      },
      {
        target: { kind: 'group', id: G.sales },
        intent: { action: 'assign', skus: ['AAD_PREMIUM'] },
        options: { maxRemovals: 0 },
      },
    ]);
    expect(run.results.map((r) => [r.status, r.error?.code ?? null, r.error?.field ?? null])).toEqual([
      ['applied', null, null],
      ['failed', 'CONFLICTING_INTENTS', 'options.usageLocation'],
      ['failed', 'CONFLICTING_INTENTS', 'options.dryRun'],
      // merged: the smaller maxRemovals (0) holds for the call, which removes one SKU
      ['failed', 'MAX_REMOVALS_EXCEEDED', 'maxRemovals'],
      ['failed', 'MAX_REMOVALS_EXCEEDED', 'maxRemovals'],
    ]);
    expect(run.results[1]?.error?.value).toBe('FR');
    expect(run.results[2]?.error?.value).toBe(true);
    expect(writtenTargets(h)).toEqual([`PATCH ${dana}`, `POST ${dana}`]);
  });
});

describe('a failed bulk result carries the error as raised', () => {
  it('a LicensingError intact (code, field, value, suggestions), and Graph’s refusal under it', async () => {
    h = await startHarness({}, 'licensingReader');
    const missing = '00000000-0000-4000-8000-0000000000aa';
    const run = await h.service.applyBulk([
      { target: { kind: 'group', id: G.sales }, intent: { action: 'assign', skus: ['SPE_E33'] } },
      { target: { kind: 'group', id: missing }, intent: { action: 'assign', skus: ['SPE_E3'] } },
      { target: { kind: 'group', id: G.empty }, intent: { action: 'assign', skus: ['SPE_E3'] } },
    ]);
    const [badName, notFound, denied] = run.results;
    for (const result of run.results) {
      expect(result.status).toBe('failed');
      expect(result.cause).toBeInstanceOf(LicensingError);
      const cause = result.cause as LicensingError;
      expect({ code: cause.code, field: cause.field, value: cause.value, message: cause.message }).toEqual({
        code: result.error?.code,
        field: result.error?.field,
        value: result.error?.value,
        message: result.error?.message,
      });
      // not enumerable: JSON output and spreads leave it out
      expect(Object.keys(result)).not.toContain('cause');
      expect(JSON.parse(JSON.stringify(result))).not.toHaveProperty('cause');
    }
    expect((badName!.cause as LicensingError).suggestions).toEqual(badName?.error?.suggestions);
    expect(badName?.error).toMatchObject({
      code: 'SKU_NOT_FOUND',
      field: 'intent.skus[0]',
      value: 'SPE_E33',
    });
    expect(notFound?.error).toMatchObject({ code: 'TARGET_NOT_FOUND', field: 'target.id', value: missing });
    expect((notFound!.cause as LicensingError).cause).toBeInstanceOf(GraphError);
    expect(((notFound!.cause as LicensingError).cause as GraphError).status).toBe(404);
    expect(denied?.error).toMatchObject({ code: 'PERMISSION_DENIED', status: 403 });
    expect((denied!.cause as LicensingError).status).toBe(403);
    expect((denied!.cause as LicensingError).graphCode).toBe(denied?.error?.graphCode);
  });

  it('retries that ran out: a GraphError standing for the result’s error', async () => {
    h = await startHarness({ faults: '503:1@10,on=writes' });
    const run = await h.service.applyBulk(
      [{ target: { kind: 'group', id: G.empty }, intent: { action: 'assign', skus: ['SPE_E3'] } }],
      { maxRetries: 1, backoffBaseMs: 1, backoffMaxMs: 2 },
    );
    const [result] = run.results;
    expect(result?.error?.code).toBe('RETRIES_EXHAUSTED');
    expect(result?.cause).toBeInstanceOf(GraphError);
    expect((result!.cause as GraphError).code).toBe('RETRIES_EXHAUSTED');
    expect((result!.cause as GraphError).message).toBe(result?.error?.message);
  });
});

describe('a dry-run bulk plans N items with ⌈N/20⌉ $batch reads', () => {
  it('planning 40 entries costs 2 $batch requests and sends no write', async () => {
    h = await startHarness({ seed: seedWithGroups(40) });
    // even groups hold AAD_PREMIUM (their plans change); odd ones do not (removing it leaves them unchanged)
    const items: BulkItem[] = Array.from({ length: 40 }, (_, n) => ({
      target: { kind: 'group', id: bulkGroupId(n) },
      intent:
        n % 2 === 0
          ? { action: 'updatePlans', sku: 'AAD_PREMIUM', disable: ['AAD_PREMIUM'] }
          : { action: 'remove', skus: ['AAD_PREMIUM'] },
      key: `groups[${n}]`,
    }));
    const before = h.emulator.requests().length;
    const run = await h.service.applyBulk(items, { dryRun: true });
    const log = h.emulator.requests().slice(before);
    expect(run.summary).toEqual({ applied: 0, unchanged: 20, skipped: 0, failed: 0, planned: 20 });
    expect(batches(log).length).toBe(2);
    expect(log.filter((r) => r.batch !== null).length).toBe(40);
    expect(log.filter((r) => r.write).length).toBe(0);
    expect(run.results[0]?.plan?.changes.map((c) => c.action)).toEqual(['update']);
  });

  it('groups gaining a SKU add their member reads: at most one more $batch per $batch of targets', async () => {
    h = await startHarness({ seed: seedWithGroups(40) });
    const items: BulkItem[] = Array.from({ length: 40 }, (_, n) => ({
      target: { kind: 'group', id: bulkGroupId(n) },
      intent: { action: 'assign', skus: ['AAD_PREMIUM'] },
    }));
    const before = h.emulator.requests().length;
    const run = await h.service.applyBulk(items, { dryRun: true });
    const log = h.emulator.requests().slice(before);
    expect(run.summary).toEqual({ applied: 0, unchanged: 20, skipped: 0, failed: 0, planned: 20 });
    // 40 target reads and 20 member reads (one per group gaining the SKU)
    expect(log.filter((r) => r.batch !== null).length).toBe(60);
    expect(batches(log).length).toBeGreaterThanOrEqual(3);
    expect(batches(log).length).toBeLessThanOrEqual(4);
  });
});
