import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliEmulator, startCliEmulator } from './test-support/cli-emulator.js';
import { type CliRun, runCli } from './test-support/run-cli.js';

// Issue 22 points 3, 5 and 8, issue 26's endpoint items: where the credentials may go, deadlines, --emulator alone,
// /v1.0 and the endpoint variables.

let t: CliEmulator;

/** A TCP listener that records connections: `answer: false` accepts and never answers, else it hangs up at once. */
async function listener(host: string, answer: boolean) {
  const connections: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections.push(socket.remoteAddress ?? '?');
    sockets.add(socket);
    socket.on('error', () => {});
    if (answer) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** This machine under a name that is not loopback (its network address, else its host name). */
function nonLoopbackHost(): string {
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  return address ?? os.hostname();
}

function errorsOf(run: CliRun): { code: string; field?: string; value?: unknown; message: string }[] {
  return (JSON.parse(run.stdout) as { errors: { code: string; field?: string; message: string }[] }).errors;
}

beforeAll(async () => {
  t = await startCliEmulator();
});
afterAll(async () => {
  await t?.stop();
});

describe('credentials only to Microsoft or this machine (22.3)', () => {
  it('a non-Microsoft https origin is refused before sign-in, by flag or variable; no connection is made', async () => {
    const host = nonLoopbackHost();
    const spy = await listener('0.0.0.0', true);
    const origin = `https://${host}:${spy.port}`;
    try {
      const cases: [string[], Record<string, string>, string][] = [
        [['--graph-base-url', origin], {}, '--graph-base-url'],
        [['--graph-base-url', t.emulator.url], { AZURE_AUTHORITY_HOST: origin }, 'AZURE_AUTHORITY_HOST'],
        [['--login-base-url', t.emulator.url], { ENTRA_GRAPH_BASE_URL: origin }, 'ENTRA_GRAPH_BASE_URL'],
        [['--graph-base-url', t.emulator.url], { ENTRA_LOGIN_BASE_URL: origin }, 'ENTRA_LOGIN_BASE_URL'],
      ];
      const before = t.emulator.requests().length;
      for (const [args, env, field] of cases) {
        const run = await runCli(['skus', '--json', ...args], { ...t.env, ...env });
        expect([field, run.code]).toEqual([field, 1]);
        expect(errorsOf(run).map((e) => [e.code, e.field, e.value])).toEqual([
          ['HOST_NOT_ALLOWED', field, origin],
        ]);
        expect(errorsOf(run)[0]?.message).toBe(
          `refused before sign-in: ${host} is neither a Microsoft national cloud's Graph or login host nor this machine (loopback), so it would receive the app's credentials or tokens. If you mean it (your own proxy), name that exact host with --allow-host ${host}:${spy.port} or ENTRA_ALLOW_HOST.`,
        );
      }
      expect(spy.connections).toEqual([]);
      // nothing reached the emulator either (no sign-in)
      expect(t.emulator.requests().length).toBe(before);

      // named exactly, it is let through: the listener sees the connection (so the check above could fail)
      const allowed = await runCli(
        ['skus', '--json', '--graph-base-url', origin, '--login-base-url', origin],
        {
          ...t.env,
          ENTRA_ALLOW_HOST: `${host}:${spy.port}`,
        },
      );
      expect(allowed.code).toBe(1);
      expect(spy.connections.length).toBeGreaterThan(0);
    } finally {
      await spy.close();
    }
  });
});

describe('deadlines (22.5)', () => {
  it('a login endpoint that accepts the connection and never answers is ended by the request deadline', async () => {
    const silent = await listener('127.0.0.1', false);
    const origin = `http://127.0.0.1:${silent.port}`;
    try {
      const run = await runCli(
        ['skus', '--graph-base-url', t.emulator.url, '--login-base-url', origin, '--request-timeout', '1'],
        t.env,
      );
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n').at(-1)).toBe(
        `error: Graph: Timeout: No complete answer from 127.0.0.1:${silent.port} within 1 s (the request deadline); the request was abandoned. Give it longer with --request-timeout <seconds>.`,
      );
      expect(silent.connections.length).toBeGreaterThan(0);
    } finally {
      await silent.close();
    }
  });

  it('a silent Graph endpoint: the run never takes longer than --timeout', async () => {
    const silent = await listener('127.0.0.1', false);
    try {
      const run = await runCli(
        [
          'skus',
          '--graph-base-url',
          `http://127.0.0.1:${silent.port}`,
          '--login-base-url',
          t.emulator.url,
          '--request-timeout',
          '600',
          '--timeout',
          '2',
        ],
        t.env,
      );
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n').at(-1)).toBe(
        'error: --timeout 2: the run did not finish within 2 s and was stopped. Writes already answered stay made; plan again to see where things are.',
      );
      expect(silent.connections.length).toBeGreaterThan(0);
    } finally {
      await silent.close();
    }
  });
});

describe('--emulator alone (22.8)', () => {
  it('with a Graph URL, a cloud or sign-in variables it is refused as conflicting, before anything starts', async () => {
    const withUrl = await runCli(['skus', '--json', '--emulator', '--graph-base-url', t.emulator.url]);
    expect(withUrl.code).toBe(1);
    expect(errorsOf(withUrl).map((e) => [e.code, e.field])).toEqual([['CONFLICTING_OPTIONS', '--emulator']]);
    expect(errorsOf(withUrl)[0]?.message).toBe(
      'conflicts with --graph-base-url: --emulator runs against a local try-out tenant, those point at a real one. Drop --emulator, or unset them for the try-out.',
    );
    const withEnv = await runCli(['skus', '--json', '--emulator'], t.env);
    expect(errorsOf(withEnv)[0]?.message).toBe(
      'conflicts with AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET: --emulator runs against a local try-out tenant, those point at a real one. Drop --emulator, or unset them for the try-out.',
    );
    const alone = await runCli(['skus', '--json', '--emulator']);
    expect(alone.code).toBe(0);
  });
});

describe('endpoints in the CLI’s own words (26)', () => {
  it('a trailing /v1.0 is accepted; another path is refused naming the flag, not the library’s options', async () => {
    const v1 = await runCli(
      ['skus', '--json', '--graph-base-url', `${t.emulator.url}/v1.0`, '--login-base-url', t.emulator.url],
      t.env,
    );
    expect(v1.code).toBe(0);
    const beta = await runCli(['skus', '--json', '--graph-base-url', `${t.emulator.url}/beta`], t.env);
    expect(beta.code).toBe(1);
    expect(errorsOf(beta)).toEqual([
      {
        code: 'INVALID_OPTION',
        field: '--graph-base-url',
        value: `${t.emulator.url}/beta`,
        message: `give the origin only (scheme, host and port, optionally followed by /v1.0), e.g. ${t.emulator.url}; this CLI always calls Graph v1.0.`,
      },
    ]);
  });

  it('ENTRA_GRAPH_BASE_URL and ENTRA_LOGIN_BASE_URL point the CLI at the emulator; the export header says where', async () => {
    const env = {
      ...t.env,
      ENTRA_GRAPH_BASE_URL: `${t.emulator.url}/v1.0`,
      ENTRA_LOGIN_BASE_URL: t.emulator.url,
    };
    const before = t.emulator.requests().length;
    const run = await runCli(['export'], env);
    expect(run.code).toBe(0);
    expect(t.emulator.requests().length).toBeGreaterThan(before);
    expect(run.stdout.split('\n')[0]).toBe(
      `# Licenses as code, exported by entra-licensing from tenant ${t.env.AZURE_TENANT_ID} (Graph at ${t.emulator.url} (this machine: an emulator or a local proxy)).`,
    );
  });

  it('export -o into a missing folder is refused before anything is read from the tenant', async () => {
    const before = t.emulator.requests().length;
    const run = await runCli(
      ['export', '--json', '-o', t.file('missing-folder/x.yaml'), ...t.endpoint],
      t.env,
    );
    expect(run.code).toBe(1);
    expect(errorsOf(run).map((e) => [e.code, e.field])).toEqual([['OUTPUT_FOLDER_MISSING', '--out']]);
    expect(t.emulator.requests().length).toBe(before);
  });
});
