// A real local npm registry for the install check: Verdaccio 6.8.0 (the newest that runs on Node.js 20), installed
// once from the npm registry into a cache folder, started on a free loopback port with its storage in a temporary
// folder. Our packages are served from there only; every other package is fetched from the machine's registry.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePortSync } from '@entra-licensing/n8n-harness';

export const VERDACCIO_VERSION = '6.8.0';

export interface LocalRegistry {
  url: string;
  /** An npm user config (`NPM_CONFIG_USERCONFIG`) with this registry and a publish token for it. */
  userconfig: string;
  stop(): Promise<void>;
}

/**
 * The certificate file npm trusts (`cafile`), for Verdaccio's own requests to the upstream registry: behind a proxy
 * that re-signs TLS, npm is configured with it while Node.js (Verdaccio) would only know it through
 * NODE_EXTRA_CA_CERTS — which a task runner may not pass on.
 */
function npmCaFile(): string | undefined {
  try {
    const cafile = execFileSync('npm', ['config', 'get', 'cafile'], { encoding: 'utf8' }).trim();
    return cafile && cafile !== 'null' && cafile !== 'undefined' ? cafile : undefined;
  } catch {
    return undefined;
  }
}

function caEnv(): NodeJS.ProcessEnv {
  const ca = process.env.NODE_EXTRA_CA_CERTS ?? npmCaFile();
  return ca === undefined ? { ...process.env } : { ...process.env, NODE_EXTRA_CA_CERTS: ca };
}

function upstreamRegistry(): string {
  return (
    execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim() ||
    'https://registry.npmjs.org/'
  );
}

/** Installs Verdaccio into the cache (once); returns its bin. */
export function ensureVerdaccio(
  cache = join(
    process.env.ENTRA_N8N_CACHE
      ? join(process.env.ENTRA_N8N_CACHE, '..')
      : join(homedir(), '.cache', 'entra-licensing'),
    `verdaccio-${VERDACCIO_VERSION}`,
  ),
): string {
  const bin = join(cache, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
  if (existsSync(bin)) return bin;
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, 'package.json'), '{"private":true}\n');
  execFileSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `verdaccio@${VERDACCIO_VERSION}`,
    ],
    { cwd: cache, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return bin;
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const bin = ensureVerdaccio();
  const dir = mkdtempSync(join(tmpdir(), 'entra-registry-'));
  const port = freePortSync();
  const url = `http://127.0.0.1:${port}`;
  const own = { access: '$all', publish: '$authenticated' };
  writeFileSync(
    join(dir, 'config.yaml'),
    JSON.stringify({
      storage: join(dir, 'storage'),
      auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 10 } },
      // Verdaccio marks an uplink offline for 5 minutes after 2 failed requests (its defaults), then answers 404 to
      // every package it must fetch: on a loaded machine one slow answer would fail the whole check.
      uplinks: { upstream: { url: upstreamRegistry(), timeout: '120s', max_fails: 100, fail_timeout: '5s' } },
      packages: {
        '@entra-licensing/*': own,
        'n8n-nodes-entra-licensing': own,
        '**': { access: '$all', proxy: 'upstream' },
      },
      log: { type: 'stdout', format: 'pretty', level: 'warn' },
    }),
  );
  const child = spawn(
    process.execPath,
    [bin, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: caEnv(),
    },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c;
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c;
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`Verdaccio exited (${child.exitCode}):\n${output}`);
      try {
        if ((await fetch(`${url}/-/ping`)).ok) break;
      } catch {
        // not listening yet
      }
      if (attempt > 600) throw new Error(`Verdaccio did not answer on ${url} in 5 minutes:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    // A user to publish as (Verdaccio's htpasswd sign-up, as `npm adduser` does).
    const answer = await fetch(`${url}/-/user/org.couchdb.user:ci`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ci', password: 'install-check-only', email: 'ci@example.invalid' }),
    });
    const { token } = (await answer.json()) as { token?: string };
    if (!token) throw new Error(`Verdaccio gave no token (${answer.status})`);
    const userconfig = join(dir, 'npmrc');
    writeFileSync(userconfig, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, userconfig, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
