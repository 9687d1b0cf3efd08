import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectEmulator,
  type RunningEmulator,
  type SpawnedEmulator,
  seedIds,
  spawnEmulatorCli,
  startEmulator,
} from './index.js';

// The bin is the built dist/cli.js (turbo builds this package before its tests).
describe('testing kit: spawnEmulatorCli', () => {
  let emulator: SpawnedEmulator;
  beforeAll(async () => {
    emulator = await spawnEmulatorCli({ timeScale: 100, throttle: 'graph,appWrite=2/150s', randomSeed: 1 });
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it('starts the bin, reads its config, gets tokens by secret and certificate, reads the log, resets, configures', async () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.tenantId).toBe(seedIds.tenantId);
    expect(emulator.graphBaseUrl).toBe(`${emulator.url}/v1.0`);
    const token = await emulator.getToken('licensing-admin', { credential: 'certificate' });
    expect(decodeJwt(token).appid).toBe(seedIds.apps.licensingAdmin.clientId);
    const write = () =>
      fetch(`${emulator.graphBaseUrl}/users/${seedIds.users.isaiah}/reprocessLicenseAssignment`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.status);
    expect([await write(), await write(), await write()]).toEqual([200, 200, 429]);
    const log = await emulator.requests();
    expect(log.map((e) => e.status)).toEqual([200, 200, 429]);
    expect((await emulator.requests(log[1]!.seq)).map((e) => e.seq)).toEqual([log[2]!.seq]);
    await emulator.reset();
    expect(await emulator.requests()).toEqual([]);
    await emulator.configure({ throttle: 'off' });
    expect([await write(), await write(), await write()]).toEqual([200, 200, 200]);
    await expect(emulator.configure({ throttle: 'warp' })).rejects.toThrow(/'warp'/);
    const group = await emulator.readGraph(`/groups/${seedIds.groups.sales}?$select=id,assignedLicenses`);
    expect(group).toMatchObject({
      id: seedIds.groups.sales,
      assignedLicenses: [{ skuId: seedIds.skus.SPE_E3 }],
    });
    await expect(emulator.readGraph('/groups/not-a-guid')).rejects.toThrow(/HTTP 400/);
  });

  it('stops the process', async () => {
    const other = await spawnEmulatorCli();
    await other.stop();
    expect(other.process.exitCode ?? other.process.signalCode).not.toBeNull();
    await expect(fetch(`${other.url}/_emulator/config`)).rejects.toThrow();
  });

  it('refuses a bad option with the bin’s message', async () => {
    await expect(spawnEmulatorCli({ faults: '429:2' })).rejects.toThrow(/429:2/);
  });
});

describe('testing kit: an in-process emulator and connectEmulator', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ tls: true });
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it('getToken works over HTTPS for any seed app, and connectEmulator trusts a given CA', async () => {
    for (const app of ['licensing-admin', 'licensing-reader', 'directory-admin']) {
      expect(decodeJwt(await emulator.getToken(app)).appid).toBeDefined();
      expect(decodeJwt(await emulator.getToken(app, { credential: 'certificate' })).appid).toBeDefined();
    }
    const { readFile } = await import('node:fs/promises');
    const ca = await readFile(emulator.caCertificatePath!, 'utf8');
    const client = await connectEmulator(emulator.url, { ca });
    expect(client.config.tenantDomain).toBe(seedIds.tenantDomain);
    expect(decodeJwt(await client.getToken('directory-admin')).appid).toBe(
      seedIds.apps.directoryAdmin.clientId,
    );
  });
});
