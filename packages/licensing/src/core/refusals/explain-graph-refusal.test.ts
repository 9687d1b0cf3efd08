import { GraphError } from '@entra-licensing/graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHarness, seedIds, startHarness } from '../../test-support/emulator.js';
import { skuIdOf } from '../../test-support/tenant-skus.js';
import { LicensingError } from '../licensing-error.js';
import { explainGraphRefusal } from './explain-graph-refusal.js';

const G = seedIds.groups;
const E5 = skuIdOf('SPE_E5');
const request = [
  { skuId: E5, field: 'skus[0]', ref: 'Microsoft 365 E5', label: 'Microsoft 365 E5 (SPE_E5)' },
];
const group = { kind: 'group', id: G.e5Rollout } as const;

describe('explainGraphRefusal', () => {
  it('names the application permission a 403 needs, per operation', () => {
    const denied = {
      status: 403,
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    };
    const write = explainGraphRefusal(denied, { operation: 'assignLicense', target: group });
    expect([write.code, write.field, write.value, write.status, write.graphCode]).toEqual([
      'PERMISSION_DENIED',
      'target.id',
      G.e5Rollout,
      403,
      'Authorization_RequestDenied',
    ]);
    expect(write.message).toContain('LicenseAssignment.ReadWrite.All');
    expect(write.suggestions[0]).toBe('LicenseAssignment.ReadWrite.All');
    const patch = explainGraphRefusal(denied, {
      operation: 'setUsageLocation',
      target: { kind: 'user', id: 'a@b.com' },
    });
    expect(patch.suggestions[0]).toBe('User.ReadWrite.All');
    const skus = explainGraphRefusal(denied, { operation: 'readSkus' });
    expect(skus.suggestions[0]).toBe('LicenseAssignment.Read.All');
  });

  it('shows a SKU refusal with the product as the caller typed it, its name, and the resolved id beside', () => {
    for (const [message, code] of [
      [`License ${E5} does not correspond to a valid company License.`, 'SKU_NOT_IN_TENANT'],
      [`Subscription with SKU ${E5} does not have any available licenses.`, 'SEATS_EXHAUSTED'],
      [`License ${E5} cannot be assigned to a group.`, 'SKU_NOT_ASSIGNABLE'],
    ] as const) {
      const error = explainGraphRefusal(
        new GraphError({ kind: 'graph', status: 400, code: 'Request_BadRequest', message }),
        { operation: 'assignLicense', target: group, skus: request },
      );
      expect([error.code, error.field, error.value, error.resolvedId]).toEqual([
        code,
        'skus[0]',
        'Microsoft 365 E5',
        E5,
      ]);
      expect(error.message).toContain('"Microsoft 365 E5" (Microsoft 365 E5 (SPE_E5))');
      expect(error.cause).toBeInstanceOf(GraphError);
    }
  });

  it('turns a 404 on the target into TARGET_NOT_FOUND and keeps an unknown refusal as GRAPH_ERROR with its words', () => {
    const missing = explainGraphRefusal(
      { status: 404, code: 'Request_ResourceNotFound', message: 'Resource does not exist.' },
      { operation: 'readTarget', target: { kind: 'user', id: 'x@contoso.com' }, targetField: 'userId' },
    );
    expect([missing.code, missing.field, missing.value]).toEqual([
      'TARGET_NOT_FOUND',
      'userId',
      'x@contoso.com',
    ]);
    const other = explainGraphRefusal(
      { status: 400, code: 'Weird', message: 'Something odd.' },
      { operation: 'assignLicense', target: group },
    );
    expect([other.code, other.field, other.graphCode]).toEqual(['GRAPH_ERROR', 'target.id', 'Weird']);
    expect(other.message).toContain('Something odd.');
    const mine = new LicensingError({ code: 'INVALID_INPUT', field: 'x', value: 1, message: 'm' });
    expect(explainGraphRefusal(mine, { operation: 'readSkus' })).toBe(mine);
  });
});

describe('Graph refusals through the service, against the emulator', () => {
  let reader: EmulatorHarness;
  let admin: EmulatorHarness;
  beforeAll(async () => {
    reader = await startHarness({}, 'licensingReader');
    admin = await startHarness();
  });
  afterAll(async () => {
    await reader?.emulator.stop();
    await admin?.emulator.stop();
  });

  it('a write refused for a missing permission names LicenseAssignment.ReadWrite.All, not a raw 403', async () => {
    const error = await reader.service
      .assign({ kind: 'group', id: G.licensingPilot }, ['EMSPREMIUM'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LicensingError);
    const e = error as LicensingError;
    expect([e.code, e.field, e.value, e.status]).toEqual([
      'PERMISSION_DENIED',
      'target.id',
      G.licensingPilot,
      403,
    ]);
    expect(e.message).toContain('LicenseAssignment.ReadWrite.All');
    expect(e.cause).toBeInstanceOf(GraphError);
  });

  it('setting a usage location without User.ReadWrite.All says so, and no license is written', async () => {
    const user = { kind: 'user', id: seedIds.users.dana } as const;
    const error = (await admin.service
      .assign(user, ['EMSPREMIUM'], { usageLocation: 'US' })
      .catch((e: unknown) => e)) as LicensingError;
    expect([error.code, error.field, error.value]).toEqual([
      'PERMISSION_DENIED',
      'target.id',
      seedIds.users.dana,
    ]);
    expect(error.message).toContain('User.ReadWrite.All');
    expect(admin.writes().filter((w) => w.path.endsWith('/assignLicense'))).toEqual([]);
  });
});
