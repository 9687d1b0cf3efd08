import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Seed } from './seed/seed-types.js';

// The bin is the built dist/cli.js (turbo builds this package before its tests).
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
});

function run(args: string[]): Promise<{ child: ChildProcess; firstLine: string; output: () => string }> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve({ child, firstLine: out.slice(0, newline), output: () => out });
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

function exitOf(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('graph-emulator bin', () => {
  it('prints exactly "graph-emulator listening on <origin>" first, and serves a seed file with its own apps', async () => {
    const seed: Seed = {
      apps: [
        {
          name: 'my-script',
          clientId: '0b8f5b3e-6a55-4d3a-9d7e-2f1f6a1c0001',
          clientSecret: 's3cr3t',
          roles: ['Organization.Read.All'],
        },
      ],
      skus: [{ sku: 'SPE_E3', enabled: 3 }],
      users: [{ userPrincipalName: 'a@contoso.onmicrosoft.com', displayName: 'A', usageLocation: 'US' }],
      groups: [],
    };
    const dir = await mkdtemp(join(tmpdir(), 'graph-emulator-test-'));
    const file = join(dir, 'seed.json');
    await writeFile(file, JSON.stringify(seed));
    const { firstLine } = await run([
      '--port',
      '0',
      '--seed',
      file,
      '--time-scale',
      '10',
      '--latency',
      '1-3',
    ]);
    const match = /^graph-emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine);
    expect(match).not.toBeNull();
    const url = match![1]!;
    const config = (await (await fetch(`${url}/_emulator/config`)).json()) as {
      apps: { clientId: string; clientSecret: string }[];
      graphBaseUrl: string;
      loginBaseUrl: string;
    };
    expect(config.apps).toEqual([
      {
        name: 'my-script',
        clientId: seed.apps![0]!.clientId,
        clientSecret: 's3cr3t',
        roles: ['Organization.Read.All'],
        certificates: [],
      },
    ]);
    expect(config.graphBaseUrl).toBe(`${url}/v1.0`);
    expect(config.loginBaseUrl).toBe(url);
    const token = await fetch(`${url}/contoso.onmicrosoft.com/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: seed.apps![0]!.clientId,
        client_secret: 's3cr3t',
        scope: `${url}/.default`,
      }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const skus = await fetch(`${url}/v1.0/subscribedSkus`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    const body = (await skus.json()) as {
      value: { skuPartNumber: string; prepaidUnits: { enabled: number } }[];
    };
    expect(body.value.map((s) => [s.skuPartNumber, s.prepaidUnits.enabled])).toEqual([['SPE_E3', 3]]);
  });

  it('--no-charge-throttled turns off charging throttled requests (on by default, as Graph)', async () => {
    const configOf = async (args: string[]) => {
      const { firstLine } = await run(['--port', '0', ...args]);
      const url = /listening on (\S+)$/.exec(firstLine)?.[1];
      return (await (await fetch(`${url}/_emulator/config`)).json()) as { chargeThrottledRequests: boolean };
    };
    expect((await configOf([])).chargeThrottledRequests).toBe(true);
    expect((await configOf(['--no-charge-throttled'])).chargeThrottledRequests).toBe(false);
  });

  it('fails fast with a message naming the bad option value', async () => {
    const faults = await exitOf(['--faults', '429:2']);
    expect(faults.code).toBe(2);
    expect(faults.output).toContain('429:2');
    const throttle = await exitOf(['--throttle', 'warp']);
    expect(throttle.code).toBe(2);
    expect(throttle.output).toContain("'warp'");
    const seed = await exitOf(['--seed', '/nonexistent/seed.json']);
    expect(seed.code).toBe(2);
    expect(seed.output).toContain('/nonexistent/seed.json');
  });

  it('--tls serves HTTPS and prints the certificate to trust on the second line', async () => {
    const { output } = await run(['--port', '0', '--tls']);
    await new Promise((r) => setTimeout(r, 50));
    const [first, second] = output().split('\n');
    expect(first).toMatch(/^graph-emulator listening on https:\/\/127\.0\.0\.1:\d+$/);
    const path = /certificate (\S+)/.exec(second ?? '')?.[1];
    expect(path).toBeDefined();
    expect(readFileSync(path!, 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it('stops on SIGTERM', async () => {
    const { child, output } = await run(['--port', '0']);
    const exited = new Promise<string>((resolve) =>
      child.on('exit', (code, signal) => resolve(`${code} ${signal} ${output()}`)),
    );
    child.kill('SIGTERM');
    expect(await exited).toMatch(/^0 null/);
  });
});
