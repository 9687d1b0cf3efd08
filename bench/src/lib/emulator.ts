import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestLogEntry } from '@entra-licensing/graph-emulator';

const here = path.dirname(fileURLToPath(import.meta.url));
export const benchDir = path.resolve(here, '../..');
export const tmpDir = path.join(benchDir, '.tmp');
const emulatorCli = path.resolve(benchDir, '../apps/graph-emulator/dist/cli.js');

/** The emulator's command-line options (issue 3's contract). */
export interface EmulatorOptions {
  seed?: unknown;
  latency?: string;
  timeScale?: number;
  throttle?: string;
  faults?: string;
  randomSeed?: number;
  /** Serve HTTPS (the certificate path is returned for NODE_EXTRA_CA_CERTS). */
  tls?: boolean;
  extraArgs?: string[];
}

export interface EmulatorApp {
  name: string;
  clientId: string;
  clientSecret: string;
  roles: string[];
}

export interface EmulatorConfig {
  tenantId: string;
  tenantDomain: string;
  graphBaseUrl: string;
  loginBaseUrl: string;
  apps: EmulatorApp[];
}

/** One entry of `GET /_emulator/requests`: the emulator's own type (the log is read over HTTP, so type-only). */
export type LoggedRequest = RequestLogEntry;

export interface RunningEmulator {
  url: string;
  /** With `tls`: the certificate file to give clients as NODE_EXTRA_CA_CERTS. */
  caCertificatePath: string | undefined;
  stop(): Promise<void>;
  process: ChildProcess;
  /** Everything the emulator printed (for the secret campaign). */
  output(): string;
}

let seedCounter = 0;

async function writeSeed(seed: unknown): Promise<string> {
  await mkdir(tmpDir, { recursive: true });
  const file = path.join(tmpDir, `seed-${process.pid}-${++seedCounter}.json`);
  await writeFile(file, JSON.stringify(seed));
  return file;
}

/**
 * Starts the emulator's bin in its own process (so that its CPU use does not share the event loop of the client
 * being measured) and waits for its `graph-emulator listening on <url>` line.
 */
export async function startEmulatorProcess(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const args = [emulatorCli, '--port', '0'];
  if (options.seed !== undefined) args.push('--seed', await writeSeed(options.seed));
  if (options.latency !== undefined) args.push('--latency', options.latency);
  if (options.timeScale !== undefined) args.push('--time-scale', String(options.timeScale));
  if (options.throttle !== undefined) args.push('--throttle', options.throttle);
  if (options.faults !== undefined) args.push('--faults', options.faults);
  if (options.randomSeed !== undefined) args.push('--random-seed', String(options.randomSeed));
  if (options.tls) args.push('--tls');
  args.push(...(options.extraArgs ?? []));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const [url, caCertificatePath] = await new Promise<[string, string | undefined]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start in 30 s:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const listening = /graph-emulator listening on (\S+)/.exec(out);
      const certificate = /graph-emulator certificate (\S+)/.exec(out);
      if (listening && (!options.tls || certificate)) {
        clearTimeout(timer);
        resolve([listening[1]!, certificate?.[1]]);
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${code}) before listening:\n${out}`));
    });
  });
  return {
    url,
    caCertificatePath,
    process: child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function emulatorConfig(url: string): Promise<EmulatorConfig> {
  return json(await fetch(`${url}/_emulator/config`), 'GET /_emulator/config');
}

export async function emulatorRequests(url: string): Promise<LoggedRequest[]> {
  return json<LoggedRequest[]>(await fetch(`${url}/_emulator/requests`), 'GET /_emulator/requests');
}

export async function resetEmulator(url: string): Promise<void> {
  const response = await fetch(`${url}/_emulator/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`POST /_emulator/reset: HTTP ${response.status}`);
  await response.body?.cancel();
}

/** Client-credentials token from the emulator's token endpoint. */
export async function fetchToken(config: EmulatorConfig, app: EmulatorApp): Promise<string> {
  const response = await fetch(`${config.loginBaseUrl}/${config.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  const body = await json<{ access_token: string }>(response, 'token endpoint');
  return body.access_token;
}

export function writerApp(config: EmulatorConfig): EmulatorApp {
  const app = config.apps.find((a) => a.roles.includes('LicenseAssignment.ReadWrite.All'));
  if (!app) throw new Error('the emulator has no app with LicenseAssignment.ReadWrite.All');
  return app;
}

/** A write that counts against write quotas: a direct assignLicense or a write item of a `$batch`. */
export const isWrite = (r: LoggedRequest): boolean => r.write;
