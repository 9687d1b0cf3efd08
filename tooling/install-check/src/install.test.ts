// The published shape, installed the way users install it. Every public package is published to a local Verdaccio
// exactly as `changeset publish` does it (pnpm publish: `workspace:` ranges become versions), then, in empty
// folders that only know that registry: the CLI installed globally and run; the library installed in an empty
// project and the licensing README's first example run, its output compared with the README's; the n8n node
// installed into a real n8n's community-node folder as n8n's Community Nodes installs it, and a workflow run.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  emulatorCredential,
  executeBatch,
  importCredentials,
  importWorkflows,
  PACKAGE_NAME,
  type SpawnedEmulator,
  startEmulator,
  workspaceRoot,
} from '@entra-licensing/n8n-harness';
import { ensureN8n } from '@entra-licensing/n8n-harness/install';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { type LocalRegistry, startLocalRegistry } from './local-registry.mts';

const run = promisify(execFile);
let registry: LocalRegistry;
let emulator: SpawnedEmulator;
let dir: string;
let env: NodeJS.ProcessEnv;

/** The README's block after `<!-- output -->`: what the first example prints. */
function readmeOutput(readme: string): string {
  const text = readFileSync(readme, 'utf8');
  const m = /<!-- output -->\n```text\n([\s\S]*?)```/.exec(text);
  if (!m?.[1]) throw new Error(`${readme} has no <!-- output --> block`);
  return m[1];
}

beforeAll(async () => {
  registry = await startLocalRegistry();
  emulator = await startEmulator({ timeScale: 100 });
  dir = mkdtempSync(join(tmpdir(), 'entra-install-check-'));
  // Only the local registry (npm's cache is content-addressed: it may serve third-party tarballs it already has).
  env = {
    ...process.env,
    NPM_CONFIG_USERCONFIG: registry.userconfig,
    npm_config_registry: `${registry.url}/`,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // The pnpm that runs this task (on a bare machine it came through npx and is not on PATH).
  const execpath = process.env.npm_execpath ?? '';
  const [command, ...prefix] = /pnpm/.test(execpath) ? [process.execPath, execpath] : ['pnpm'];
  const publish = await run(
    command ?? 'pnpm',
    [...prefix, '-r', 'publish', '--no-git-checks', '--access', 'public'],
    { cwd: workspaceRoot, env },
  );
  process.stderr.write(publish.stdout);
});

afterAll(async () => {
  await emulator?.stop();
  await registry?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('installed from a registry, as users install', () => {
  test('every public package is on the registry, with no workspace: range left', async () => {
    for (const name of [
      '@entra-licensing/sku-catalog',
      '@entra-licensing/graph-client',
      '@entra-licensing/licensing',
      '@entra-licensing/graph-emulator',
      '@entra-licensing/cli',
      PACKAGE_NAME,
    ]) {
      const { stdout } = await run('npm', ['view', `${name}@0.1.0`, 'dependencies', '--json'], { env });
      expect(stdout).not.toContain('workspace:');
    }
  });

  test('npm install -g @entra-licensing/cli, then --help and a command against the emulator', async () => {
    const prefix = join(dir, 'global');
    await run('npm', ['install', '-g', '--prefix', prefix, '@entra-licensing/cli'], { env, cwd: dir });
    const bin = join(prefix, 'bin', 'entra-licensing');
    const help = await run(bin, ['--help'], { env });
    expect(help.stdout).toMatch(/^Usage: entra-licensing/m);
    const app = emulator.config.apps.find((a) => a.name === 'licensing-admin');
    const skus = await run(
      bin,
      ['skus', '--json', '--graph-base-url', emulator.url, '--login-base-url', emulator.config.loginBaseUrl],
      {
        env: {
          ...env,
          AZURE_TENANT_ID: emulator.config.tenantDomain,
          AZURE_CLIENT_ID: app?.clientId,
          AZURE_CLIENT_SECRET: app?.clientSecret,
        },
      },
    );
    const listed = JSON.parse(skus.stdout) as Array<{ skuPartNumber: string }>;
    expect(listed.map((s) => s.skuPartNumber)).toContain('SPE_E3');
  });

  test("npm install @entra-licensing/licensing, then the licensing README's first example prints what the README shows", async () => {
    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"private":true,"type":"module"}\n');
    await run(
      'npm',
      [
        'install',
        '@entra-licensing/licensing',
        '@entra-licensing/graph-client',
        '@entra-licensing/graph-emulator',
        'tsx@4.23.15',
      ],
      { env, cwd: project },
    );
    const licensingDir = join(workspaceRoot, 'packages', 'licensing');
    copyFileSync(join(licensingDir, 'examples', 'first-script.ts'), join(project, 'first-script.ts'));
    const { stdout } = await run(join(project, 'node_modules', '.bin', 'tsx'), ['first-script.ts'], {
      env,
      cwd: project,
    });
    expect(stdout).toBe(readmeOutput(join(licensingDir, 'README.md')));
  });

  test("the n8n node installed into a real n8n's community-node folder runs a workflow", async () => {
    const paths = await ensureN8n();
    const home = join(dir, 'n8n-home');
    const nodes = join(home, '.n8n', 'nodes');
    mkdirSync(nodes, { recursive: true });
    writeFileSync(join(nodes, 'package.json'), '{"name":"installed-nodes","private":true}\n');
    // As n8n's Community Nodes installs a package (and as the node's README says to install it by hand).
    await run(
      'npm',
      ['install', '--omit=peer', '--ignore-scripts', '--no-package-lock', `${PACKAGE_NAME}@0.1.0`],
      { env, cwd: nodes },
    );
    const credential = emulatorCredential(emulator);
    await importCredentials(paths, home, [credential]);
    const workflow = {
      id: 'installCheck0001',
      name: 'install check: list SKUs',
      active: false,
      settings: {},
      connections: { Start: { main: [[{ node: 'List SKUs', type: 'main', index: 0 }]] } },
      nodes: [
        {
          id: 'start',
          name: 'Start',
          type: 'n8n-nodes-base.manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
        {
          id: 'skus',
          name: 'List SKUs',
          type: `${PACKAGE_NAME}.microsoftEntraLicensing`,
          typeVersion: 1,
          position: [220, 0],
          credentials: { microsoftEntraLicensingApi: { id: credential.id, name: credential.name } },
          parameters: { resource: 'sku', operation: 'getAll' },
        },
      ],
    };
    await importWorkflows(paths, home, [workflow]);
    const { results } = await executeBatch(paths, home, [workflow.id]);
    const result = results[workflow.id];
    expect(result?.error ?? null).toBeNull();
    expect(result?.status).toBe('success');
    const items = result?.runData?.['List SKUs'] ?? [];
    expect(items.map((i) => i.skuPartNumber)).toContain('SPE_E3');
  });
});
