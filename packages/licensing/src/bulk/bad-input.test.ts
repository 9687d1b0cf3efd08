import { defaultSeed } from '@entra-licensing/graph-emulator';
import { getCatalog } from '@entra-licensing/sku-catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHarness, seedIds, startHarness } from '../test-support/emulator.js';
import type { BulkItem } from './run-bulk.js';

const G = seedIds.groups;
const users = seedIds.users as unknown as Record<string, string>;
const group = { kind: 'group', id: G.licensingPilot } as const;
const user = (key: string) => ({ kind: 'user', id: users[key] ?? '' }) as const;
const e3Plan = (name: string) => ({ sku: 'SPE_E3', disabledPlans: [name] });

/** [description, item, expected code, expected field, expected value] — each must fail before any write. */
const CASES: [string, unknown, string, string, unknown][] = [
  [
    'malformed skuId-like GUID',
    { target: group, intent: { action: 'assign', skus: ['05e9a617-0261-4cee-bb44'] } },
    'SKU_NOT_FOUND',
    'intent.skus[0]',
    '05e9a617-0261-4cee-bb44',
  ],
  [
    'group that does not exist (Graph 404 on the read, before any write)',
    {
      target: { kind: 'group', id: '0f0f0f0f-0000-4000-8000-000000000000' },
      intent: { action: 'assign', skus: ['SPE_E3'] },
    },
    'TARGET_NOT_FOUND',
    'target.id',
    '0f0f0f0f-0000-4000-8000-000000000000',
  ],
  [
    'user principal name that does not exist',
    {
      target: { kind: 'user', id: 'nobody@contoso.onmicrosoft.com' },
      intent: { action: 'assign', skus: ['SPE_E3'] },
    },
    'TARGET_NOT_FOUND',
    'target.id',
    'nobody@contoso.onmicrosoft.com',
  ],
  [
    'unknown SKU name',
    { target: group, intent: { action: 'assign', skus: ['Microsoft 365 E33'] } },
    'SKU_NOT_FOUND',
    'intent.skus[0]',
    'Microsoft 365 E33',
  ],
  [
    'unknown GUID',
    { target: group, intent: { action: 'assign', skus: ['00000000-0000-4000-8000-000000000001'] } },
    'SKU_NOT_FOUND',
    'intent.skus[0]',
    '00000000-0000-4000-8000-000000000001',
  ],
  [
    'ambiguous part number',
    { target: group, intent: { action: 'assign', skus: ['MCOPSTN5'] } },
    'SKU_AMBIGUOUS',
    'intent.skus[0]',
    'MCOPSTN5',
  ],
  [
    'empty SKU',
    { target: group, intent: { action: 'assign', skus: [''] } },
    'INVALID_INPUT',
    'intent.skus[0]',
    '',
  ],
  [
    'number as SKU',
    { target: group, intent: { action: 'assign', skus: [42] } },
    'INVALID_INPUT',
    'intent.skus[0]',
    42,
  ],
  [
    'skus not a list',
    { target: group, intent: { action: 'assign', skus: 'SPE_E3' } },
    'INVALID_INPUT',
    'intent.skus',
    'SPE_E3',
  ],
  [
    'empty skus',
    { target: group, intent: { action: 'assign', skus: [] } },
    'INVALID_INPUT',
    'intent.skus',
    [],
  ],
  [
    'huge list',
    { target: group, intent: { action: 'remove', skus: Array.from({ length: 501 }, () => 'SPE_E3') } },
    'INVALID_INPUT',
    'intent.skus',
    501,
  ],
  [
    'unknown action',
    { target: group, intent: { action: 'grant', skus: ['SPE_E3'] } },
    'INVALID_INPUT',
    'intent.action',
    'grant',
  ],
  ['missing intent', { target: group }, 'INVALID_INPUT', 'intent', undefined],
  [
    'plan of another SKU',
    { target: group, intent: { action: 'assign', skus: [e3Plan('ATA')] } },
    'PLAN_NOT_FOUND',
    'intent.skus[0].disabledPlans[0]',
    'ATA',
  ],
  [
    'plan GUID of another SKU',
    { target: group, intent: { action: 'assign', skus: [e3Plan(seedIds.plans.ATA)] } },
    'PLAN_NOT_IN_SKU',
    'intent.skus[0].disabledPlans[0]',
    seedIds.plans.ATA,
  ],
  [
    'plan list not a list',
    { target: group, intent: { action: 'assign', skus: [{ sku: 'SPE_E3', disabledPlans: 'TEAMS1' }] } },
    'INVALID_INPUT',
    'intent.skus[0].disabledPlans',
    'TEAMS1',
  ],
  [
    'SKU added and removed',
    { target: group, intent: { action: 'swap', add: ['SPE_E3'], remove: ['Microsoft 365 E3'] } },
    'SKU_ADD_AND_REMOVE',
    'intent.remove[0]',
    'Microsoft 365 E3', // as the caller wrote it,
  ],
  [
    'plan disabled and enabled',
    {
      target: group,
      intent: { action: 'updatePlans', sku: 'SPE_E3', disable: ['TEAMS1'], enable: ['TEAMS1'] },
    },
    'PLAN_DISABLE_AND_ENABLE',
    'intent.disable[0]',
    'TEAMS1',
  ],
  [
    'updatePlans with nothing',
    { target: group, intent: { action: 'updatePlans', sku: 'SPE_E3' } },
    'INVALID_INPUT',
    'intent.disable',
    undefined,
  ],
  [
    'updatePlans on an unassigned SKU',
    { target: group, intent: { action: 'updatePlans', sku: 'SPE_E3', disable: ['TEAMS1'] } },
    'SKU_NOT_ASSIGNED',
    'intent.sku',
    'SPE_E3', // as the caller wrote it,
  ],
  [
    'company SKU',
    { target: group, intent: { action: 'assign', skus: ['CRMSTORAGE'] } },
    'SKU_NOT_ASSIGNABLE',
    'intent.skus[0]',
    seedIds.skus.CRMSTORAGE,
  ],
  [
    'suspended SKU',
    { target: user('adele'), intent: { action: 'assign', skus: ['VISIOCLIENT'] } },
    'SKU_NOT_ASSIGNABLE',
    'intent.skus[0]',
    seedIds.skus.VISIOCLIENT,
  ],
  [
    'SKU not subscribed',
    { target: group, intent: { action: 'assign', skus: ['SPB'] } },
    'SKU_NOT_IN_TENANT',
    'intent.skus[0]',
    'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
  ],
  [
    'distribution group',
    { target: { kind: 'group', id: G.allStaff }, intent: { action: 'assign', skus: ['SPE_E3'] } },
    'GROUP_NOT_ELIGIBLE',
    'target.id',
    G.allStaff,
  ],
  [
    'M365 group without security',
    { target: { kind: 'group', id: G.marketing }, intent: { action: 'assign', skus: ['SPE_E3'] } },
    'GROUP_NOT_ELIGIBLE',
    'target.id',
    G.marketing,
  ],
  [
    'user without usage location',
    { target: user('eli'), intent: { action: 'assign', skus: ['SPE_E3'] } },
    'USAGE_LOCATION_MISSING',
    'usageLocation',
    null,
  ],
  [
    'updating an inherited license',
    { target: user('isaiah'), intent: { action: 'updatePlans', sku: 'SPE_E3', disable: ['TEAMS1'] } },
    'INHERITED_LICENSE',
    'intent.sku',
    '05e9a617-0261-4cee-bb44-138d3ef5d965',
  ],
  [
    'path-changing id',
    { target: { kind: 'group', id: `${G.sales}/owners` }, intent: { action: 'assign', skus: ['SPE_E3'] } },
    'INVALID_INPUT',
    'target.id',
    `${G.sales}/owners`,
  ],
  [
    'id with whitespace',
    { target: { kind: 'user', id: 'adele @contoso.com' }, intent: { action: 'assign', skus: ['SPE_E3'] } },
    'INVALID_INPUT',
    'target.id',
    'adele @contoso.com',
  ],
  [
    'unknown target kind',
    { target: { kind: 'device', id: G.sales }, intent: { action: 'assign', skus: ['SPE_E3'] } },
    'INVALID_INPUT',
    'target.kind',
    'device',
  ],
  [
    'missing target',
    { intent: { action: 'assign', skus: ['SPE_E3'] } },
    'INVALID_INPUT',
    'target',
    undefined,
  ],
  [
    'mutually exclusive plans',
    { target: user('adele'), intent: { action: 'assign', skus: ['EXCHANGEDESKLESS'] } },
    'MUTUALLY_EXCLUSIVE_PLANS',
    'intent.skus[0]',
    seedIds.skus.EXCHANGEDESKLESS,
  ],
  [
    'no seat for a user',
    { target: user('adele'), intent: { action: 'assign', skus: ['POWER_BI_PRO'] } },
    'SEATS_EXHAUSTED',
    'intent.skus[0]',
    getCatalog().productsByPartNumber.get('POWER_BI_PRO')?.[0]?.skuId,
  ],
];

let h: EmulatorHarness;
beforeAll(async () => {
  const { ids: _ids, ...seed } = defaultSeed;
  h = await startHarness({
    seed: { ...seed, skus: [...(seed.skus ?? []), { sku: 'POWER_BI_PRO', enabled: 0 }] },
  });
});
afterAll(async () => {
  await h?.emulator.stop();
});

describe('bad input through the bulk path', () => {
  it.each(CASES)(
    '%s → error naming the field and value, and no write',
    async (_name, item, code, field, value) => {
      h.emulator.reset();
      const run = await h.service.applyBulk([item as BulkItem]);
      const [result] = run.results;
      expect(run.results).toHaveLength(1);
      expect(result?.status).toBe('failed');
      expect(result?.error?.code).toBe(code);
      expect(result?.error?.field).toBe(field);
      expect(result?.error?.value).toEqual(value);
      expect(h.emulator.requests().filter((r) => r.write)).toEqual([]);
    },
  );
});
