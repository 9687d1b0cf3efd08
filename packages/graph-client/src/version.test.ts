import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient } from './create-graph-client.js';
import { type CaptureServer, json, startCaptureServer } from './test-support/capture-server.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

let server: CaptureServer;
beforeEach(async () => {
  server = await startCaptureServer((_req, res) => json(res, 200, { value: [] }));
});
afterEach(() => server.close());

describe('User-Agent', () => {
  it('names this package and its package.json version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      name: string;
      version: string;
    };
    expect([PACKAGE_NAME, PACKAGE_VERSION]).toEqual([pkg.name, pkg.version]);
    await createGraphClient({ baseUrl: server.origin, credentials: 'none' }).subscribedSkus.get();
    expect(server.requests[0]?.headers['user-agent']).toContain(
      `@entra-licensing/graph-client/${pkg.version}`,
    );
  });
});
