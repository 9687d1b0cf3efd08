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

/** While this process holds the install lock: the file in it where each line it logs is also written. */
let progressFile: string | undefined;

function log(message: string): void {
  process.stderr.write(`[n8n-install] ${message}\n`);
  if (progressFile) {
    try {
      writeFileSync(progressFile, `${message}\n`);
    } catch {
      // the lock folder went away (its holder is ending): nothing to report to
    }
  }
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

function lockHolderPid(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException | undefined)?.code === 'EPERM';
  }
}

function minutes(ms: number): string {
  return `${(ms / 60000).toFixed(1)} min`;
}

/** How long to wait for another install, how often to say so, and where to say it. */
export interface LockWait {
  limitMs: number;
  pollMs: number;
  reportEveryMs: number;
  log: (line: string) => void;
}

const DEFAULT_WAIT: LockWait = { limitMs: 30 * 60_000, pollMs: 2_000, reportEveryMs: 15_000, log };

/**
 * One install at a time per cache folder. While another process holds the lock, says every 15 s what it waits
 * for: that install's pid and its last progress line (it writes each line it logs into the lock), the time waited
 * and the limit; then a line when the lock is free. A lock left by a killed install is taken over.
 */
export async function withLock<T>(
  dir: string,
  fn: () => Promise<T>,
  wait: LockWait = DEFAULT_WAIT,
): Promise<T> {
  const lock = join(dir, '.install-lock');
  const started = Date.now();
  let reportedAt: number | undefined;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const pid = lockHolderPid(lock);
      if (pid === undefined && Date.now() - started < wait.pollMs * 3) {
        // just created, its pid not written yet
      } else if (pid === undefined || !isAlive(pid)) {
        wait.log(`taking over a lock left by an install that stopped (${lock})`);
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      const waited = Date.now() - started;
      if (reportedAt === undefined || Date.now() - reportedAt >= wait.reportEveryMs) {
        reportedAt = Date.now();
        let progress = 'no progress reported yet';
        try {
          progress = readFileSync(join(lock, 'progress'), 'utf8').trim() || progress;
        } catch {
          // not written yet
        }
        wait.log(
          `waiting for another install (pid ${pid ?? '?'}, lock ${lock}): ${progress} — waited ${minutes(waited)} of at most ${minutes(wait.limitMs)}`,
        );
      }
      if (waited > wait.limitMs)
        throw new Error(
          `gave up after ${minutes(waited)} waiting for another install (lock ${lock}); remove that folder if no install is running`,
        );
      await new Promise((r) => setTimeout(r, wait.pollMs));
    }
  }
  if (reportedAt !== undefined)
    wait.log(`the other install is done (waited ${minutes(Date.now() - started)}); going on`);
  progressFile = join(lock, 'progress');
  try {
    return await fn();
  } finally {
    progressFile = undefined;
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
        `… step 2/3: ${(mb / 1024).toFixed(2)} GB of about ${(expectedMb / 1024).toFixed(1)} GB written (${minutes} min since the install began)`,
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
    if (isInstalled(paths)) {
      log(`n8n ${N8N_VERSION} installed by the other process: using it (${dir})`);
      return;
    }
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
      () =>
        log(
          `… step 3/3: still building sqlite3 (${minutes(Date.now() - stepStarted)}; ${minutes(Date.now() - started)} since the install began)`,
        ),
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
