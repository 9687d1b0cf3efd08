// Runs the packed node inside a real n8n: packs it, installs it the way users do (community package folder
// $N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-entra-licensing), starts the Graph emulator, imports
// credentials and workflows with the n8n CLI and runs them all in one `n8n execute-batch` process.
// Used by the e2e tests (test/e2e), `demo` and `dev`.
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  type EmulatorCliOptions,
  type SpawnedEmulator,
  spawnEmulatorCli,
} from '@entra-licensing/graph-emulator/testing';

import type { SavedDevState } from './dev-setup.mjs';
import { ensureN8n, type N8nPaths } from './n8n-install.mjs';

/** One entry of the emulator's `GET /_emulator/requests`: the emulator's own type. */
export type { RequestLogEntry } from '@entra-licensing/graph-emulator';
/** The emulator of the harness: the test kit's spawned bin. */
/** The running emulator, as the e2e suites name it (the test kit's SpawnedEmulator). */
export type {
  EmulatorCliOptions,
  SpawnedEmulator,
  SpawnedEmulator as RunningEmulator,
} from '@entra-licensing/graph-emulator/testing';
export { type DevSetupPlan, type EmulatorAddress, planDevSetup, type SavedDevState } from './dev-setup.mjs';
export type { N8nPaths } from './n8n-install.mjs';

export interface BatchResult {
  status: 'success' | 'error' | 'warning';
  error: string | null;
  runData: Record<string, Array<Record<string, unknown>>> | null;
  pairedItems: Record<string, Array<{ item: number } | null>> | null;
}

export interface N8nRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A node type as `n8n export:nodes` lists it (the fields the tests read). */
export interface ExportedNodeType {
  name: string;
  displayName: string;
  version: number | number[];
  icon?: unknown;
  iconUrl?: unknown;
  usableAsTool?: boolean;
  polling?: boolean;
  credentials?: Array<{ name: string }>;
}

/** A workflow to import: n8n's own JSON (written as is), with the id the batch run refers to. */
export interface WorkflowToImport {
  id: string;
}

/** The workspace's root folder (the one holding pnpm-workspace.yaml). */
export const workspaceRoot = findWorkspaceRoot(dirname(fileURLToPath(import.meta.url)));
/** The n8n node's package folder: what the harness packs (a folder to pack, not a module it imports). */
export const nodePackageRoot = join(workspaceRoot, 'apps', 'n8n-node');
export const PACKAGE_NAME = 'n8n-nodes-entra-licensing';

function findWorkspaceRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}

/** Builds and packs the node; returns the tarball path (in a fresh temp folder). */
export function packNode(packageDir: string = nodePackageRoot): string {
  execFileSync(process.execPath, [join(packageDir, 'scripts', 'build.mjs')], {
    cwd: packageDir,
    stdio: 'ignore',
  });
  const out = mkdtempSync(join(tmpdir(), 'entra-pack-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', out], {
    cwd: packageDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${out}`);
  return join(out, tarball);
}

/** A fresh n8n user folder with the packed node installed as a community package. */
export function prepareN8nHome(
  tarball: string,
  home: string = mkdtempSync(join(tmpdir(), 'entra-n8n-')),
): string {
  const nodesDir = join(home, '.n8n', 'nodes');
  const target = join(nodesDir, 'node_modules', PACKAGE_NAME);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', target, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as {
    version: string;
  };
  writeFileSync(
    join(nodesDir, 'package.json'),
    `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: manifest.version } }, null, 2)}\n`,
  );
  return home;
}

/** Starts the Graph emulator's bin (the test kit's spawner) with the harness's default time scale. */
export async function startEmulator(options: EmulatorCliOptions = {}): Promise<SpawnedEmulator> {
  return await spawnEmulatorCli({ timeScale: 20, ...options });
}

/** The n8n credential (import:credentials format) for an app of the emulator. */
export function emulatorCredential(
  emulator: SpawnedEmulator,
  {
    id = 'entraEmulator01',
    name = 'Graph Emulator (licensing-admin)',
    app = 'licensing-admin',
    secret,
  }: { id?: string; name?: string; app?: string; secret?: string } = {},
): Record<string, unknown> {
  const entry = emulator.config.apps.find((a) => a.name === app);
  if (!entry) throw new Error(`the emulator has no app named ${app}`);
  return {
    id,
    name,
    type: 'microsoftEntraLicensingApi',
    data: {
      cloud: 'custom',
      graphBaseUrl: emulator.url,
      loginBaseUrl: emulator.config.loginBaseUrl,
      tenant: emulator.config.tenantDomain,
      clientId: entry.clientId,
      clientSecret: secret ?? entry.clientSecret,
      accessToken: '',
    },
  };
}

const FREE_PORT_SCRIPT =
  "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";

/**
 * A TCP port free on 127.0.0.1 a moment ago: the operating system picks it (bound to port 0 in a short-lived
 * child process, so this stays synchronous for n8nEnv) and it is released before it is returned.
 */
export function freePortSync(): number {
  const port = Number(execFileSync(process.execPath, ['-e', FREE_PORT_SCRIPT], { encoding: 'utf8' }));
  if (!Number.isInteger(port) || port <= 0) throw new Error(`could not find a free port (got "${port}")`);
  return port;
}

/** Whether nothing listens on `port` (checked by binding it on all interfaces, as n8n and the emulator do). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** `preferred` when it is free, otherwise a free port; says so when it had to choose another. */
export async function portOrFree(preferred: number, what: string): Promise<number> {
  if (await isPortFree(preferred)) return preferred;
  const port = freePortSync();
  process.stderr.write(`${what}: port ${preferred} is in use (another n8n?), using ${port} instead\n`);
  return port;
}

/**
 * The part of an n8n run's output that explains a failure: its last lines (n8n logs some fatal start-up errors,
 * such as a task-broker port in use, at level info, so the harness runs n8n at level info by default).
 */
export function n8nOutputTail(run: N8nRun, lines = 25): string {
  const all = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && !/\| debug \|/.test(line));
  return all.length === 0 ? '(n8n printed nothing)' : all.slice(-lines).join('\n');
}

/** Everything n8n needs to run headless from the cache, with this user folder. */
export function n8nEnv(
  paths: N8nPaths,
  home: string,
  extra: Record<string, string> = {},
): Record<string, string | undefined> {
  // A test runner's variables (NODE_ENV=test, VITEST…) make n8n behave as under its own tests: leave them out.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$)/.test(key)),
  );
  return {
    ...inherited,
    NODE_ENV: 'production',
    PATH: `${paths.nodeBinDir}${delimiter}${process.env.PATH ?? ''}`,
    N8N_USER_FOLDER: home,
    DB_TYPE: 'sqlite',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_RUNNERS_ENABLED: 'false',
    // n8n binds its task broker (default 5679) even for CLI runs: a free port lets several n8n run side by side.
    N8N_RUNNERS_BROKER_PORT: extra.N8N_RUNNERS_BROKER_PORT ?? String(freePortSync()),
    N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
    // info, not warn: n8n reports some fatal start-up errors (a port in use) at level info only.
    N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_TEMPLATES_ENABLED: 'false',
    ...extra,
  };
}

/** Runs an n8n CLI command with n8n's own Node 24; resolves with its exit code and output. */
export function runN8n(
  paths: N8nPaths,
  home: string,
  args: string[],
  { inherit = false, extraEnv }: { inherit?: boolean; extraEnv?: Record<string, string> } = {},
): Promise<N8nRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(paths.node, [paths.n8nBin, ...args], {
      env: n8nEnv(paths, home, extraEnv),
      stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c;
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function mustRun(paths: N8nPaths, home: string, args: string[]): Promise<N8nRun> {
  const result = await runN8n(paths, home, args);
  if (result.code !== 0)
    throw new Error(`n8n ${args[0]} failed (exit code ${result.code}):\n${n8nOutputTail(result)}`);
  return result;
}

export async function importCredentials(
  paths: N8nPaths,
  home: string,
  credentials: unknown[],
): Promise<void> {
  const file = join(home, 'credentials.json');
  writeFileSync(file, JSON.stringify(credentials));
  try {
    await mustRun(paths, home, ['import:credentials', `--input=${file}`]);
  } finally {
    rmSync(file, { force: true }); // it holds the client secret in clear
  }
}

export async function importWorkflows(
  paths: N8nPaths,
  home: string,
  workflows: WorkflowToImport[],
): Promise<void> {
  const dir = join(home, 'workflows-to-import');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const wf of workflows) writeFileSync(join(dir, `${wf.id}.json`), JSON.stringify(wf));
  await mustRun(paths, home, ['import:workflow', '--separate', `--input=${dir}`]);
}

/**
 * What an n8n user folder holds of a workflow and an emulator credential (by id), read with the n8n CLI: whether
 * the workflow is saved, and the credential's Graph and login addresses (the decrypted export is read and deleted
 * at once: it holds the client secret in clear).
 */
export async function readSavedDevState(
  paths: N8nPaths,
  home: string,
  { workflowId, credentialId }: { workflowId: string; credentialId: string },
): Promise<SavedDevState> {
  const workflowFile = join(home, 'saved-workflow.json');
  const credentialFile = join(home, 'saved-credential.json');
  const [workflow, credential] = [
    await runN8n(paths, home, ['export:workflow', `--id=${workflowId}`, `--output=${workflowFile}`]),
    await runN8n(paths, home, [
      'export:credentials',
      `--id=${credentialId}`,
      '--decrypted',
      `--output=${credentialFile}`,
    ]),
  ];
  const notFound = (run: N8nRun) => /No (workflows|credentials) found/.test(`${run.stdout}\n${run.stderr}`);
  if (workflow.code !== 0 && !notFound(workflow))
    throw new Error(`n8n export:workflow failed (exit code ${workflow.code}):\n${n8nOutputTail(workflow)}`);
  if (credential.code !== 0 && !notFound(credential))
    throw new Error(
      `n8n export:credentials failed (exit code ${credential.code}):\n${n8nOutputTail(credential)}`,
    );
  let saved: SavedDevState['credential'];
  try {
    if (credential.code === 0) {
      const [entry] = JSON.parse(readFileSync(credentialFile, 'utf8')) as Array<{
        data?: { graphBaseUrl?: unknown; loginBaseUrl?: unknown };
      }>;
      saved = {
        graphBaseUrl: String(entry?.data?.graphBaseUrl ?? ''),
        loginBaseUrl: String(entry?.data?.loginBaseUrl ?? ''),
      };
    }
  } finally {
    rmSync(credentialFile, { force: true });
    rmSync(workflowFile, { force: true });
  }
  return { workflowSaved: workflow.code === 0, credential: saved };
}

/** The summary file `n8n execute-batch --output` writes. */
export interface BatchSummary {
  executions: Array<{ workflowId: string; executionStatus: BatchResult['status']; error?: string }>;
  [key: string]: unknown;
}

interface SnapshotItem {
  json: Record<string, unknown>;
  pairedItem?: { item: number };
}

/** The part of an `execute-batch --snapshot` file read here. */
interface ExecutionSnapshot {
  data: { resultData: { runData: Record<string, Array<{ data?: { main?: SnapshotItem[][] } }>> } };
}

/**
 * Runs the workflows in one `n8n execute-batch` process (one after the other). Returns, per workflow id,
 * `{ status, error, runData }` where runData maps node name → its output items' JSON.
 */
export async function executeBatch(
  paths: N8nPaths,
  home: string,
  ids: string[],
  { extraEnv }: { extraEnv?: Record<string, string> } = {},
): Promise<{
  results: Record<string, BatchResult>;
  summary: BatchSummary;
  stdout: string;
  stderr: string;
}> {
  const snapshots = join(home, 'snapshots');
  rmSync(snapshots, { recursive: true, force: true });
  mkdirSync(snapshots, { recursive: true });
  const output = join(home, 'batch-output.json');
  rmSync(output, { force: true });
  const run = await runN8n(
    paths,
    home,
    [
      'execute-batch',
      `--ids=${ids.join(',')}`,
      '--concurrency=1',
      '--retries=0',
      `--snapshot=${snapshots}`,
      `--output=${output}`,
    ],
    { extraEnv },
  );
  if (!existsSync(output)) {
    throw new Error(
      `n8n execute-batch failed (exit code ${run.code}) and wrote no results; n8n said:\n${n8nOutputTail(run)}`,
    );
  }
  const summary = JSON.parse(readFileSync(output, 'utf8')) as BatchSummary;
  const results: Record<string, BatchResult> = {};
  for (const execution of summary.executions) {
    const snapshot = join(snapshots, `${execution.workflowId}-snapshot.json`);
    let runData: BatchResult['runData'] = null;
    let pairedItems: BatchResult['pairedItems'] = null;
    if (existsSync(snapshot)) {
      const data = JSON.parse(readFileSync(snapshot, 'utf8')) as ExecutionSnapshot;
      const outputs = Object.entries(data.data.resultData.runData).map(
        ([node, tasks]) => [node, tasks.at(-1)?.data?.main?.[0] ?? []] as const,
      );
      runData = Object.fromEntries(outputs.map(([node, items]) => [node, items.map((item) => item.json)]));
      pairedItems = Object.fromEntries(
        outputs.map(([node, items]) => [node, items.map((item) => item.pairedItem ?? null)]),
      );
    }
    results[execution.workflowId] = {
      status: execution.executionStatus,
      error: execution.error ?? null,
      runData,
      pairedItems,
    };
  }
  return { results, summary, stdout: run.stdout, stderr: run.stderr };
}

/** Everything at once: n8n (installed on first use), the packed node (packed now unless given), user folder, emulator. */
export async function setUpRealN8n({
  emulatorOptions,
  home,
  tarball,
}: {
  emulatorOptions?: EmulatorCliOptions;
  home?: string;
  /** An already packed tarball (otherwise the package is built and packed now). */
  tarball?: string;
} = {}): Promise<{ paths: N8nPaths; home: string; emulator: SpawnedEmulator }> {
  const paths = await ensureN8n();
  const packed = tarball ?? packNode();
  const n8nHome = prepareN8nHome(packed, home);
  if (!tarball) rmSync(dirname(packed), { recursive: true, force: true });
  const emulator = await startEmulator(emulatorOptions);
  return { paths, home: n8nHome, emulator };
}

/** The node types n8n loaded (`n8n export:nodes`), e.g. to check that the community package loads. */
export async function exportNodeTypes(paths: N8nPaths, home: string): Promise<ExportedNodeType[]> {
  const file = join(home, 'node-types.json');
  await mustRun(paths, home, ['export:nodes', `--output=${file}`]);
  return JSON.parse(readFileSync(file, 'utf8')) as ExportedNodeType[];
}
