#!/usr/bin/env node
// Installs a pinned, real n8n (and the Node.js 24 it needs) into a cache folder OUTSIDE the repository,
// so that the end-to-end tests, `demo` and `dev` can run the node inside n8n. Idempotent: a finished
// install is marked with a stamp file and reused; a broken half-install is resumed by npm.
//
//   pnpm --filter @entra-licensing/n8n-harness n8n:install   (tsx src/n8n-install.mts)
//                                          -> install if needed, print the cache folder
//
// Environment:
//   ENTRA_N8N_CACHE   cache folder (default: $HOME/.cache/entra-licensing/n8n-<version>)
//
// The first run downloads about 3 GB and takes 5 to 10 minutes.
import { execFileSync, type SpawnOptions, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '2.41.1';
export const NODE_VERSION = '24.22.3';
const NODE_PACKAGE = `node-linux-${process.arch === 'arm64' ? 'arm64' : 'x64'}`;

/** Paths of a finished install (whether or not it exists yet). */
export interface N8nPaths {
  dir: string;
  nodeBinDir: string;
  /** The Node.js 24 package's root: `include/node` holds its headers (node-gyp's `nodedir`). */
  nodeHeadersDir: string;
  node: string;
  n8nBin: string;
  stamp: string;
}

export function n8nCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ENTRA_N8N_CACHE || join(homedir(), '.cache', 'entra-licensing', `n8n-${N8N_VERSION}`);
}

export function n8nPaths(dir: string = n8nCacheDir()): N8nPaths {
  const nodePackageDir = join(dir, 'node', 'node_modules', NODE_PACKAGE);
  const nodeBinDir = join(nodePackageDir, 'bin');
  return {
    dir,
    nodeBinDir,
    nodeHeadersDir: nodePackageDir,
    node: join(nodeBinDir, 'node'),
    n8nBin: join(dir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
    stamp: join(dir, 'installed.json'),
  };
}

function log(message: string): void {
  process.stderr.write(`[n8n-install] ${message}\n`);
}

function run(command: string, args: string[], options: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    log(`$ ${command} ${args.join(' ')}`);
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

function isInstalled(paths: N8nPaths): boolean {
  if (!existsSync(paths.stamp)) return false;
  try {
    const stamp = JSON.parse(readFileSync(paths.stamp, 'utf8')) as { n8n?: string; node?: string };
    return stamp.n8n === N8N_VERSION && stamp.node === NODE_VERSION && existsSync(paths.n8nBin);
  } catch {
    return false;
  }
}

function lockHolderAlive(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException | undefined)?.code === 'EPERM';
  }
}

/** One install at a time per cache folder; a lock left by a killed install is taken over. */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(dir, '.install-lock');
  for (let waited = 0; ; waited += 5) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      if (!lockHolderAlive(lock)) {
        log(`taking over a lock left by an install that stopped (${lock})`);
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (waited % 60 === 0) log(`another install is running (lock ${lock}); waiting…`);
      if (waited > 1800) throw new Error(`timed out waiting for ${lock}; remove it if no install is running`);
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function megabytesIn(dir: string): number {
  try {
    return Number(execFileSync('du', ['-sm', dir], { encoding: 'utf8' }).split(/\s/)[0]);
  } catch {
    return Number.NaN;
  }
}

/** Prints how much has been written every 15 s while a long step runs. */
function progressTicker(dir: string, expectedMb: number, started: number): () => void {
  const timer = setInterval(() => {
    const mb = megabytesIn(dir);
    const minutes = ((Date.now() - started) / 60000).toFixed(1);
    if (Number.isFinite(mb))
      log(
        `… ${(mb / 1024).toFixed(2)} GB of about ${(expectedMb / 1024).toFixed(1)} GB written (${minutes} min)`,
      );
  }, 15000);
  return () => clearInterval(timer);
}

/** Installs n8n if it is not there yet; returns its paths. */
export async function ensureN8n(dir: string = n8nCacheDir()): Promise<N8nPaths> {
  const paths = n8nPaths(dir);
  if (isInstalled(paths)) return paths;
  mkdirSync(dir, { recursive: true });
  await withLock(dir, async () => {
    if (isInstalled(paths)) return;
    const started = Date.now();
    log(`installing n8n ${N8N_VERSION} with Node.js ${NODE_VERSION} into ${dir}`);
    log('first run only: about 3 GB and 5 to 10 minutes; later runs reuse this folder');
    const npmEnv = {
      ...process.env,
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
    };
    const npmArgs = ['--no-save', '--no-package-lock', '--loglevel=warn'];

    log(`step 1/3: Node.js ${NODE_VERSION} (${NODE_PACKAGE})`);
    mkdirSync(join(dir, 'node'), { recursive: true });
    writeFileSync(join(dir, 'node', 'package.json'), '{"private":true}\n');
    if (!existsSync(paths.node)) {
      await run('npm', ['install', ...npmArgs, `${NODE_PACKAGE}@${NODE_VERSION}`], {
        cwd: join(dir, 'node'),
        env: npmEnv,
      });
    }

    // npm runs under Node 24 from here on, so native modules are built for n8n's Node, with the headers of that
    // Node (the node-linux-* package ships them in include/node): neither the network (node-gyp would download
    // them) nor the machine's npm configuration (a user's `nodedir`) decides which headers the build uses.
    const env24 = {
      ...npmEnv,
      PATH: `${paths.nodeBinDir}${delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: paths.nodeHeadersDir,
    };
    log(`step 2/3: n8n ${N8N_VERSION} (scripts off; this is the long one)`);
    mkdirSync(join(dir, 'n8n'), { recursive: true });
    writeFileSync(join(dir, 'n8n', 'package.json'), '{"private":true}\n');
    const stopTicker = progressTicker(dir, 3000, started);
    try {
      await run('npm', ['install', '--ignore-scripts', ...npmArgs, `n8n@${N8N_VERSION}`], {
        cwd: join(dir, 'n8n'),
        env: env24,
      });
    } finally {
      stopTicker();
    }

    log(
      `step 3/3: native sqlite3 for Node 24 (compiled from source with ${paths.nodeHeadersDir}/include/node: a few minutes)`,
    );
    if (!existsSync(join(paths.nodeHeadersDir, 'include', 'node', 'common.gypi'))) {
      throw new Error(
        `${NODE_PACKAGE}@${NODE_VERSION} has no headers in ${paths.nodeHeadersDir}/include/node`,
      );
    }
    const stepStarted = Date.now();
    const ticker = setInterval(
      () => log(`… still building sqlite3 (${((Date.now() - stepStarted) / 60000).toFixed(1)} min)`),
      30000,
    );
    try {
      await run('npm', ['rebuild', 'sqlite3'], { cwd: join(dir, 'n8n'), env: env24 });
    } finally {
      clearInterval(ticker);
    }

    writeFileSync(
      paths.stamp,
      `${JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, at: new Date().toISOString() }, null, 2)}\n`,
    );
    log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  });
  return paths;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const paths = await ensureN8n();
  log(`n8n ${N8N_VERSION} ready: ${paths.n8nBin} (Node ${paths.node})`);
  process.stdout.write(`${paths.dir}\n`);
}
