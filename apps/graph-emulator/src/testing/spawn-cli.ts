import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Seed } from '../seed/seed-types.js';
import { connectEmulator, type EmulatorClient } from './emulator-client.js';

/** The bin's options (`entra-graph-emulator --help`), typed; a seed may be an object (written to a temporary file). */
export interface EmulatorCliOptions {
  port?: number;
  host?: string;
  seed?: Seed | string;
  latency?: number | string;
  timeScale?: number;
  throttle?: string;
  faults?: string;
  randomSeed?: number;
  processingDelayMs?: number;
  replicationDelayMs?: number;
  concurrencyViolations?: boolean;
  /** false = `--no-charge-throttled`. */
  chargeThrottledRequests?: boolean;
  tls?: boolean;
  /** Arguments appended as given. */
  extraArgs?: string[];
  /** The Node executable to run the bin with. Default: this process's. */
  nodePath?: string;
  env?: NodeJS.ProcessEnv;
  /** Default 30 000. */
  startTimeoutMs?: number;
}

/** An emulator running in its own process: the HTTP client of its affordances, and the process. */
export interface SpawnedEmulator extends EmulatorClient {
  /** `<url>/v1.0` */
  readonly graphBaseUrl: string;
  readonly tenantId: string;
  readonly tenantDomain: string;
  /** With `tls`: the PEM file to trust (NODE_EXTRA_CA_CERTS). */
  readonly caCertificatePath: string | undefined;
  readonly process: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
}

/** The built bin (`dist/cli.js`); from `src/` (tests) and `dist/` alike. */
export const emulatorCliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function cliArguments(options: EmulatorCliOptions, seedFile: string | undefined): string[] {
  const args = ['--port', String(options.port ?? 0)];
  const add = (name: string, value: string | number | undefined): void => {
    if (value !== undefined) args.push(`--${name}`, String(value));
  };
  add('host', options.host);
  add('seed', seedFile);
  add('latency', options.latency);
  add('time-scale', options.timeScale);
  add('throttle', options.throttle);
  add('faults', options.faults);
  add('random-seed', options.randomSeed);
  add('processing-delay', options.processingDelayMs);
  add('replication-delay', options.replicationDelayMs);
  if (options.concurrencyViolations) args.push('--concurrency-violations');
  if (options.chargeThrottledRequests === false) args.push('--no-charge-throttled');
  if (options.tls) args.push('--tls');
  args.push(...(options.extraArgs ?? []));
  return args;
}

/**
 * Starts the emulator's bin in its own process (its CPU then does not share the event loop of what is measured or
 * tested) and resolves once it printed `graph-emulator listening on <url>` (and, with `tls`, its certificate).
 */
export async function spawnEmulatorCli(options: EmulatorCliOptions = {}): Promise<SpawnedEmulator> {
  let seedDir: string | undefined;
  let seedFile = typeof options.seed === 'string' ? options.seed : undefined;
  if (typeof options.seed === 'object') {
    seedDir = await mkdtemp(join(tmpdir(), 'graph-emulator-seed-'));
    seedFile = join(seedDir, 'seed.json');
    await writeFile(seedFile, JSON.stringify(options.seed));
  }
  const child = spawn(
    options.nodePath ?? process.execPath,
    [emulatorCliPath, ...cliArguments(options, seedFile)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    },
  );
  let out = '';
  const cleanUp = async (): Promise<void> => {
    if (seedDir) await rm(seedDir, { recursive: true, force: true });
  };
  const stop = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }).then(cleanUp);
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  let listening: { url: string; certificate: string | undefined };
  try {
    listening = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`graph-emulator did not start in ${timeoutMs} ms:\n${out}`)),
        timeoutMs,
      );
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const url = /graph-emulator listening on (\S+)/.exec(out)?.[1];
        const certificate = /graph-emulator certificate (\S+)/.exec(out)?.[1];
        if (url && (!options.tls || certificate)) {
          clearTimeout(timer);
          resolve({ url, certificate });
        }
      });
      child.stderr!.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`graph-emulator exited (${code}) before listening:\n${out}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  let client: EmulatorClient;
  try {
    const ca = listening.certificate ? await readFile(listening.certificate, 'utf8') : undefined;
    client = await connectEmulator(listening.url, { ca });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ...client,
    graphBaseUrl: client.config.graphBaseUrl,
    tenantId: client.config.tenantId,
    tenantDomain: client.config.tenantDomain,
    caCertificatePath: listening.certificate,
    process: child,
    output: () => out,
    stop,
  };
}
