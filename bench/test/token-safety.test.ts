import { createGraphClient, type GraphClient } from '@entra-licensing/graph-client';
import { type SpawnedEmulator, spawnEmulatorCli } from '@entra-licensing/graph-emulator/testing';
import { createLicensingService } from '@entra-licensing/licensing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordingFetch, recordingFetch } from '../src/lib/recording-fetch.js';
import { safeStringify } from './support/capture.js';

/**
 * A Graph base URL on another host, or plain http to a host that is not loopback, is refused before any token
 * is requested or sent. The recording fetch forwards only to the emulator, so nothing leaves the machine even if
 * the client tried; the assertions read what it was asked to send.
 */
const SECRET = 'TokenSafety~secret~4c1e-must-not-travel';
let emulator: SpawnedEmulator;
let tenantId: string;
let clientId: string;

beforeAll(async () => {
  const plain = await spawnEmulatorCli({ latency: '0' });
  const config = plain.config;
  await plain.stop();
  const writer = config.apps.find((a) => a.roles.includes('LicenseAssignment.ReadWrite.All'))!;
  tenantId = config.tenantId;
  clientId = writer.clientId;
  emulator = await spawnEmulatorCli({
    seed: {
      apps: [{ name: writer.name, clientId: writer.clientId, clientSecret: SECRET, roles: writer.roles }],
    },
    latency: '0',
  });
});

afterAll(async () => {
  await emulator?.stop();
});

function client(recorder: RecordingFetch, baseUrl: string, loginBaseUrl: string): GraphClient {
  return createGraphClient({
    credentials: { tenantId, clientId, clientSecret: SECRET },
    baseUrl,
    loginBaseUrl,
    fetch: recorder.fetch,
  });
}

async function refusal(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal, the call succeeded');
}

describe('token and secret stay home', () => {
  it.each([
    ['baseUrl', 'http://192.0.2.10'],
    ['baseUrl', 'http://graph.example.com'],
    ['loginBaseUrl', 'http://192.0.2.10'],
    ['loginBaseUrl', 'http://login.example.com'],
  ])('refuses %s %s (plain http, not loopback) before sending anything', async (option, value) => {
    const recorder = recordingFetch([emulator.url]);
    const error = await refusal(async () => {
      const c =
        option === 'baseUrl' ? client(recorder, value, emulator.url) : client(recorder, emulator.url, value);
      await c.subscribedSkus.get();
    });
    expect(String((error as Error).message)).toContain(option);
    expect(String((error as Error).message)).toContain(value);
    expect(recorder.calls).toEqual([]);
    expect(safeStringify(error)).not.toContain(SECRET);
  });

  it('refuses a request to another host than the configured Graph origin, without fetching a token', async () => {
    const recorder = recordingFetch([emulator.url]);
    const c = client(recorder, emulator.url, emulator.url);
    const before = (await emulator.requests()).length;
    const error = await refusal(() => c.groups.withUrl('https://graph.example.com/v1.0/groups').get());
    expect(String((error as Error).message)).toContain('graph.example.com');
    expect(recorder.calls).toEqual([]);
    expect(await emulator.requests()).toHaveLength(before);
  });

  it('sends the token to the configured origin only, and never shows the secret or token in errors', async () => {
    const recorder = recordingFetch([emulator.url]);
    const service = createLicensingService({ client: client(recorder, emulator.url, emulator.url) });
    const error = await refusal(() =>
      service.assign({ kind: 'group', id: '00000000-0000-4000-8000-000000000000' }, ['SPE_E3']),
    );
    expect(recorder.tokens).toHaveLength(1);
    const text = `${safeStringify(error)} ${String((error as Error).stack)}`;
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(recorder.tokens[0]!);
    const withToken = recorder.calls.filter((call) => call.authorization !== null);
    expect(withToken.length).toBeGreaterThan(0);
    expect(withToken.every((call) => call.url.startsWith(`${emulator.url}/v1.0/`))).toBe(true);
  });
});
