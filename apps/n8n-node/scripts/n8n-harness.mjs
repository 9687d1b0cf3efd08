// Runs the packed node inside a real n8n: packs it, installs it the way users do (community package folder
// $N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-entra-licensing), starts the Graph emulator, imports
// credentials and workflows with the n8n CLI and runs them all in one `n8n execute-batch` process.
// Used by the e2e tests (test/e2e), `demo` and `dev`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureN8n } from './n8n-install.mjs';

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(packageRoot, 'package.json'));
export const PACKAGE_NAME = 'n8n-nodes-entra-licensing';

/** Builds and packs the node; returns the tarball path (in a fresh temp folder). */
export function packNode() {
  execFileSync(process.execPath, [join(packageRoot, 'scripts', 'build.mjs')], { cwd: packageRoot, stdio: 'ignore' });
  const out = mkdtempSync(join(tmpdir(), 'entra-pack-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: packageRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
  return join(out, tarball);
}

/** A fresh n8n user folder with the packed node installed as a community package. */
export function prepareN8nHome(tarball, home = mkdtempSync(join(tmpdir(), 'entra-n8n-'))) {
  const nodesDir = join(home, '.n8n', 'nodes');
  const target = join(nodesDir, 'node_modules', PACKAGE_NAME);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', target, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
  writeFileSync(
    join(nodesDir, 'package.json'),
    `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: manifest.version } }, null, 2)}\n`,
  );
  return home;
}

/** Starts the Graph emulator CLI (from the workspace) and reads its config. */
export async function startEmulator({ timeScale = 20, processingDelayMs, extraArgs = [] } = {}) {
  const cli = join(dirname(require.resolve('@entra-licensing/graph-emulator/package.json')), 'dist', 'cli.js');
  const args = [cli, '--time-scale', String(timeScale), ...extraArgs];
  if (processingDelayMs !== undefined) args.push('--processing-delay', String(processingDelayMs));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`graph-emulator did not start in 20 s: ${stderr}`)), 20000);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = /graph-emulator listening on (\S+)/.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`graph-emulator exited (${code}): ${stderr}`)));
  });
  const config = await (await fetch(`${url}/_emulator/config`)).json();
  return {
    url,
    config,
    async state(path) {
      const app = config.apps.find((a) => a.name === 'directory-admin') ?? config.apps[0];
      const token = await (
        await fetch(`${config.loginBaseUrl}/${config.tenantId}/oauth2/v2.0/token`, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: app.clientId,
            client_secret: app.clientSecret,
            scope: `${url}/.default`,
          }),
        })
      ).json();
      const response = await fetch(`${config.graphBaseUrl}${path}`, { headers: { Authorization: `Bearer ${token.access_token}` } });
      return await response.json();
    },
    async requests() {
      return await (await fetch(`${url}/_emulator/requests`)).json();
    },
    stop() {
      child.kill('SIGTERM');
    },
  };
}

/** The n8n credential (import:credentials format) for an app of the emulator. */
export function emulatorCredential(emulator, { id = 'entraEmulator01', name = 'Graph Emulator (licensing-admin)', app = 'licensing-admin', secret } = {}) {
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

/** Everything n8n needs to run headless from the cache, with this user folder. */
export function n8nEnv(paths, home, extra = {}) {
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
    // n8n binds its task broker (default 5679) even for CLI runs: a random high port lets several n8n run side by side.
    N8N_RUNNERS_BROKER_PORT: String(20000 + Math.floor(Math.random() * 30000)),
    N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
    N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_TEMPLATES_ENABLED: 'false',
    ...extra,
  };
}

/** Runs an n8n CLI command with n8n's own Node 24; resolves with its exit code and output. */
export function runN8n(paths, home, args, { inherit = false, extraEnv } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(paths.node, [paths.n8nBin, ...args], {
      env: n8nEnv(paths, home, extraEnv),
      stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c) => {
      stdout += c;
    });
    child.stderr?.on('data', (c) => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function mustRun(paths, home, args) {
  const result = await runN8n(paths, home, args);
  if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

export async function importCredentials(paths, home, credentials) {
  const file = join(home, 'credentials.json');
  writeFileSync(file, JSON.stringify(credentials));
  try {
    await mustRun(paths, home, ['import:credentials', `--input=${file}`]);
  } finally {
    rmSync(file, { force: true }); // it holds the client secret in clear
  }
}

export async function importWorkflows(paths, home, workflows) {
  const dir = join(home, 'workflows-to-import');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const wf of workflows) writeFileSync(join(dir, `${wf.id}.json`), JSON.stringify(wf));
  await mustRun(paths, home, ['import:workflow', '--separate', `--input=${dir}`]);
}

/**
 * Runs the workflows in one `n8n execute-batch` process (one after the other). Returns, per workflow id,
 * `{ status, error, runData }` where runData maps node name → its output items' JSON.
 */
export async function executeBatch(paths, home, ids) {
  const snapshots = join(home, 'snapshots');
  rmSync(snapshots, { recursive: true, force: true });
  mkdirSync(snapshots, { recursive: true });
  const output = join(home, 'batch-output.json');
  rmSync(output, { force: true });
  const run = await runN8n(paths, home, [
    'execute-batch',
    `--ids=${ids.join(',')}`,
    '--concurrency=1',
    '--retries=0',
    `--snapshot=${snapshots}`,
    `--output=${output}`,
  ]);
  if (!existsSync(output)) throw new Error(`n8n execute-batch wrote no output (${run.code}):\n${run.stdout}\n${run.stderr}`);
  const summary = JSON.parse(readFileSync(output, 'utf8'));
  const results = {};
  for (const execution of summary.executions) {
    const snapshot = join(snapshots, `${execution.workflowId}-snapshot.json`);
    let runData = null;
    let pairedItems = null;
    if (existsSync(snapshot)) {
      const data = JSON.parse(readFileSync(snapshot, 'utf8'));
      const outputs = Object.entries(data.data.resultData.runData).map(([node, tasks]) => [
        node,
        tasks.at(-1)?.data?.main?.[0] ?? [],
      ]);
      runData = Object.fromEntries(outputs.map(([node, items]) => [node, items.map((item) => item.json)]));
      pairedItems = Object.fromEntries(outputs.map(([node, items]) => [node, items.map((item) => item.pairedItem ?? null)]));
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
export async function setUpRealN8n({ emulatorOptions, home, tarball } = {}) {
  const paths = await ensureN8n();
  const packed = tarball ?? packNode();
  const n8nHome = prepareN8nHome(packed, home);
  if (!tarball) rmSync(dirname(packed), { recursive: true, force: true });
  const emulator = await startEmulator(emulatorOptions);
  return { paths, home: n8nHome, emulator };
}

/** The node types n8n loaded (`n8n export:nodes`), e.g. to check that the community package loads. */
export async function exportNodeTypes(paths, home) {
  const file = join(home, 'node-types.json');
  await mustRun(paths, home, ['export:nodes', `--output=${file}`]);
  return JSON.parse(readFileSync(file, 'utf8'));
}
